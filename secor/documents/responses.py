from django.http import FileResponse, Http404

from secor.documents.models import Document


def document_response(document: Document) -> FileResponse:
    """Stream a stored document as a download (never rendered inline on our own origin)."""
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404("The stored file is missing.") from missing
    response = FileResponse(
        handle, content_type=document.content_type, as_attachment=True, filename=f"{document.name}.{document.extension}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
