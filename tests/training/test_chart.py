"""The SECOR training chart by rule: which course counts, for whom and until when (TRN-2 to TRN-9)."""

from datetime import date

import pytest

from companies.rules import EmploymentType
from tests.clock import on
from tests.factories import EmployeeFactory, SubmissionFactory, TrainedEmployeeFactory
from tests.training.chart_helpers import TODAY, cells, chart_of, designate, fully_trained, held
from training import selectors
from training.chart import TRN_2_CLASH
from training.models import Course, ProficiencySubmission, TrainingRecord
from training.rules import CourseCode, Status

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with on(TODAY):
        yield


def test_trn_9_a_fully_trained_company_is_complete_with_the_single_designee_risk(company, jane):
    fully_trained(jane)
    chart = chart_of(company)
    assert chart.summary.complete
    assert all(cells(chart, code)[0].standing.status == Status.HELD for code in CourseCode.DESIGNATED)
    assert all(cells(chart, code)[1].standing.status == Status.NOT_REQUIRED for code in CourseCode.DESIGNATED)
    # TRN-3: one trained employee is allowed, but shown as a risk.
    assert "Safety Management is held by one trained employee only; best practice is several." in chart.summary.risks


def test_trn_3_scot_has_one_row_per_permanent_full_time_employee(company, jane):
    EmployeeFactory(company=company, first_name="Pat", employment_type=EmploymentType.PART_TIME)
    EmployeeFactory(company=company, first_name="Lee", is_permanent=False)
    sam = EmployeeFactory(company=company, first_name="Sam", last_name="Zed")
    held(jane, CourseCode.SCOT, date(2025, 1, 20))
    scot = cells(chart_of(company), CourseCode.SCOT)
    assert [(cell.employee, cell.standing.status) for cell in scot] == [(jane, Status.HELD), (sam, Status.MISSING)]


def test_trn_8_an_accepted_energy_safety_canada_course_counts_as_scot(company, jane):
    held(jane, CourseCode.COMMON_SAFETY_ORIENTATION, date(2024, 5, 5))
    assert cells(chart_of(company), CourseCode.SCOT)[0].standing.status == Status.HELD


def test_trn_8_an_equivalent_staff_no_longer_accept_does_not_count(company, jane):
    held(jane, CourseCode.PETROLEUM_SAFETY_TRAINING, date(2024, 5, 5))
    Course.objects.filter(code=CourseCode.PETROLEUM_SAFETY_TRAINING).update(equivalence_accepted=False)
    assert cells(chart_of(company), CourseCode.SCOT)[0].standing.status == Status.MISSING


def test_trn_9_the_summary_names_each_unmet_requirement_and_why(company, jane):
    held(jane, CourseCode.SAFETY_MANAGEMENT, date(2025, 1, 6))
    held(jane, CourseCode.SAFETY_AUDITOR, date(2026, 3, 2))  # self-audit due by 2026-11-02: already lapsed
    designate(jane, CourseCode.SAFETY_MANAGEMENT, CourseCode.SAFETY_AUDITOR, CourseCode.INTERNAL_AUDITOR_CERTIFICATE)
    summary = chart_of(company).summary
    assert not summary.complete
    assert summary.unmet == [
        "Safety Auditor Training: Jane Doe — Not submitted and accepted by November 2, 2026: the training has lapsed; "
        "the two-day Safety Auditor Training must be repeated.",
        "Internal Safety Auditor Certificate: Jane Doe — Not submitted and accepted by November 2, 2026: the training "
        "has lapsed; the two-day Safety Auditor Training must be repeated.",
        "Leadership for Safety Excellence (LSE): no trained employee designated.",
        "LSE Proficiency: no trained employee designated.",
        "Safety Construction Orientation Training (SCOT): Jane Doe — No SCOT (or an accepted Energy Safety Canada "
        "equivalent) on record.",
    ]


def test_trn_9_a_trained_employee_who_left_no_longer_counts(company, jane):
    fully_trained(jane)
    jane.end_date = date(2026, 11, 25)
    jane.save()
    chart = chart_of(company)
    first = cells(chart, CourseCode.SAFETY_MANAGEMENT)[0]
    assert first.standing.status == Status.MISSING
    assert "has not started or has left" in first.standing.note
    assert not chart.summary.complete


def test_trn_4_safety_management_needs_no_recertification(company, jane):
    held(jane, CourseCode.SAFETY_MANAGEMENT, date(2001, 4, 2))
    designate(jane, CourseCode.SAFETY_MANAGEMENT)
    assert cells(chart_of(company), CourseCode.SAFETY_MANAGEMENT)[0].standing.status == Status.HELD


def test_a_pending_record_shows_as_pending_verification(company, jane):
    held(jane, CourseCode.SAFETY_MANAGEMENT, date(2025, 1, 6), status=TrainingRecord.Status.PENDING)
    designate(jane, CourseCode.SAFETY_MANAGEMENT)
    assert cells(chart_of(company), CourseCode.SAFETY_MANAGEMENT)[0].standing.status == Status.PENDING


def test_trn_5_a_self_audit_under_review_shows_the_acceptance_deadline(company, jane):
    held(jane, CourseCode.SAFETY_MANAGEMENT, date(2025, 1, 6))
    held(jane, CourseCode.SAFETY_AUDITOR, date(2026, 6, 1))
    SubmissionFactory(employee=jane, kind=ProficiencySubmission.Kind.SELF_AUDIT)
    designate(jane, CourseCode.INTERNAL_AUDITOR_CERTIFICATE)
    standing = cells(chart_of(company), CourseCode.INTERNAL_AUDITOR_CERTIFICATE)[0].standing
    assert (standing.status, standing.due_on) == (Status.PENDING, date(2027, 2, 1))


def test_trn_6_an_accepted_maintenance_audit_and_recertification_renew_the_auditor_status(company, jane):
    held(jane, CourseCode.SAFETY_MANAGEMENT, date(2023, 1, 6))
    held(jane, CourseCode.SAFETY_AUDITOR, date(2024, 1, 16))
    held(jane, CourseCode.INTERNAL_AUDITOR_CERTIFICATE, date(2024, 6, 1))
    designate(jane, CourseCode.SAFETY_AUDITOR)
    overdue = cells(chart_of(company), CourseCode.SAFETY_AUDITOR)[0].standing
    # The maintenance audit was due by 2026-09-16, four months before the 2027-01-16 expiry.
    assert (overdue.status, overdue.due_on) == (Status.OVERDUE, date(2027, 1, 16))
    SubmissionFactory(
        employee=jane,
        kind=ProficiencySubmission.Kind.MAINTENANCE_AUDIT,
        status=ProficiencySubmission.Status.ACCEPTED,
        submitted_on=date(2025, 7, 2),
        accepted_on=date(2025, 8, 1),
    )
    held(jane, CourseCode.AUDITOR_RECERTIFICATION, date(2025, 11, 1))
    renewed = cells(chart_of(company), CourseCode.SAFETY_AUDITOR)[0].standing
    assert (renewed.status, renewed.due_on) == (Status.HELD, date(2030, 1, 16))


def test_trn_2_an_email_edited_to_match_another_companys_trained_employee_is_flagged(company, jane, other_company):
    TrainedEmployeeFactory(employee=EmployeeFactory(company=other_company, email="rosa@concrete.example"))
    fully_trained(jane)  # designated after the other company's place
    assert chart_of(company).summary.complete
    jane.email = "ROSA@concrete.example"
    jane.save()
    chart = chart_of(company)
    first = cells(chart, CourseCode.SAFETY_MANAGEMENT)[0]
    assert (first.standing.status, first.standing.note) == (Status.MISSING, TRN_2_CLASH)
    assert not chart.summary.complete
    # The company that designated the person first keeps them.
    assert cells(chart_of(other_company), CourseCode.SAFETY_MANAGEMENT)[0].standing.note != TRN_2_CLASH


def test_trn_6_the_certificate_row_lapses_with_the_auditor_status(company, jane):
    held(jane, CourseCode.SAFETY_MANAGEMENT, date(2020, 1, 6))
    held(jane, CourseCode.SAFETY_AUDITOR, date(2021, 1, 15))
    held(jane, CourseCode.INTERNAL_AUDITOR_CERTIFICATE, date(2021, 6, 1))
    designate(jane, CourseCode.SAFETY_AUDITOR, CourseCode.INTERNAL_AUDITOR_CERTIFICATE)
    chart = chart_of(company)
    for code in (CourseCode.SAFETY_AUDITOR, CourseCode.INTERNAL_AUDITOR_CERTIFICATE):
        standing = cells(chart, code)[0].standing
        assert standing.status == Status.LAPSED
        assert "expired on January 15, 2024" in standing.note


def test_trn_6_the_two_day_course_retaken_while_valid_is_the_classroom_recertification(company, jane):
    """DOMAIN section 8: it renews with a maintenance audit, and opens no new 8-month self-audit window."""
    held(jane, CourseCode.SAFETY_MANAGEMENT, date(2022, 1, 6))
    held(jane, CourseCode.SAFETY_AUDITOR, date(2023, 3, 10))
    held(jane, CourseCode.INTERNAL_AUDITOR_CERTIFICATE, date(2023, 6, 1))
    SubmissionFactory(
        employee=jane,
        kind=ProficiencySubmission.Kind.MAINTENANCE_AUDIT,
        status=ProficiencySubmission.Status.ACCEPTED,
        submitted_on=date(2025, 10, 1),
    )
    held(jane, CourseCode.SAFETY_AUDITOR, date(2025, 11, 20))  # retaken while valid (through 2026-03-10)
    designate(jane, CourseCode.SAFETY_AUDITOR, CourseCode.INTERNAL_AUDITOR_CERTIFICATE)
    chart = chart_of(company)
    auditor = cells(chart, CourseCode.SAFETY_AUDITOR)[0]
    assert (auditor.standing.status, auditor.standing.due_on) == (Status.HELD, date(2029, 3, 10))
    assert auditor.record.completed_on == date(2023, 3, 10)
    assert cells(chart, CourseCode.INTERNAL_AUDITOR_CERTIFICATE)[0].standing.status == Status.HELD


def test_trn_6_the_two_day_course_taken_after_the_status_lapsed_starts_anew(company, jane):
    held(jane, CourseCode.SAFETY_MANAGEMENT, date(2020, 1, 6))
    held(jane, CourseCode.SAFETY_AUDITOR, date(2021, 1, 15))
    held(jane, CourseCode.INTERNAL_AUDITOR_CERTIFICATE, date(2021, 6, 1))
    held(jane, CourseCode.SAFETY_AUDITOR, date(2026, 6, 1))  # the status expired on 2024-01-15
    designate(jane, CourseCode.SAFETY_AUDITOR)
    standing = cells(chart_of(company), CourseCode.SAFETY_AUDITOR)[0].standing
    assert (standing.status, standing.due_on) == (Status.DUE, date(2027, 2, 1))


def test_trn_8_an_energy_safety_canada_certificate_counts_for_scot_until_it_expires(company, jane):
    held(jane, CourseCode.COMMON_SAFETY_ORIENTATION, date(2024, 3, 1), expires_on=date(2027, 3, 1))
    chart = selectors.training_chart(company=company, today=date(2027, 3, 1))
    assert cells(chart, CourseCode.SCOT)[0].standing.status == Status.HELD
    assert chart.summary.holds_until == date(2027, 3, 1)
    expired = cells(selectors.training_chart(company=company, today=date(2027, 3, 2)), CourseCode.SCOT)[0].standing
    assert (expired.status, expired.due_on) == (Status.LAPSED, date(2027, 3, 1))
    assert "expired on March 1, 2027" in expired.note
