"""Importing SCSA's companies: the template, a check that saves nothing, then all of the file or none; importing again
changes nothing, a corrected file updates by WCB number (ELIG-6), and each imported row is on its company's timeline."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from companies.models import Company, RegistrationWait
from golive.models import ImportRun
from golive.resources.companies import CompanyResource
from secor.timeline.models import Event

HEADER = (
    "WCB account number,Legal name,Operating name,Street address,City,Postal code,Phone,Email,Trade,SCSA member,"
    "General Contractor,Workers expected as General Contractor,Status,Status date,Registration date"
)
GOOD = [
    "1234567,Moose Jaw Roofing Ltd.,,1 Main St,Moose Jaw,S6H 1A1,306-555-0101,office@mjroofing.example,Roofing,yes,,,"
    "Registered,,2025-03-01",
    "76543210,Swift Current Framing Inc.,Swift Framing,2 Central Ave,Swift Current,S9H 0A1,306-555-0102,"
    "office@scframing.example,Framing,no,,,De-rolled,2026-05-02,2024-04-01",
]


def csv_file(*lines: str, name: str = "companies.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, ("\n".join([HEADER, *lines]) + "\n").encode(), content_type="text/csv")


@pytest.fixture
def staff(login, staff_user, django_capture_on_commit_callbacks):
    """Staff's client, whose posts run the import task as their transaction commits."""
    client = login(staff_user)

    def post(url, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {}, follow=True)

    client.post_and_run = post
    return client


def upload(staff, file) -> ImportRun:
    page = staff.post_and_run(reverse("golive:imports"), {"kind": "companies", "file": file})
    assert page.status_code == 200
    return ImportRun.objects.latest("pk")


def test_the_template_says_each_columns_meaning_and_format(staff):
    workbook = load_workbook(io.BytesIO(staff.get(reverse("golive:template", args=["companies"])).content))
    assert [cell.value for cell in workbook.worksheets[0][1]] == HEADER.split(",")
    meanings = {row[0]: row[2] for row in workbook["Columns"].iter_rows(min_row=2, values_only=True) if row[0]}
    assert "6 to 10 digits" in meanings["WCB account number"] or "digits" in meanings["WCB account number"]
    assert "YYYY-MM-DD" in meanings["Registration date"]
    csv_template = b"".join(
        staff.get(reverse("golive:template", args=["companies"]), {"export": "csv"}).streaming_content
    )
    assert csv_template.decode().strip() == HEADER
    assert "Import SCSA's records" in staff.get(reverse("golive:imports")).text


def test_a_file_is_checked_first_then_imported_whole_and_importing_it_again_changes_nothing(staff, staff_user):
    run = upload(staff, csv_file(*GOOD))
    assert (run.state, run.counts, run.problems) == ("checked", {"new": 2, "changed": 0, "unchanged": 0}, [])
    assert not Company.objects.exists()  # the check saved nothing
    page = staff.get(reverse("golive:run", args=[run.pk]))
    assert "Import 2 rows" in page.text

    staff.post_and_run(reverse("golive:confirm", args=[run.pk]))
    run.refresh_from_db()
    assert run.state == "imported"
    roofing = Company.objects.get(wcb_account_number="1234567")
    assert (roofing.status, roofing.registration_date, roofing.is_scsa_member) == ("registered", date(2025, 3, 1), True)
    framing = Company.objects.get(wcb_account_number="76543210")
    assert (framing.status, framing.derolled_on, framing.left_program_as) == ("derolled", date(2026, 5, 2), "derolled")
    assert RegistrationWait.objects.filter(company=framing, derolled_on=date(2026, 5, 2)).exists()  # ELIG-5
    event = Event.objects.get(company=roofing)
    assert event.summary == f"Company imported from companies.csv by {staff_user.get_full_name() or staff_user.email}"

    again = upload(staff, csv_file(*GOOD))
    assert again.counts == {"new": 0, "changed": 0, "unchanged": 2}
    staff.post_and_run(reverse("golive:confirm", args=[again.pk]))
    assert Event.objects.count() == 2  # nothing changed, nothing on the timelines

    corrected = upload(staff, csv_file(GOOD[0].replace("306-555-0101", "306-555-0199"), GOOD[1]))
    assert corrected.counts == {"new": 0, "changed": 1, "unchanged": 1}
    staff.post_and_run(reverse("golive:confirm", args=[corrected.pk]))
    assert Company.objects.get(wcb_account_number="1234567").phone == "306-555-0199"
    assert Company.objects.count() == 2


def test_a_name_a_spreadsheet_would_read_as_a_formula_comes_back_from_the_download_unchanged(staff):
    """The download keeps "+Plus Roofing" from being read as a formula ("'+Plus Roofing"); imported again, the file
    changes nothing."""
    plus = GOOD[0].replace("Moose Jaw Roofing Ltd.,", "Moose Jaw Roofing Ltd.,+Plus Roofing")
    staff.post_and_run(reverse("golive:confirm", args=[upload(staff, csv_file(plus)).pk]))
    download = staff.get(reverse("golive:export", args=["companies"]), {"export": "csv"})
    exported = b"".join(download.streaming_content)
    assert b"'+Plus Roofing" in exported
    again = upload(staff, SimpleUploadedFile("companies.csv", exported, content_type="text/csv"))
    assert again.counts == {"new": 0, "changed": 0, "unchanged": 1}
    assert Company.objects.get().operating_name == "+Plus Roofing"


def test_elig_4_a_general_contractor_expecting_more_than_9_workers_is_imported_as_no_longer_qualifying(
    staff, staff_user
):
    """Imported history is history: SCSA registered it, and its page says at once that it no longer qualifies."""
    contractor = GOOD[0].replace("yes,,,", "yes,yes,12,")
    staff.post_and_run(reverse("golive:confirm", args=[upload(staff, csv_file(contractor)).pk]))
    company = Company.objects.get()
    assert (company.acts_as_general_contractor, company.expected_workers_as_general_contractor) == (True, 12)
    page = staff.get(reverse("companies:detail", args=[company.pk])).text
    assert "As a General Contractor or Management Company it expects to engage 12 workers" in page


def test_elig_6_a_broken_file_shows_every_problem_by_line_and_column_and_saves_nothing(staff):
    run = upload(
        staff,
        csv_file(
            GOOD[0],
            GOOD[1].replace("76543210", "12-AB"),  # line 3: not a WCB number
            GOOD[0].replace("1234567", "2345678").replace("Registered", "Sleeping"),  # line 4: no such status
            GOOD[0].replace("1234567", "3456789").replace("2025-03-01", "March 1"),  # line 5: not a date
            GOOD[1].replace("76543210", "4567890").replace("2026-05-02", ""),  # line 6: a de-roll without its day
            GOOD[0].replace("1234567", "5678901").replace("Moose Jaw Roofing Ltd.", ""),  # line 7: no name
            GOOD[0].replace("1234567", "6789012").replace("yes,,,", "yes,yes,,"),  # line 8: a GC's workers missing
        ),
    )
    found = {(problem["line"], problem["column"], problem["rule"]) for problem in run.problems}
    assert found == {
        (3, "WCB account number", "ELIG-6"),
        (4, "Status", ""),
        (5, "Registration date", ""),
        (6, "Status date", "ELIG-5"),
        (7, "Legal name", ""),
        (8, "Workers expected as General Contractor", "ELIG-4"),
    }
    messages = " ".join(problem["message"] for problem in run.problems)
    assert "A WCB account number is" in messages and "is not one of" in messages and "YYYY-MM-DD" in messages
    page = staff.get(reverse("golive:run", args=[run.pk]))
    assert "(ELIG-6)" in page.text and "Correct the file and upload it again" in page.text
    refused = staff.post_and_run(reverse("golive:confirm", args=[run.pk]))
    assert "Only a file checked without problems is imported" in refused.text
    assert not Company.objects.exists()


def test_a_file_missing_a_column_or_unreadable_is_refused_at_its_first_line(staff):
    no_city = SimpleUploadedFile("c.csv", b"WCB account number,Legal name,Town\n1234567,A Ltd.,Regina\n")
    run = upload(staff, no_city)
    assert run.problems[0]["line"] == 1
    assert "missing: Street address, City" in run.problems[0]["message"] and "Town" in run.problems[0]["message"]
    broken = upload(staff, SimpleUploadedFile("c.xlsx", b"not a workbook"))
    assert (broken.state, broken.problems[0]["line"]) == ("refused", 1)
    refused = staff.post(reverse("golive:imports"), {"kind": "companies", "file": SimpleUploadedFile("c.pdf", b"%PDF")})
    assert "Upload the file as CSV (.csv) or Excel (.xlsx)" in refused.text


def test_an_excel_file_reads_numbers_and_dates_as_typed(staff):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([column.column_name for column in CompanyResource.columns()])
    address = ["1 Main St", "Moose Jaw", "S6H 1A1", "306-555-0101", "a@mj.example"]
    sheet.append(
        [
            1234567,
            "Moose Jaw Roofing Ltd.",
            None,
            *address,
            "Roofing",
            "no",
            None,
            None,
            "registered",
            None,
            date(2025, 3, 1),
        ]
    )
    content = io.BytesIO()
    workbook.save(content)
    run = upload(staff, SimpleUploadedFile("companies.xlsx", content.getvalue()))
    assert (run.problems, run.counts["new"]) == ([], 1)
