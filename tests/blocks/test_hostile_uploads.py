"""Hostile uploads (issue 12): polyglot and truncated PDFs, and names with path separators or control
characters: refused with a clear message, or stored under the media folder by a name SECOR makes, never by
the one sent. (Images declaring huge sizes: tests/blocks/test_documents.py; Word zip bombs and renamed
archives: tests/audits/test_manual.py.)"""

import io
import zipfile
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from secor.documents.services import document_upload
from tests.blocks.test_documents import clean
from tests.factories import PDF_BYTES


def zip_bytes(**files: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (PDF_BYTES + zip_bytes(**{"payload.html": b"<script>alert(1)</script>"}), "something more than a PDF"),
        (PDF_BYTES + b"<html><script>alert(1)</script></html>" * 100, "something more than a PDF"),
        (b"<html><script>alert(1)</script></html>\n" + PDF_BYTES, "not a PDF, PNG or JPEG"),
        (PDF_BYTES[:-200], "damaged or incomplete"),
        (b"%PDF-1.7\n" + b"\x00" * 50_000, "damaged or incomplete"),
        (b"GIF89a" + b"\x00" * 100, "not a PDF, PNG or JPEG"),
    ],
    ids=["pdf+zip", "pdf+html", "html-then-pdf", "truncated", "header-only", "gif"],
)
def test_a_hostile_document_is_refused_with_a_reason(content, message):
    with pytest.raises(forms.ValidationError, match=message):
        clean(content)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "sent_name",
    ["../../../../etc/passwd.pdf", "..\\..\\windows\\evil.pdf", "scan\x00.pdf\n.exe", "/absolute/path.pdf", "ä" * 300],
)
def test_a_name_with_path_separators_or_control_characters_stores_nothing_outside_the_media_folder(
    company, employer, sent_name
):
    media = Path(settings.MEDIA_ROOT).resolve()

    def files() -> set[Path]:
        return {path.resolve() for path in media.parent.rglob("*") if path.is_file()}

    before = files()
    upload = SimpleUploadedFile(sent_name, PDF_BYTES)
    upload.file_type = clean(PDF_BYTES).file_type
    document = document_upload(company=company, kind="certificate", name="certificate", upload=upload, actor=employer)
    stored = Path(document.file.path).resolve()
    assert stored.is_relative_to(media / "private") and stored.read_bytes() == PDF_BYTES
    assert ".." not in document.file.name and "\x00" not in document.file.name and sent_name not in document.file.name
    assert files() - before == {stored}  # nothing else written, inside or around the media folder
