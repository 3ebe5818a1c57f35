import hashlib

from django.core.files.base import ContentFile

from secor.documents.models import Document
from secor.pdf import render_pdf
from secor.uploads import PDF, detect_type


def _store(*, company, kind: str, name: str, content: bytes, file_type, origin: str, actor) -> Document:
    document = Document(
        company=company,
        kind=kind,
        name=name,
        extension=file_type.extension,
        content_type=file_type.content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        origin=origin,
        created_by=actor,
    )
    document.file.save(f"{name}.{file_type.extension}", ContentFile(content), save=False)
    document.save()
    return document


def document_upload(*, company, kind: str, name: str, upload, actor) -> Document:
    """Store a file a person uploaded through a DocumentField (which has checked what it is): the company's, or
    with `company=None` the program's own (staff's program documents)."""
    upload.seek(0)
    content = upload.read()
    file_type = getattr(upload, "file_type", None) or detect_type(content[:16])
    if file_type is None:
        raise ValueError("document_upload takes files checked by DocumentField")
    return _store(
        company=company,
        kind=kind,
        name=name,
        content=content,
        file_type=file_type,
        origin=Document.Origin.UPLOADED,
        actor=actor,
    )


def document_issue_pdf(*, company, kind: str, name: str, template: str, context: dict, actor) -> Document:
    """Render a PDF that SECOR issues (a letter, a certificate) once, and keep it: it is served as stored."""
    return _store(
        company=company,
        kind=kind,
        name=name,
        content=render_pdf(template, context),
        file_type=PDF,
        origin=Document.Origin.ISSUED,
        actor=actor,
    )
