"""Importing SCSA's accepted reviews: each company's manual approved on a day (MAN-2, against the audit-tool version
in effect then), and each person's accepted self-audit or LSE proficiency with the certificate it granted (TRN-5,
TRN-7), matched by that certificate's number; a broken file is refused by line and column and saves nothing."""

from datetime import date

import pytest

from audits.manual.models import ManualSubmission
from audits.manual.selectors import manual_dates
from secor.timeline.models import Event
from tests.factories import CompanyFactory, EmployeeFactory, TrainingRecordFactory
from training.models import Course, ProficiencySubmission, TrainingRecord
from training.rules import CourseCode

MANUALS = "WCB account number,Submitted on,Approved on\n"
PROFICIENCIES = "WCB account number,First name,Last name,Kind,Submitted on,Accepted on,Certificate number\n"


@pytest.fixture
def roofing(db):
    return CompanyFactory(wcb_account_number="1234567", legal_name="Moose Jaw Roofing Ltd.")


def test_man_2_a_manual_approved_is_imported_as_approved_and_a_second_import_changes_nothing(staff, roofing):
    text = MANUALS + "1234567,2024-02-01,2024-03-15\n"
    broken = staff.imported(
        "manuals",
        text
        + "9999999,,2024-03-15\n"  # line 3: no such company
        + "1234567,2024-05-01,2024-04-01\n"  # line 4: approved before it was sent
        + "1234567,,2010-01-01\n"  # line 5: before the first audit tool
        + "1234567,,soon\n",  # line 6: not a date
    )
    found = {(p["line"], p["column"], p["rule"]) for p in broken.problems}
    assert found == {
        (3, "WCB account number", "ELIG-6"),
        (4, "Submitted on", "MAN-2"),
        (5, "Approved on", "MAN-1"),
        (6, "Approved on", ""),
    }
    assert not ManualSubmission.objects.exists()

    run = staff.imported("manuals", text)
    assert (run.state, run.counts["new"]) == ("imported", 1)
    assert manual_dates(company=roofing) == (date(2024, 2, 1), date(2024, 3, 15), "accepted")
    assert Event.objects.filter(company=roofing, kind="imported").count() == 1
    assert staff.imported("manuals", text).counts == {"new": 0, "changed": 0, "unchanged": 1}
    downloaded = staff.exported("manuals")  # SECOR's data, imported again
    assert staff.imported("manuals", downloaded).counts["unchanged"] == 1
    corrected = staff.imported("manuals", text.replace("2024-03-15", "2024-03-20"))
    assert corrected.counts == {"new": 0, "changed": 1, "unchanged": 0}
    assert manual_dates(company=roofing)[1] == date(2024, 3, 20)
    assert ManualSubmission.objects.count() == 1


def test_trn_5_trn_7_accepted_proficiencies_grant_their_certificates_matched_by_number(staff, roofing):
    ann = EmployeeFactory(company=roofing, first_name="Ann", last_name="Lee", email="ann@mj.example")
    TrainingRecordFactory(
        employee=ann, course=Course.objects.get(code=CourseCode.SAFETY_MANAGEMENT), completed_on=date(2023, 9, 1)
    )
    TrainingRecordFactory(
        employee=ann, course=Course.objects.get(code=CourseCode.SAFETY_AUDITOR), completed_on=date(2024, 1, 10)
    )
    text = PROFICIENCIES + "1234567,Ann,Lee,Self-audit,2024-04-01,2024-05-01,IAC-77\n"
    broken = staff.imported(
        "proficiencies",
        text
        + "1234567,Zed,Nobody,Self-audit,2024-04-01,2024-05-01,IAC-78\n"  # line 3: not on the roster
        + "1234567,Ann,Lee,LSE proficiency,2024-04-01,2024-05-01,LSE-1\n"  # line 4: no LSE course first
        + "1234567,Ann,Lee,Self-audit,2024-04-01,2024-12-01,IAC-79\n"  # line 5: past the 8 months
        + "1234567,Ann,Lee,Audit of sorts,2024-04-01,2024-05-01,IAC-80\n",  # line 6: no such kind
    )
    found = {(p["line"], p["column"], p["rule"]) for p in broken.problems}
    assert found == {
        (3, "First name", ""),
        (4, "Kind", "TRN-7"),
        (5, "Accepted on", "TRN-5"),
        (6, "Kind", ""),
    }
    assert not ProficiencySubmission.objects.exists()

    run = staff.imported("proficiencies", text)
    assert (run.state, run.counts["new"]) == ("imported", 1)
    submission = ProficiencySubmission.objects.get(employee=ann)
    assert (submission.status, submission.submitted_on, submission.accepted_on) == (
        "accepted",
        date(2024, 4, 1),
        date(2024, 5, 1),
    )
    granted = TrainingRecord.objects.get(source_submission=submission)
    assert (granted.course.code, granted.certificate_number, granted.completed_on, granted.status) == (
        CourseCode.INTERNAL_AUDITOR_CERTIFICATE,
        "IAC-77",
        date(2024, 5, 1),
        TrainingRecord.Status.VERIFIED,
    )
    assert staff.imported("proficiencies", text).counts == {"new": 0, "changed": 0, "unchanged": 1}
    assert (
        staff.imported("proficiencies", staff.exported("proficiencies")).counts["unchanged"] == 1
    )  # SECOR's data, downloaded
    corrected = staff.imported("proficiencies", text.replace("2024-05-01", "2024-05-02"))
    assert corrected.counts == {"new": 0, "changed": 1, "unchanged": 0}
    granted.refresh_from_db()
    assert granted.completed_on == date(2024, 5, 2)
    assert ProficiencySubmission.objects.count() == 1
