"""The daily sweep (NTC-1, NTC-2): deadline notices found set-based, claimed once, caught up after missed days."""

from datetime import date, datetime, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from milestones.models import MilestoneLetter
from secor import hooks
from secor.notices.kinds import NOTICE_KINDS
from secor.notices.models import Notice
from secor.notices.services import notices_sweep
from tests.clock import REGINA, on
from tests.factories import (
    AuditorFactory,
    CompanyFactory,
    EmployeeFactory,
    ManualSubmissionFactory,
    MembershipFactory,
    SubmissionFactory,
    TrainingRecordFactory,
    certificate_without_pdf,
    course,
    review_sent_at,
)
from training import rules, services
from training.models import ProficiencySubmission
from training.rules import CourseCode
from training.summaries import summaries_refresh_all


def done(person, code, completed_on):
    return TrainingRecordFactory(employee=person, course=course(code), completed_on=completed_on)


def sweep_on(year, month, day):
    # The sweep runs at 6 a.m. in Regina; a few hours either way is the same day.
    with on(date(year, month, day), 7, tick=False):
        return notices_sweep()


def sent_to() -> list[str]:
    return sorted(address for email in mail.outbox for address in email.to)


# --- TRN-5 and TRN-7: 30 days before the 8-month deadline ------------------------------------------------


def test_ntc_1_trn_5_the_self_audit_deadline_is_told_30_days_before_to_the_company_and_the_person(
    company, employer, jane, settings
):
    settings.SITE_URL = "https://secor.example"
    done(jane, CourseCode.SAFETY_AUDITOR, date(2026, 1, 15))  # deadline 2026-09-15, notice 2026-08-16
    assert sweep_on(2026, 8, 15).claimed_by_kind == {}
    report = sweep_on(2026, 8, 16)
    assert report.claimed_by_kind == {"self-audit-due": 2}
    assert report.delivered == {Notice.State.SENT: 2}
    assert sent_to() == sorted([employer.email, jane.email])
    body = mail.outbox[0].body
    assert "Jane Doe of Alice Roofing Ltd. completed Safety Auditor Training on January 15, 2026" in body
    assert "by September 15, 2026, 30 days from today" in body
    assert f"https://secor.example/companies/{company.pk}/training/" in body
    notice = Notice.objects.first()
    assert (notice.about_date, notice.due_on, notice.company) == (date(2026, 9, 15), date(2026, 8, 16), company)


def test_ntc_2_a_second_sweep_the_same_day_sends_nothing(company, employer, jane):
    done(jane, CourseCode.SAFETY_AUDITOR, date(2026, 1, 15))
    sweep_on(2026, 8, 16)
    again = sweep_on(2026, 8, 16)
    assert (again.claimed_by_kind, again.delivered) == ({}, {})
    assert len(mail.outbox) == 2


def test_ntc_2_a_second_sweep_the_same_day_searches_again_only_after_a_write(company, employer, jane):
    done(jane, CourseCode.SAFETY_AUDITOR, date(2026, 1, 15))
    sweep_on(2026, 8, 16)
    with CaptureQueriesContext(connection) as again:
        assert sweep_on(2026, 8, 16).claimed_by_kind == {}
    assert not [query for query in again.captured_queries if "training_trainingrecord" in query["sql"]]
    ben = EmployeeFactory(company=company, first_name="Ben", email="ben@roofing.example")
    done(ben, CourseCode.SAFETY_MANAGEMENT, date(2024, 1, 8))
    done(ben, CourseCode.SAFETY_AUDITOR, date(2026, 1, 14))  # told from yesterday: caught up today
    hooks.changed(hooks.Topic.TRAINING, company_ids=[company.pk])  # as the services say each write
    assert sweep_on(2026, 8, 16).claimed_by_kind == {"self-audit-due": 2}  # the company's owner and Ben


def test_ntc_1_a_sweep_that_missed_days_catches_up_once_until_the_deadline(company, employer, jane):
    done(jane, CourseCode.SAFETY_AUDITOR, date(2026, 1, 15))
    late = sweep_on(2026, 9, 15)  # no sweep ran since August: the deadline is today, still in time
    assert late.claimed_by_kind == {"self-audit-due": 2}
    assert "by September 15, 2026, which is today" in mail.outbox[0].body
    assert sweep_on(2026, 9, 16).claimed_by_kind == {}
    assert len(mail.outbox) == 2


def test_ntc_1_no_notice_once_the_deadline_has_passed(company, employer, jane):
    done(jane, CourseCode.SAFETY_AUDITOR, date(2026, 1, 14))  # deadline 2026-09-14
    assert sweep_on(2026, 9, 15).claimed_by_kind == {}


def test_ntc_1_trn_5_no_notice_once_the_certificate_is_accepted(company, employer, jane):
    done(jane, CourseCode.SAFETY_AUDITOR, date(2026, 1, 15))
    done(jane, CourseCode.INTERNAL_AUDITOR_CERTIFICATE, date(2026, 7, 1))
    assert sweep_on(2026, 8, 16).claimed_by_kind == {}


def test_ntc_1_trn_5_a_submission_under_review_is_still_told_its_acceptance_deadline(company, employer, jane):
    done(jane, CourseCode.SAFETY_AUDITOR, date(2026, 1, 15))
    SubmissionFactory(employee=jane, submitted_on=date(2026, 8, 1))
    sweep_on(2026, 8, 16)
    assert "It has been submitted and is under review" in mail.outbox[0].body


def test_ntc_1_no_notice_for_a_person_who_left_or_a_company_out_of_the_program(company, employer, jane, other_company):
    done(jane, CourseCode.SAFETY_AUDITOR, date(2026, 1, 15))
    jane.end_date = date(2026, 8, 15)
    jane.save()
    ben = EmployeeFactory(company=other_company, email="ben@concrete.example")
    done(ben, CourseCode.SAFETY_MANAGEMENT, date(2025, 1, 6))
    done(ben, CourseCode.SAFETY_AUDITOR, date(2026, 1, 15))
    other_company.status, other_company.derolled_on = "derolled", date(2026, 6, 1)
    other_company.save()
    assert sweep_on(2026, 8, 16).claimed_by_kind == {}


def test_ntc_2_a_repeated_training_starts_a_new_notice_cycle(company, employer, jane):
    done(jane, CourseCode.SAFETY_AUDITOR, date(2025, 1, 15))
    sweep_on(2025, 8, 16)
    done(jane, CourseCode.SAFETY_AUDITOR, date(2026, 1, 15))  # the first lapsed; the course is repeated
    assert sweep_on(2026, 8, 16).claimed_by_kind == {"self-audit-due": 2}
    assert set(Notice.objects.values_list("about_date", flat=True)) == {date(2025, 9, 15), date(2026, 9, 15)}


def test_ntc_1_trn_7_the_lse_proficiency_deadline_is_told_30_days_before(company, employer, jane):
    done(jane, CourseCode.LSE, date(2026, 2, 28))  # deadline 2026-10-28, notice 2026-09-28
    assert sweep_on(2026, 9, 27).claimed_by_kind == {}
    assert sweep_on(2026, 9, 28).claimed_by_kind == {"lse-proficiency-due": 2}
    assert "The LSE proficiency must be submitted and accepted by SCSA by October 28, 2026" in (mail.outbox[0].body)
    done(jane, CourseCode.LSE_PROFICIENCY, date(2026, 10, 1))
    assert sweep_on(2026, 10, 2).claimed_by_kind == {}


# --- TRN-6: the maintenance audit at 4 months before expiry, and the expiry ---------------------------


@pytest.fixture
def auditor_jane(jane):
    """Certified internal auditor: trained 2023-03-10, status valid through 2026-03-10."""
    done(jane, CourseCode.SAFETY_AUDITOR, date(2023, 3, 10))
    done(jane, CourseCode.INTERNAL_AUDITOR_CERTIFICATE, date(2023, 6, 1))
    return jane


def test_ntc_1_trn_6_the_maintenance_audit_is_told_at_four_months_before_expiry(company, employer, auditor_jane):
    assert sweep_on(2025, 11, 9).claimed_by_kind == {}
    assert sweep_on(2025, 11, 10).claimed_by_kind == {"maintenance-audit-due": 2}
    body = mail.outbox[0].body
    assert "valid through March 10, 2026" in body
    assert "should reach SCSA by November 10, 2025, which is today" in body
    assert Notice.objects.first().about_date == date(2026, 3, 10)


def test_ntc_1_trn_6_no_maintenance_notice_once_the_audit_reached_scsa(company, employer, auditor_jane):
    SubmissionFactory(
        employee=auditor_jane, kind=ProficiencySubmission.Kind.MAINTENANCE_AUDIT, submitted_on=date(2025, 10, 1)
    )
    assert sweep_on(2025, 11, 10).claimed_by_kind == {}


def test_ntc_1_trn_6_the_expiry_is_told_on_the_day_and_a_missed_day_catches_up(company, employer, auditor_jane):
    sweep_on(2025, 11, 10)
    mail.outbox.clear()
    assert sweep_on(2026, 3, 10).claimed_by_kind == {"auditor-status-expiry": 2}
    assert "expires today, March 10, 2026" in mail.outbox[0].body
    assert sweep_on(2026, 3, 11).claimed_by_kind == {}


def test_ntc_1_trn_6_a_missed_expiry_notice_is_sent_within_its_grace_and_not_after(
    company, employer, auditor_jane, other_company
):
    grace = timedelta(days=rules.AUDITOR_EXPIRY_NOTICE_GRACE_DAYS)
    late = date(2026, 3, 10) + grace
    with on(late, 7, tick=False):
        assert notices_sweep().claimed_by_kind == {"auditor-status-expiry": 2}
    assert "expired on March 10, 2026" in mail.outbox[0].body
    ben = EmployeeFactory(company=other_company, email="ben@concrete.example")
    MembershipFactory(company=other_company)
    done(ben, CourseCode.SAFETY_AUDITOR, date(2023, 3, 9))
    done(ben, CourseCode.INTERNAL_AUDITOR_CERTIFICATE, date(2023, 6, 1))
    with on(late, 7, tick=False):
        assert notices_sweep().claimed_by_kind == {}  # Ben's expired the day before the grace began


def test_ntc_2_trn_6_a_renewed_status_starts_a_new_notice_cycle(company, employer, auditor_jane):
    sweep_on(2025, 11, 10)
    SubmissionFactory(
        employee=auditor_jane,
        kind=ProficiencySubmission.Kind.MAINTENANCE_AUDIT,
        submitted_on=date(2025, 12, 1),
        status=ProficiencySubmission.Status.ACCEPTED,
    )
    done(auditor_jane, CourseCode.AUDITOR_RECERTIFICATION, date(2026, 1, 20))
    assert sweep_on(2026, 3, 10).claimed_by_kind == {}  # renewed through 2029-03-10: nothing expires
    assert sweep_on(2028, 11, 10).claimed_by_kind == {"maintenance-audit-due": 2}
    assert Notice.objects.filter(kind="maintenance-audit-due").order_by("about_date").last().about_date == date(
        2029, 3, 10
    )


def test_ntc_1_trn_6_a_29_february_training_expires_on_28_february(company, employer, jane):
    done(jane, CourseCode.SAFETY_AUDITOR, date(2024, 2, 29))
    done(jane, CourseCode.INTERNAL_AUDITOR_CERTIFICATE, date(2024, 6, 1))
    assert sweep_on(2026, 10, 28).claimed_by_kind == {"maintenance-audit-due": 2}
    assert Notice.objects.first().about_date == date(2027, 2, 28)
    assert sweep_on(2027, 2, 28).claimed_by_kind == {"auditor-status-expiry": 2}


# --- set-based: the number of queries does not grow with the number of companies ------------------------


def _companies_with_everything_due(count: int) -> None:
    for _ in range(count):
        company = CompanyFactory()
        MembershipFactory(company=company)
        person = EmployeeFactory(company=company, email=f"auditor{company.pk}@example.com")
        done(person, CourseCode.SAFETY_MANAGEMENT, date(2022, 1, 6))
        done(person, CourseCode.SAFETY_AUDITOR, date(2023, 3, 10))
        done(person, CourseCode.INTERNAL_AUDITOR_CERTIFICATE, date(2023, 6, 1))
        done(person, CourseCode.LSE, date(2025, 3, 20))
        fresh = EmployeeFactory(company=company, email=f"new{company.pk}@example.com")
        done(fresh, CourseCode.SAFETY_MANAGEMENT, date(2025, 1, 6))
        done(fresh, CourseCode.SAFETY_AUDITOR, date(2025, 3, 20))
        # A manual waiting since September 1, 2025: past the 6-week target on November 10 (MAN-2).
        manual = ManualSubmissionFactory(company=company, reviewer=AuditorFactory())
        review_sent_at(manual.review, datetime(2025, 9, 1, 9, tzinfo=REGINA))
        # Registered a year before: the Milestone #1 letter expires November 20, 2025, unmet (NTC-1).
        MilestoneLetter.objects.create(
            company=company, milestone=1, issued_on=date(2024, 11, 20), expires_on=date(2025, 11, 20)
        )
        # Certified on January 1, 2023: its last anniversary, January 1, 2026, is told from October 3 (MNT-2).
        auditor = manual.review.reviewer  # the audits' auditor (a staff member here would receive MAN-2's notices)
        certificate_without_pdf(company, auditor, date(2023, 1, 1))
        # Another company's certificate expired on November 1, 2025 without re-certification (RCT-1).
        lapsed = MembershipFactory().company
        certificate_without_pdf(lapsed, auditor, date(2022, 11, 1))


@pytest.mark.parametrize("kind", [key for key, kind in NOTICE_KINDS.items() if kind.find_due])
def test_ntc_1_each_finder_takes_a_fixed_number_of_queries_whatever_the_number_of_companies(kind, db):
    find_due = NOTICE_KINDS[kind].find_due
    # The day each kind is due for the data below: the status expiry, the letter's 60 days, or 2025-11-10.
    today = {"auditor-status-expiry": date(2026, 3, 10), "milestone-expiry-60": date(2025, 10, 1)}.get(
        kind, date(2025, 11, 10)
    )
    _companies_with_everything_due(2)
    # The kept training summaries are computed by batches of their own (the daily refresh runs first).
    summaries_refresh_all(today=today)
    with CaptureQueriesContext(connection) as few:
        found_few = find_due(today)
    _companies_with_everything_due(8)
    summaries_refresh_all(today=today)
    with CaptureQueriesContext(connection) as many:
        found_many = find_due(today)
    assert len(found_many) == 5 * len(found_few) > 0
    assert len(many.captured_queries) == len(few.captured_queries) <= 6


# --- the boundaries of the notice window, against brute force --------------------------------------------


def test_ntc_1_the_training_dates_whose_notice_is_due_match_a_day_by_day_count():
    trainings = [date(2023, 1, 1) + timedelta(days=n) for n in range(900)]
    for today in [date(2024, 2, 29), date(2024, 10, 31), date(2025, 2, 28), date(2025, 3, 31), date(2025, 10, 30)]:
        expected = [
            training
            for training in trainings
            if rules.proficiency_notice_date(rules.proficiency_deadline(training), notice_days=30)
            <= today
            <= rules.proficiency_deadline(training)
        ]
        first, last = rules.trainings_with_proficiency_notice_due(today, notice_days=30)
        assert (first, last) == (expected[0], expected[-1]), today
        assert all(first <= training <= last for training in expected)
        assert len(expected) == (last - first).days + 1


def test_earliest_date_reaching_handles_month_ends():
    assert rules.earliest_date_reaching(date(2025, 10, 31), months=8) == date(2025, 3, 1)
    assert rules.latest_date_within(date(2025, 10, 30), months=8) == date(2025, 2, 28)
    assert rules.earliest_date_reaching(date(2024, 10, 29), months=8) == date(2024, 2, 29)
    assert date(2024, 2, 29) + relativedelta(months=8) == date(2024, 10, 29)


def test_ntc_1_trn_5_no_self_audit_notice_for_the_course_retaken_while_the_status_is_valid(company, employer, jane):
    """DOMAIN section 8: retaken while valid, the two-day course is the classroom re-certification."""
    done(jane, CourseCode.SAFETY_AUDITOR, date(2024, 1, 15))
    done(jane, CourseCode.INTERNAL_AUDITOR_CERTIFICATE, date(2024, 5, 1))
    done(jane, CourseCode.SAFETY_AUDITOR, date(2026, 1, 15))  # status valid through 2027-01-15
    assert "self-audit-due" not in sweep_on(2026, 8, 16).claimed_by_kind


def test_ntc_2_an_extended_deadline_is_told_30_days_before_the_new_date(company, employer, jane, staff_user):
    training = done(jane, CourseCode.SAFETY_AUDITOR, date(2026, 1, 15))  # deadline 2026-09-15
    sweep_on(2026, 8, 16)
    with on(date(2026, 9, 10), 7, tick=False):
        services.deadline_extend(record=training, actor=staff_user, extended_to=date(2026, 11, 30), reason="Late")
    assert sweep_on(2026, 10, 30).claimed_by_kind == {}
    assert sweep_on(2026, 10, 31).claimed_by_kind == {"self-audit-due": 2}
    assert "by November 30, 2026, 30 days from today" in mail.outbox[-1].body
