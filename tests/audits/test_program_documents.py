"""The program documents: staff upload and replace them in one place (every version kept, the newest current),
each step of the employer's journey offers the ones it needs, and everyone signed in downloads them."""

from datetime import date

import pytest
from django.urls import reverse

from audits.program_documents.models import ProgramDocument
from tests.audits.cycle import certified
from tests.audits.manuals import docx_bytes
from tests.clock import on
from tests.factories import ManualSubmissionFactory, pdf_bytes, pdf_upload

pytestmark = pytest.mark.django_db
Kind = ProgramDocument.Kind
URL = reverse("audits:program_documents")


def upload(client, kind: str, content: bytes, name: str = "document.pdf", note: str = ""):
    return client.post(URL, {"program_document": kind, "file": pdf_upload(name, content), "note": note})


def offered(page: str) -> set[str]:
    """The kinds of program documents a page links to."""
    return {kind for kind in Kind.values if reverse("audits:program_document", args=[kind]) in page}


def test_staff_replace_a_document_and_every_version_is_kept_the_newest_offered(
    login, staff_user, employer, company, auditor
):
    staff = login(staff_user)
    first, second = pdf_bytes(title="Checklist 2026"), pdf_bytes(title="Checklist 2027")
    assert upload(staff, Kind.SUBMISSION_CHECKLIST, first).status_code == 302
    response = upload(staff, Kind.SUBMISSION_CHECKLIST, second, note="2027 edition")
    assert response.status_code == 302
    versions = ProgramDocument.objects.filter(kind=Kind.SUBMISSION_CHECKLIST).order_by("version")
    assert [(version.version, version.note) for version in versions] == [(1, ""), (2, "2027 edition")]
    assert versions[0].document.company is None  # the program's, not a company's
    page = staff.get(URL).content.decode()
    assert "Version 2</a> (PDF)" in page and "2027 edition" in page and "Version 1</a>" in page
    assert "Not uploaded yet: not offered to companies." in page  # the other kinds
    # The newest is the one everybody signed in downloads; staff may still open the earlier one.
    for user in (employer, auditor, staff_user):
        download = login(user).get(reverse("audits:program_document", args=[Kind.SUBMISSION_CHECKLIST]))
        assert b"".join(download.streaming_content) == second
    earlier = staff.get(reverse("audits:program_document_version", args=[versions[0].pk]))
    assert b"".join(earlier.streaming_content) == first


def test_a_word_file_is_taken_and_anything_else_is_refused_by_its_field(login, staff_user):
    staff = login(staff_user)
    word = staff.post(
        URL, {"program_document": Kind.SAMPLE_SAFE_JOB_PROCEDURES, "file": pdf_upload("sjp.docx", docx_bytes())}
    )
    assert word.status_code == 302
    response = upload(staff, Kind.SAMPLE_SAFE_WORK_PRACTICES, b"\x89PNG\r\n\x1a\n not a document", "swp.pdf")
    assert response.status_code == 200
    assert response.context["form"].errors["file"][0].startswith("This file is not a PDF or Word document")
    response = staff.post(URL, {"file": pdf_upload("swp.pdf", pdf_bytes())})
    assert response.context["form"].errors["program_document"] == ["Choose which program document this file is."]
    assert list(ProgramDocument.objects.values_list("kind", flat=True)) == [Kind.SAMPLE_SAFE_JOB_PROCEDURES]


def test_a_document_never_uploaded_is_neither_offered_nor_downloadable(login, employer, company):
    ManualSubmissionFactory(company=company, status="accepted")
    client = login(employer)
    page = client.get(reverse("audits:audit_request", args=[company.pk])).content.decode()
    assert offered(page) == set() and 'id="program-documents"' not in page
    assert client.get(reverse("audits:program_document", args=[Kind.SITE_ASSESSMENT])).status_code == 404
    assert client.get(reverse("audits:program_document", args=["not-a-kind"])).status_code == 404


def test_each_step_of_the_journey_offers_the_documents_it_needs(login, staff_user, employer, company):
    staff = login(staff_user)
    for kind in Kind.values:
        upload(staff, kind, pdf_bytes(title=kind))
    ManualSubmissionFactory(company=company, status="accepted", submitted_on=date(2026, 3, 2))
    client = login(employer)
    samples = {Kind.SAMPLE_SAFE_WORK_PRACTICES, Kind.SAMPLE_SAFE_JOB_PROCEDURES}
    manual = client.get(reverse("audits:manual_submit", args=[company.pk])).content.decode()
    assert offered(manual) == samples
    request = client.get(reverse("audits:audit_request", args=[company.pk])).content.decode()
    assert offered(request) == {Kind.SITE_ASSESSMENT, Kind.COMPLIANCE_DECLARATION, Kind.SUBMISSION_CHECKLIST}
    certified(company, staff_user)
    with on(date(2027, 6, 1)):
        maintenance = client.get(reverse("audits:maintenance_submit", args=[company.pk])).content.decode()
    assert offered(maintenance) == samples


def test_only_staff_upload_program_documents(login, employer, auditor):
    for user in (employer, auditor):
        response = upload(login(user), Kind.SITE_ASSESSMENT, pdf_bytes())
        assert response.status_code == 404
    assert not ProgramDocument.objects.exists()
