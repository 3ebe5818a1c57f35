"""Certificates uploaded with a course record: checked by their content and size, served to the company only,
and an expiry taken only where the certificate has one (TRN-8)."""

import io
from datetime import date

import pytest
from django.urls import reverse
from PIL import Image

from secor.uploads import MAX_UPLOAD_BYTES
from tests.clock import on
from tests.factories import course, pdf_upload
from tests.training.chart_helpers import TODAY, held
from training.models import TrainingRecord
from training.rules import CourseCode

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with on(TODAY):
        yield


def record_form(company, jane, upload):
    return {
        "employee": jane.pk,
        "course": course(CourseCode.SAFETY_MANAGEMENT).pk,
        "completed_on": "2025-01-10",
        "certificate_number": "SM-1",
        "certificate_file": upload,
    }


def test_an_exe_renamed_pdf_is_refused_by_its_content_and_nothing_is_saved(login, company, employer, jane):
    upload = pdf_upload("certificate.pdf", content=b"MZ\x90\x00\x03\x00\x00\x00 this is a Windows program")
    response = login(employer).post(
        reverse("training:record_add", args=[company.pk]), record_form(company, jane, upload)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["certificate_file"] == [
        "This file is not a PDF, PNG or JPEG (whatever its name says). Upload a scan or PDF of the document."
    ]
    assert 'value="SM-1"' in response.text
    assert not TrainingRecord.objects.exists()


def test_a_file_over_the_size_limit_is_refused_and_nothing_is_saved(login, company, employer, jane):
    upload = pdf_upload(content=b"%PDF-1.4\n" + b"0" * MAX_UPLOAD_BYTES)
    response = login(employer).post(
        reverse("training:record_add", args=[company.pk]), record_form(company, jane, upload)
    )
    assert "larger than 10 MB" in response.context["form"].errors["certificate_file"][0]
    assert not TrainingRecord.objects.exists()


def png_bytes(size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_png_certificate_is_accepted_and_served_to_the_company_only(login, company, employer, jane, other_employer):
    png = pdf_upload("scan.jpeg", content=png_bytes())
    login(employer).post(reverse("training:record_add", args=[company.pk]), record_form(company, jane, png))
    record = TrainingRecord.objects.get()
    assert record.document.file.name.endswith(".png")
    url = reverse("companies:document", args=[company.pk, record.document.pk])
    response = login(employer).get(url)
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert login(other_employer).get(url).status_code == 404


def test_a_stored_file_gone_from_disk_is_not_found_rather_than_an_error(login, company, employer, jane):
    document = held(jane, CourseCode.SCOT, date(2025, 1, 1)).document
    document.file.delete(save=False)
    document.file.name = f"private/company-{company.pk}/certificate/gone.pdf"
    document.save()
    assert login(employer).get(reverse("companies:document", args=[company.pk, document.pk])).status_code == 404


def test_trn_8_only_an_energy_safety_canada_certificate_takes_an_expiry(login, company, employer, jane):
    response = login(employer).post(
        reverse("training:record_add", args=[company.pk]),
        record_form(company, jane, pdf_upload()) | {"expires_on": "2027-01-01"},
    )
    assert "Only an Energy Safety Canada certificate has an expiry date" in response.text
    assert not TrainingRecord.objects.exists()
