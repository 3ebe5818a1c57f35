"""Uploaded documents (certificates, audits, manuals): checked by content, stored privately, served by views.

Files live under MEDIA_ROOT/private/ and have no public URL: a view checks the user's scope and streams them.
"""

import os
import uuid

from django import forms
from django.http import FileResponse, Http404

MAX_UPLOAD_MEGABYTES = 10
MAX_UPLOAD_BYTES = MAX_UPLOAD_MEGABYTES * 1024 * 1024

# What a file is, decided from its first bytes (its name and the browser's claim are not trusted).
SIGNATURES = {
    b"%PDF-": ("pdf", "application/pdf"),
    b"\x89PNG\r\n\x1a\n": ("png", "image/png"),
    b"\xff\xd8\xff": ("jpg", "image/jpeg"),
}
CONTENT_TYPES = dict(SIGNATURES.values())


def detect_document_type(head: bytes) -> str | None:
    """The extension (pdf, png, jpg) matching the file's first bytes, or None."""
    for signature, (extension, _content_type) in SIGNATURES.items():
        if head.startswith(signature):
            return extension
    return None


def private_upload_path(instance, filename: str) -> str:
    # The stored name is random and its extension is the detected type, never the uploader's file name.
    extension = getattr(instance, "_detected_extension", None) or os.path.splitext(filename)[1].lstrip(".").lower()
    return f"private/company-{instance.company_id}/{instance._meta.model_name}/{uuid.uuid4().hex}.{extension}"


class DocumentField(forms.FileField):
    """A PDF, PNG or JPEG of at most MAX_UPLOAD_MEGABYTES, checked by its content."""

    default_error_messages = {
        "type": "This file is not a PDF, PNG or JPEG (whatever its name says). Upload a scan or PDF of the document.",
        "size": f"This file is larger than {MAX_UPLOAD_MEGABYTES} MB. Upload a smaller scan (e.g. lower resolution).",
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", f"PDF, PNG or JPEG, at most {MAX_UPLOAD_MEGABYTES} MB.")
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("accept", ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg")

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload or upload is initial:
            return upload
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(self.error_messages["size"], code="size")
        upload.seek(0)
        extension = detect_document_type(upload.read(16))
        upload.seek(0)
        if extension is None:
            raise forms.ValidationError(self.error_messages["type"], code="type")
        upload.detected_extension = extension
        return upload


def attach_upload(instance, field_name: str, upload) -> None:
    """Store `upload` on the instance's file field under a private name with its detected extension."""
    instance._detected_extension = getattr(upload, "detected_extension", None)
    getattr(instance, field_name).save(upload.name, upload, save=False)


def serve_private_file(field_file, *, download_name: str) -> FileResponse:
    """Stream a stored upload as a download (never rendered inline on our own origin)."""
    extension = os.path.splitext(field_file.name)[1].lstrip(".")
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as missing:
        raise Http404("The stored file is missing.") from missing
    response = FileResponse(
        handle,
        content_type=CONTENT_TYPES.get(extension, "application/octet-stream"),
        as_attachment=True,
        filename=f"{download_name}.{extension}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
