"""Every staff list exports its current filter as CSV or Excel through one seam (secor/exports.py), formula-safe."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from secor.notices.models import Notice
from secor.rule_ids import RuleWords
from secor.timeline.services import event_record
from tests.factories import ApplicationFactory, CompanyFactory

HOSTILE = '=HYPERLINK("https://evil.example","click")'


def xlsx_rows(response) -> list[list]:
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def csv_rows(response) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv"
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


@pytest.fixture
def listed(db):
    company = CompanyFactory(legal_name=HOSTILE, status="applied", registration_date=None)
    application = ApplicationFactory(company=company)
    Notice.objects.create(
        kind="status-change",
        recipient_email="pat@roofing.example",
        subject_key=f"companies.company:{application.company_id}",
        about_date=date(2026, 11, 2),
        due_on=date(2026, 11, 2),
        company=application.company,
        subject="Your status",
    )
    return application


@pytest.mark.parametrize(
    ("url", "params", "header"),
    [
        ("companies:list", {"q": "HYPERLINK"}, "Legal name"),
        ("companies:export", {"q": "HYPERLINK"}, "Legal name"),
        ("companies:applications", {}, "Submitted"),
        ("notices:log", {"kind": "status-change"}, "Due"),
    ],
)
def test_a_staff_list_exports_its_filter_as_excel_with_a_typed_formula_kept_as_text(
    login, staff_user, listed, url, params, header
):
    path = reverse(url)
    rows = xlsx_rows(login(staff_user).get(path, {**params, "export": "xlsx"}))
    assert rows[0][0] == header and len(rows) == 2
    assert f"'{HOSTILE}" in rows[1]


def test_the_same_list_exports_as_csv_and_an_unknown_format_shows_the_page(login, staff_user, listed):
    client = login(staff_user)
    rows = csv_rows(client.get(reverse("notices:log"), {"export": "csv"}))
    assert rows[0][:3] == ["Due", "Notice", "Subject"] and rows[1][3] == f"'{HOSTILE}"
    page = client.get(reverse("notices:log"), {"export": "pdf"})
    assert page["Content-Type"].startswith("text/html") and "Export:" in page.text
    lists = ("training:deadlines", "audits:audit_requests", "audits:audit_calendar", "companies:cor_handoffs")
    lists += ("milestones:watch", "audits:anniversaries", "audits:manual_queue", "audits:maintenance_queue")
    for url in lists:
        assert csv_rows(client.get(reverse(url), {"export": "csv"}))[0], url


def test_staff_export_a_companys_timeline_with_its_rule_ids_and_its_employer_cannot(
    login, staff_user, employer, company
):
    event_record(
        company=company, actor=staff_user, kind="status", summary="De-rolled", detail=RuleWords("Late.", "MIL-3")
    )
    rows = csv_rows(login(staff_user).get(reverse("companies:detail", args=[company.pk]), {"export": "csv"}))
    assert rows[0] == ["When", "Kind", "Who", "What", "Detail", "Rule"]
    assert rows[1][1:] == ["Status changes", str(staff_user), "De-rolled", "Late.", "MIL-3"]
    page = login(employer).get(reverse("companies:detail", args=[company.pk]), {"export": "csv"})
    assert page["Content-Type"].startswith("text/html")  # the employer's page, not an export
