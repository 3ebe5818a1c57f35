"""The program documents of `load_demo`: a small generated PDF standing in for each kind, uploaded by staff."""

from django.core.files.uploadedfile import SimpleUploadedFile

from audits.program_documents.models import ProgramDocument
from audits.program_documents.services import program_document_upload
from secor.core.models import User
from secor.pdf import render_pdf
from secor.uploads import MANUAL_TYPES, DocumentField


def add_demo_program_documents(*, staff: User) -> None:
    """The first version of every kind not uploaded yet (a second run adds nothing)."""
    present = set(ProgramDocument.objects.values_list("kind", flat=True))
    for kind in ProgramDocument.Kind:
        if kind in present:
            continue
        content = render_pdf("pdf/demo_document.html", {"title": kind.label})
        upload = DocumentField(types=MANUAL_TYPES).clean(
            SimpleUploadedFile(f"{kind}.pdf", content, content_type="application/pdf")
        )
        program_document_upload(kind=kind, upload=upload, note="Demo version", actor=staff)
