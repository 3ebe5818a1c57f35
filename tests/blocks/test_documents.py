"""Documents: checked deeply by content, stored once with size and checksum, served by one scoped view."""

import hashlib
import io

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfWriter

from secor.documents.models import Document
from secor.documents.services import document_issue_pdf, document_upload
from secor.uploads import DocumentField
from tests.factories import PDF_BYTES, DocumentFactory, pdf_bytes
from tests.pdfs import pdf_text


def image(format_: str, size=(60, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, format=format_)
    return buffer.getvalue()


def encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def clean(content: bytes, name: str = "upload.pdf"):
    return DocumentField().clean(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    ("content", "extension"),
    [(PDF_BYTES, "pdf"), (image("PNG"), "png"), (image("JPEG"), "jpg")],
    ids=["pdf", "png", "jpeg"],
)
def test_a_readable_pdf_or_image_is_accepted_whatever_its_name(content, extension):
    assert clean(content, name="scan.txt").file_type.extension == extension


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.4\nthis is junk and no PDF at all\n" * 20, "damaged or incomplete"),
        (PDF_BYTES[: len(PDF_BYTES) // 2], "damaged or incomplete"),
        (encrypted_pdf(), "protected by a password"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "PNG image is damaged"),
        (image("JPEG")[:100], "JPG image is damaged"),
        (b"MZ\x90\x00 a Windows program", "not a PDF, PNG or JPEG"),
    ],
    ids=["pdf-header-then-junk", "truncated-pdf", "encrypted-pdf", "png-header-only", "truncated-jpeg", "exe"],
)
def test_a_file_that_is_not_what_it_claims_is_refused_with_a_reason(content, message):
    with pytest.raises(forms.ValidationError, match=message):
        clean(content)


def test_an_image_declaring_a_huge_size_is_refused_before_it_is_decoded():
    # A small PNG whose header declares 20,000 by 20,000 pixels: a decompression bomb.
    bomb = image("PNG", size=(20_000, 20_000))
    assert len(bomb) < 2_000_000
    with pytest.raises(forms.ValidationError, match="far larger than a scan"):
        clean(bomb)


@pytest.mark.django_db
def test_an_upload_is_stored_once_with_its_type_size_and_checksum(company, employer):
    upload = SimpleUploadedFile("My Scan.PDF", PDF_BYTES)
    upload.file_type = clean(PDF_BYTES).file_type
    document = document_upload(company=company, kind="certificate", name="scot-jane", upload=upload, actor=employer)
    assert (document.extension, document.content_type, document.size) == ("pdf", "application/pdf", len(PDF_BYTES))
    assert document.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    assert document.file.name.startswith(f"private/company-{company.pk}/certificate/")
    assert "My Scan" not in document.file.name  # never the uploader's file name
    assert document.origin == Document.Origin.UPLOADED


@pytest.mark.django_db
def test_an_issued_pdf_is_rendered_once_and_served_as_stored(login, company, staff_user, employer):
    document = document_issue_pdf(
        company=company,
        kind="letter",
        name="demo-letter",
        template="pdf/demo_document.html",
        context={},
        actor=staff_user,
    )
    assert document.origin == Document.Origin.ISSUED
    stored = document.file.read()
    assert "Demo document" in pdf_text(stored)
    response = login(employer).get(reverse("companies:document", args=[company.pk, document.pk]))
    assert b"".join(response.streaming_content) == stored
    assert response["Content-Disposition"] == 'attachment; filename="demo-letter.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_another_companys_document_is_not_found_through_this_company(login, company, employer, other_company):
    foreign = DocumentFactory(company=other_company, file__data=pdf_bytes(title="Theirs"))
    assert login(employer).get(reverse("companies:document", args=[company.pk, foreign.pk])).status_code == 404
