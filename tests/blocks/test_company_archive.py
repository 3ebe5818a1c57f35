"""A company's whole record downloads as one zip: every kind of record SECOR keeps about it and its files, for its
employer and for staff; what only SCSA reads stays out of the company's copy, and no other company's rows are in it."""

import csv
import io
import zipfile
from datetime import date

from django.urls import reverse

from secor.company_archive import company_record_paths
from secor.documents.models import Document
from secor.notices.models import Notice
from tests.factories import DocumentFactory, EmployeeFactory, TrainingRecordFactory, course
from training.rules import CourseCode


def _archive(response) -> zipfile.ZipFile:
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def _rows(archive, table) -> list[dict]:
    return list(csv.DictReader(io.StringIO(archive.read(f"records/{table}.csv").decode())))


def _notice(company, **fields):
    values = {"kind": "status-change", "recipient_email": "pat@roofing.example", "about_date": date(2026, 11, 2)}
    values |= {"subject_key": f"companies.company:{company.pk}", "due_on": date(2026, 11, 2), "company": company}
    return Notice.objects.create(**(values | fields))


def test_the_archive_holds_every_record_and_file_of_the_company_and_nothing_of_another(
    login, company, employer, staff_user, other_company
):
    jane = EmployeeFactory(company=company, first_name="Jane", email="jane@roofing.example")
    TrainingRecordFactory(employee=jane, course=course(CourseCode.SAFETY_MANAGEMENT), completed_on=date(2024, 1, 8))
    EmployeeFactory(company=other_company, first_name="Charlie")
    certificate = DocumentFactory(company=company, kind="certificate")
    _notice(company, subject="Your status")
    _notice(company, subject="Internal note for SCSA", for_staff=True, recipient_email="staff@scsa.example")

    staff_copy = _archive(login(staff_user).get(reverse("companies:archive", args=[company.pk])))
    assert [row["legal_name"] for row in _rows(staff_copy, "companies_company")] == [company.legal_name]
    assert [row["first_name"] for row in _rows(staff_copy, "companies_employee")] == ["Jane"]
    assert len(_rows(staff_copy, "training_trainingrecord")) == 1
    assert {row["subject"] for row in _rows(staff_copy, "notices_notice")} == {"Your status", "Internal note for SCSA"}
    stored = Document.objects.get(pk=certificate.pk).file.open("rb").read()
    assert staff_copy.read(f"files/certificate/{certificate.pk}-{certificate}") == stored
    assert "companies_historicalemployee.csv" in " ".join(staff_copy.namelist())

    own_copy = _archive(login(employer).get(reverse("companies:archive", args=[company.pk])))
    assert {row["subject"] for row in _rows(own_copy, "notices_notice")} == {"Your status"}
    assert not [name for name in own_copy.namelist() if "historical" in name]
    assert "README.txt" in own_copy.namelist()


def test_every_company_record_model_is_found_by_its_keys():
    paths = {model._meta.label_lower: lookup for model, lookup in company_record_paths().items()}
    assert paths["training.trainingrecord"] == "company"
    assert paths["reviews.reviewversion"] == "review__company"
    assert paths["audits.auditscore"] == "audit__company"
    assert "core.user" not in paths and "audits.programdocument" not in paths
