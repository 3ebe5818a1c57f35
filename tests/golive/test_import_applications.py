"""Importing SCSA's applications (issue 26): what each applicant declared and signed (ELIG-1) and SCSA's decision,
matched by the company and the day it applied. A waiting one is in the applications queue, decided as any other;
a broken file gives every problem by line and column and saves nothing."""

from datetime import date

import pytest
from django.urls import reverse

from companies.models import Application, Company
from companies.services import application_accept
from tests.clock import on
from tests.factories import CompanyFactory, MembershipFactory

HEADER = (
    "WCB account number,Applied on,Applied by,Agreement signed by,Owners in the field,Owners in the office,"
    "Full-time workers in the field,Full-time workers in the office,Part-time workers in the field,"
    "Part-time workers in the office,Casual workers in the field,Casual workers in the office,"
    "Sub-contractors in the field,Sub-contractors in the office,Registration fee,Decision,Decided on,Declined because\n"
)
WAITING = "1234567,2026-11-02,ann@roofing.example,Ann Lee,1,,4,1,,,,,,,250.00,Waiting for SCSA,,\n"
ACCEPTED = "7654321,2025-02-10,bo@framing.example,Bo Chan,1,,2,,,,,,,,0.00,Accepted,2025-02-20,\n"


@pytest.fixture(autouse=True)
def _today():
    with on(date(2026, 11, 26)):
        yield


@pytest.fixture
def companies(db):
    applying = CompanyFactory(wcb_account_number="1234567", status=Company.Status.APPLIED, registration_date=None)
    registered = CompanyFactory(wcb_account_number="7654321", registration_date=date(2025, 2, 20))
    MembershipFactory(company=applying, user__email="ann@roofing.example", is_owner=True)
    MembershipFactory(company=registered, user__email="bo@framing.example", is_owner=True)
    return applying, registered


def test_elig_1_a_waiting_application_is_imported_into_the_queue_and_decided_as_any_other(staff, staff_user, companies):
    applying, registered = companies
    run = staff.imported("applications", HEADER + WAITING + ACCEPTED)
    assert (run.state, run.problems, run.counts["new"]) == ("imported", [], 2)
    waiting = Application.objects.get(company=applying)
    assert (waiting.declared_workers, waiting.workers["full_time_office"], waiting.decision) == (6, 1, "pending")
    assert str(waiting.registration_fee) == "250.00" and waiting.submitted_by.email == "ann@roofing.example"
    accepted = Application.objects.get(company=registered)
    assert (accepted.decision, accepted.decided_at.date()) == ("accepted", date(2025, 2, 20))
    assert "1234567" in staff.get(reverse("companies:applications")).text
    application_accept(application=waiting, actor=staff_user)
    assert Company.objects.get(pk=applying.pk).status == Company.Status.REGISTERED
    again = staff.imported("applications", HEADER + staff.exported("applications").decode().split("\n", 1)[1])
    assert again.counts == {"new": 0, "changed": 0, "unchanged": 2}  # SECOR's download read back changes nothing


def test_elig_2_elig_6_a_broken_applications_file_shows_every_problem_by_line_and_column_and_saves_nothing(
    staff, companies
):
    run = staff.imported(
        "applications",
        HEADER
        + WAITING.replace(",4,1,", ",9,1,")  # line 2: 11 workers declared
        + WAITING.replace("1234567", "7654321").replace("ann@roofing", "bo@framing")  # line 3: registered already
        + ACCEPTED.replace("Accepted,2025-02-20,", "Declined,2025-02-20,")  # line 4: declined without a reason
        + ACCEPTED.replace("bo@framing", "nobody@framing")  # line 5: not a user of the company
        + ACCEPTED.replace("2025-02-20", "2025-01-20"),  # line 6: decided before it applied
    )
    found = {(problem["line"], problem["column"], problem["rule"]) for problem in run.problems}
    assert found == {
        (2, "Owners in the field", "ELIG-2"),
        (3, "Decision", "ELIG-6"),
        (4, "Declined because", ""),
        (5, "Applied by", ""),
        (6, "Decided on", ""),
    }
    assert "declares 11 workers" in " ".join(problem["message"] for problem in run.problems)
    assert run.state == "checked" and not Application.objects.exists()
