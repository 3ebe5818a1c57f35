"""Imports at go-live's scale (issue 26: 20,000 companies, 150,000 people, 500,000 training records): a file is read
and imported a part at a time, in one transaction (all of it or none), its problems said at the file's own lines; the
kinds written in batches find a record a line above added as the record it is, so that it is written once."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from companies.models import Company, Employee, Membership
from golive import services
from golive.events import IMPORTED
from golive.models import ImportRun
from golive.resources.companies import CompanyResource
from secor.reviews.models import Review
from secor.timeline.models import Event
from tests.factories import CompanyFactory
from training.models import TrainingRecord

COMPANIES = (
    "WCB account number,Legal name,Operating name,Street address,City,Postal code,Phone,Email,Trade,SCSA member,"
    "Status,Status date,Registration date\n"
)
ROSTER = (
    "WCB account number,First name,Last name,Email,Type,Permanent,Works in Saskatchewan,Field or office,"
    "Start date,End date\n"
)
USERS = "WCB account number,Email,First name,Last name,Owner\n"
TRAINING = "WCB account number,First name,Last name,Course,Completed on,Certificate number,Expires on\n"


def company(number: str, name: str = "Prairie Roofing Ltd.") -> str:
    address = "1 Main St,Regina,S4P 3Y2,306-555-0101,office@prairie.example"
    return f"{number},{name},,{address},Roofing,yes,Registered,,2025-03-01\n"


def test_elig_6_a_file_longer_than_a_part_is_imported_whole_its_problems_at_the_files_lines(
    staff, staff_user, monkeypatch
):
    monkeypatch.setattr(services, "PART_ROWS", 2)
    numbers = ["1000001", "1000002", "1000003", "12-AB", "1000005"]  # line 5: not a WCB account number
    broken = staff.imported("companies", COMPANIES + "".join(company(number) for number in numbers))
    assert [(problem["line"], problem["column"]) for problem in broken.problems] == [(5, "WCB account number")]
    assert (broken.rows, broken.counts["new"]) == (5, 4)
    # Imported (not only checked), its parts before the problem's are not kept either: all of the file or none.
    content = io.BytesIO((COMPANIES + "".join(company(number) for number in numbers)).encode())
    _, problems = services.import_file(CompanyResource(actor=staff_user), content, "csv", dry_run=False)
    assert problems == broken.problems
    assert not Company.objects.exists() and not Event.objects.exists()

    numbers[3] = "1000004"
    text = COMPANIES + "".join(company(number) for number in numbers)
    run = staff.imported("companies", text)
    assert (run.state, run.counts) == ("imported", {"new": 5, "changed": 0, "unchanged": 0})
    assert Company.objects.count() == Event.objects.filter(kind=IMPORTED).count() == 5  # each on its timeline
    assert staff.imported("companies", text).counts == {"new": 0, "changed": 0, "unchanged": 5}
    corrected = staff.imported("companies", text.replace(company("1000005"), company("1000005", "Prairie Roof Co.")))
    assert corrected.counts == {"new": 0, "changed": 1, "unchanged": 4}
    changed = Company.objects.get(wcb_account_number="1000005")
    # Its history, as a save keeps it: created, then changed, by the person who imported the files.
    assert [(line.history_type, line.legal_name, line.history_user) for line in changed.history.order_by("pk")] == [
        ("+", "Prairie Roofing Ltd.", staff_user),
        ("~", "Prairie Roof Co.", staff_user),
    ]


def test_a_csv_file_not_in_utf_8_is_refused_at_its_first_line_and_saves_nothing(
    staff, django_capture_on_commit_callbacks
):
    content = (COMPANIES + company("1000001") + company("1000002")).encode() + b"\xff\xfe not UTF-8\n"
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(reverse("golive:imports"), {"kind": "companies", "file": SimpleUploadedFile("c.csv", content)})
    run = ImportRun.objects.latest("pk")
    assert (run.state, run.problems[0]["line"]) == ("refused", 1)
    assert "cannot be read as CSV" in run.problems[0]["message"]
    assert not Company.objects.exists()


def test_elig_6_a_company_named_twice_in_a_file_is_one_company_as_its_last_line_says(staff):
    run = staff.imported("companies", COMPANIES + company("1000001") + company("100-0001", "Prairie Roofing 2000 Ltd."))
    assert (run.state, run.counts) == ("imported", {"new": 1, "changed": 1, "unchanged": 0})
    imported = Company.objects.get()
    assert imported.legal_name == "Prairie Roofing 2000 Ltd." and "2000" in imported.search_text  # the list's search


@pytest.mark.django_db
def test_trn_1_a_person_or_a_record_a_line_above_added_is_the_same_one(staff, staff_user):
    CompanyFactory(wcb_account_number="1234567")
    roster = staff.imported(
        "roster",
        ROSTER
        + "1234567,Ann,Lee,ann@mj.example,Full-time,yes,yes,field,2024-01-08,\n"
        + "1234567,ANN,LEE,ann@mj.example,Full-time,yes,yes,field,2024-01-09,\n",
    )
    assert (roster.state, roster.counts["new"]) == ("imported", 1)
    assert Employee.objects.get().start_date.isoformat() == "2024-01-09"

    training = staff.imported(
        "training",
        TRAINING
        + "1234567,Ann,Lee,Safety Management,2024-01-08,SM-1,\n"
        + "1234567,ann,lee,Safety Management,2024-01-10,sm-1,\n"  # the same certificate, corrected below
        + "1234567,Ann,Lee,Safety Auditor Training,2024-02-01,,\n",
    )
    assert (training.state, training.counts["new"]) == ("imported", 2)
    record = TrainingRecord.objects.get(course__name="Safety Management")
    review = Review.objects.select_related("latest_version").get(pk=record.review_id)
    # Verified in SCSA's records, dated as the course was completed: as a review opened and accepted says it.
    assert (record.completed_on.isoformat(), review.state, review.accepted_on, review.first_submitted_on) == (
        "2024-01-10",
        "accepted",
        record.completed_on,
        record.completed_on,
    )
    version = review.latest_version
    assert (version.number, version.outcome, version.data, version.submitted_by, review.decided_by) == (
        1,
        "accepted",
        {"completed_on": "2024-01-10", "certificate_number": "sm-1"},
        staff_user,
        staff_user,
    )
    assert review.history.count() == record.history.count() == 1


@pytest.mark.django_db
def test_elig_6_a_person_a_line_above_made_a_user_of_one_company_is_refused_for_another(staff, staff_user):
    roofing = CompanyFactory(wcb_account_number="1234567", legal_name="Moose Jaw Roofing Ltd.")
    CompanyFactory(wcb_account_number="7654321")
    refused = staff.imported("users", USERS + "1234567,pat@mj.example,Pat,Lee,yes\n7654321,PAT@mj.example,Pat,Lee,no\n")
    assert [(problem["line"], problem["column"]) for problem in refused.problems] == [(3, "Email")]
    assert "a user of Moose Jaw Roofing Ltd.: one login, one company" in refused.problems[0]["message"]

    run = staff.imported("users", USERS + "1234567,pat@mj.example,Pat,Lee,no\n1234567,pat@mj.example,Pat,Lee,yes\n")
    assert (run.state, run.counts) == ("imported", {"new": 1, "changed": 1, "unchanged": 0})
    membership = Membership.objects.get(user__email="pat@mj.example")
    assert (membership.company, membership.is_owner) == (roofing, True)  # as the last line says
    assert [(line.history_type, line.history_user) for line in membership.history.all()] == [("+", staff_user)]
