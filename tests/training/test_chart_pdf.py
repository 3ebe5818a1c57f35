"""TRN-9's chart as a PDF: rendered by a worker once a write to it commits, served kept, never from before a write
(training/chart_pdf.py, secor/company_keep.py)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from companies.inputs import EMPLOYEE_FIELDS
from companies.services import employee_update
from tests.clock import on
from tests.factories import EmployeeFactory, TrainedEmployeeFactory, course, pdf_upload
from tests.pdfs import pdf_text
from training import services
from training.rules import CourseCode

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with on(date(2026, 11, 26)):
        yield


def add_scot(company, employer, number: str):
    return services.record_add(
        company=company,
        actor=employer,
        employee=company.employees.get(),
        course=course(CourseCode.SCOT),
        completed_on=date(2025, 1, 6),
        certificate_number=number,
        certificate_file=pdf_upload(),
    )


def download(client, company) -> tuple[str, bool]:
    """The chart's text, and whether the download read the training records (rendered it) to serve it."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("training:chart_pdf", args=[company.pk]))
    assert response.status_code == 200
    rendered = any("training_trainingrecord" in query["sql"] for query in captured.captured_queries)
    return pdf_text(response.content), rendered


def test_trn_9_after_a_write_a_worker_keeps_the_new_chart_and_the_download_serves_it_without_rendering(
    login, company, employer, django_capture_on_commit_callbacks
):
    EmployeeFactory(company=company, first_name="Jane", last_name="Doe")
    client = login(employer)
    with django_capture_on_commit_callbacks(execute=True):  # the worker runs once the write commits
        add_scot(company, employer, "SCOT-2025-77")
    text, rendered = download(client, company)
    assert "SCOT-2025-77" in text
    assert not rendered


def test_trn_9_a_chart_kept_before_a_write_is_never_served_after_it(login, company, employer):
    EmployeeFactory(company=company, first_name="Jane", last_name="Doe")
    client = login(employer)
    download(client, company)
    assert not download(client, company)[1]  # the first download kept it
    add_scot(company, employer, "SCOT-2025-78")  # committed, its worker not run yet (or the broker down)
    text, rendered = download(client, company)
    assert "SCOT-2025-78" in text
    assert rendered


def test_trn_9_the_next_day_the_chart_is_rendered_for_that_day(login, company, employer):
    client = login(employer)
    assert "as of November 26, 2026" in download(client, company)[0]
    with on(date(2026, 11, 27)):
        text, rendered = download(client, company)
    assert "as of November 27, 2026" in text
    assert rendered


def test_trn_2_a_change_to_a_person_reaches_the_kept_chart_of_another_company_that_designated_them(
    login, company, other_company, employer, other_employer
):
    """Jane was designated by the company first and then by the other one, where she counts only once she leaves
    the first: ending her employment there changes the other company's chart, whose kept PDF is not served."""
    jane = EmployeeFactory(company=company, first_name="Jane", last_name="Doe", email="jane@example.com")
    TrainedEmployeeFactory(employee=jane, course=course(CourseCode.SCOT))
    TrainedEmployeeFactory(
        employee=EmployeeFactory(company=other_company, first_name="Jane", last_name="Doe", email="jane@example.com"),
        course=course(CourseCode.SCOT),
    )
    client = login(other_employer)
    download(client, other_company)
    assert not download(client, other_company)[1]
    data = {name: getattr(jane, name) for name in EMPLOYEE_FIELDS} | {"end_date": date(2026, 11, 25)}
    employee_update(employee=jane, actor=employer, data=data)
    assert download(client, other_company)[1]
