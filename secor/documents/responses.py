from csp.constants import SELF
from django.http import FileResponse, Http404

from secor.documents.models import Document

# What a reviewer may preview in the page (a PDF in the browser's viewer, an image); anything else downloads.
PREVIEWABLE = frozenset({"application/pdf", "image/png", "image/jpeg"})


def document_response(document: Document, *, inline: bool = False) -> FileResponse:
    """Stream a stored document: a download, or for a preview in our own page a PDF or image shown inline
    (its stored type, checked by content at upload, is the only type it is served as)."""
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404("The stored file is missing.") from missing
    inline = inline and document.content_type in PREVIEWABLE
    response = FileResponse(
        handle,
        content_type=document.content_type,
        as_attachment=not inline,
        filename=f"{document.name}.{document.extension}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    if inline:
        # Shown in a frame of the review page, of no other site (the policy's frame-ancestors is 'none').
        response["X-Frame-Options"] = "SAMEORIGIN"
        response._csp_replace = {"frame-ancestors": [SELF]}
    return response
