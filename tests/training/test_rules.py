"""TRN-1 … TRN-9 as pure functions, at the date boundaries (last valid day and the day after)."""

from datetime import date

import pytest

from companies.rules import EmploymentType
from training import rules
from training.rules import Status


def test_trn_5_deadline_is_eight_calendar_months_after_the_training():
    assert rules.proficiency_deadline(date(2026, 1, 15)) == date(2026, 9, 15)


def test_trn_5_training_on_29_february_has_its_deadline_on_29_october():
    assert rules.proficiency_deadline(date(2024, 2, 29)) == date(2024, 10, 29)


def test_trn_5_month_end_training_ends_on_the_shorter_months_last_day():
    assert rules.proficiency_deadline(date(2025, 6, 30)) == date(2026, 2, 28)
    assert rules.proficiency_deadline(date(2025, 6, 29)) == date(2026, 2, 28)


def self_audit(today, accepted_on=None, submitted=False, training_on=date(2026, 1, 15)):
    return rules.proficiency_standing(
        training_on=training_on,
        accepted_on=accepted_on,
        submitted=submitted,
        today=today,
        window=rules.SELF_AUDIT_WINDOW,
    )


def test_trn_5_self_audit_is_due_by_the_deadline_until_its_last_day():
    standing = self_audit(today=date(2026, 9, 15))
    assert (standing.status, standing.due_on) == (Status.DUE, date(2026, 9, 15))
    assert standing.note == "Must be submitted and accepted by September 15, 2026."


def test_trn_5_self_audit_after_eight_months_lapses_the_training():
    standing = self_audit(today=date(2026, 9, 16))
    assert standing.status == Status.LAPSED
    assert "Not submitted and accepted by September 15, 2026" in standing.note
    assert "the two-day Safety Auditor Training must be repeated" in standing.note


def test_trn_5_self_audit_accepted_on_the_deadline_counts():
    assert self_audit(today=date(2027, 1, 1), accepted_on=date(2026, 9, 15)).status == Status.HELD


def test_trn_5_self_audit_accepted_the_day_after_the_deadline_does_not_count():
    assert self_audit(today=date(2027, 1, 1), accepted_on=date(2026, 9, 16)).status == Status.LAPSED


def test_trn_5_a_submitted_self_audit_is_under_review_until_the_deadline():
    standing = self_audit(today=date(2026, 8, 1), submitted=True)
    assert standing.status == Status.PENDING
    assert standing.note == "Submitted; must be accepted by September 15, 2026."
    # Submitting is not enough: it must also be accepted in time (TRN-5).
    assert self_audit(today=date(2026, 9, 16), submitted=True).status == Status.LAPSED


def test_trn_7_lse_is_one_time_once_the_proficiency_is_accepted_in_time():
    proficiency = self_audit(today=date(2030, 1, 1), accepted_on=date(2026, 5, 1))
    standing = rules.lse_standing(training_on=date(2026, 1, 15), proficiency=proficiency)
    assert (standing.status, standing.note) == (Status.HELD, "One-time certification.")


def test_trn_7_lse_lapses_when_the_proficiency_is_not_accepted_within_eight_months():
    proficiency = rules.proficiency_standing(
        training_on=date(2026, 1, 15),
        accepted_on=None,
        submitted=False,
        today=date(2026, 9, 16),
        window=rules.LSE_WINDOW,
    )
    standing = rules.lse_standing(training_on=date(2026, 1, 15), proficiency=proficiency)
    assert standing.status == Status.LAPSED
    assert "the two-day LSE course must be repeated" in standing.note


def test_trn_7_lse_held_with_the_proficiency_still_due():
    proficiency = self_audit(today=date(2026, 3, 1))
    standing = rules.lse_standing(training_on=date(2026, 1, 15), proficiency=proficiency)
    assert (standing.status, standing.due_on) == (Status.HELD, date(2026, 9, 15))
    assert standing.note == "LSE proficiency due by September 15, 2026."


def auditor(today, *, certified_on=date(2026, 5, 1), maintenance=(), in_review=(), recertified=()):
    """Maintenance audits are given by the date they reached SCSA."""
    return rules.auditor_standing(
        training_on=date(2026, 1, 15),
        certified_on=certified_on,
        maintenance_audits_accepted=list(maintenance),
        maintenance_audits_in_review=list(in_review),
        recertifications=list(recertified),
        today=today,
    )


def test_trn_6_internal_auditor_status_lasts_three_years_through_the_last_day():
    assert rules.auditor_status_expiry(date(2026, 1, 15)) == date(2029, 1, 15)
    standing = auditor(date(2029, 1, 15), maintenance=[date(2028, 6, 1)])
    assert standing.status == Status.HELD
    assert standing.note.startswith("Valid through January 15, 2029")


def test_trn_6_status_expires_the_day_after_three_years():
    standing = auditor(date(2029, 1, 16), maintenance=[date(2028, 6, 1)])
    assert standing.status == Status.LAPSED
    assert standing.note == (
        "Internal auditor status expired on January 15, 2029; the two-day Safety Auditor Training must be repeated."
    )


def test_trn_6_leap_day_training_expires_on_28_february_three_years_on():
    assert rules.auditor_status_expiry(date(2024, 2, 29)) == date(2027, 2, 28)


def test_trn_6_maintenance_audit_is_due_four_months_before_expiry():
    assert rules.maintenance_audit_due(date(2029, 1, 15)) == date(2028, 9, 15)
    on_time = auditor(date(2028, 9, 15))
    assert on_time.status == Status.HELD
    assert "personal maintenance audit due by September 15, 2028" in on_time.note


def test_trn_6_maintenance_audit_after_the_warning_date_is_overdue_but_the_status_still_valid():
    standing = auditor(date(2028, 9, 16))
    assert standing.status == Status.OVERDUE
    assert standing.status.counts_as_held
    assert standing.note == "Personal maintenance audit was due by September 15, 2028; status expires January 15, 2029."


def test_trn_6_maintenance_audit_and_recertification_keep_the_status_for_three_more_years():
    standing = auditor(date(2031, 6, 1), maintenance=[date(2028, 6, 1)], recertified=[date(2028, 10, 1)])
    assert standing.status == Status.HELD
    assert standing.due_on == date(2032, 1, 15)


def test_trn_6_a_maintenance_audit_sent_before_the_warning_date_is_not_overdue_while_under_review():
    standing = auditor(date(2028, 10, 1), in_review=[date(2028, 9, 1)])
    assert standing.status == Status.HELD
    assert "maintenance audit under review" in standing.note


def test_trn_6_an_audit_submitted_within_the_three_years_renews_even_if_accepted_later():
    # Submitted on the last valid day with the re-certification done: accepted after expiry, it still counts.
    standing = auditor(date(2029, 3, 1), maintenance=[date(2029, 1, 15)], recertified=[date(2028, 12, 1)])
    assert (standing.status, standing.due_on) == (Status.HELD, date(2032, 1, 15))


def test_trn_6_a_maintenance_audit_without_recertification_training_does_not_renew():
    assert auditor(date(2029, 1, 16), maintenance=[date(2028, 6, 1)]).status == Status.LAPSED


def test_trn_6_renewal_must_fall_within_the_three_years():
    late = auditor(date(2029, 2, 1), maintenance=[date(2029, 1, 20)], recertified=[date(2029, 1, 20)])
    assert late.status == Status.LAPSED


def test_trn_5_auditor_status_needs_the_certificate_within_eight_months():
    standing = auditor(date(2026, 9, 16), certified_on=None)
    assert standing.status == Status.LAPSED
    before = auditor(date(2026, 9, 15), certified_on=None)
    assert (before.status, before.due_on) == (Status.DUE, date(2026, 9, 15))
    assert before.note == (
        "Not yet an internal auditor: self-audit and Internal Auditor Certification due by September 15, 2026."
    )


def test_trn_6_trained_but_not_yet_certified_is_never_shown_held():
    """DOMAIN section 8: Safety Auditor Training done, Internal Auditor Certificate not yet accepted."""
    for today in (date(2026, 1, 16), date(2026, 9, 15)):
        assert not auditor(today, certified_on=None).status.counts_as_held
    in_review = rules.auditor_standing(
        training_on=date(2026, 1, 15),
        certified_on=None,
        maintenance_audits_accepted=[],
        maintenance_audits_in_review=[],
        recertifications=[],
        today=date(2026, 6, 1),
        self_audit_submitted=True,
    )
    assert in_review.status == Status.PENDING
    assert "under review and must be accepted by September 15, 2026" in in_review.note


def test_trn_4_safety_management_must_come_before_safety_auditor_training():
    assert (
        rules.auditor_training_prerequisite_problem(
            safety_management_on=date(2026, 3, 1), auditor_training_on=date(2026, 3, 2)
        )
        is None
    )
    same_day = rules.auditor_training_prerequisite_problem(
        safety_management_on=date(2026, 3, 1), auditor_training_on=date(2026, 3, 1)
    )
    assert "completed on March 1, 2026." in same_day and same_day.rule == "TRN-4"
    missing = rules.auditor_training_prerequisite_problem(
        safety_management_on=None, auditor_training_on=date(2026, 3, 1)
    )
    assert "Small Employer Safety Management" in missing


def test_trn_4_missing_safety_management_says_what_would_count():
    standing = rules.course_standing(held_on=None, pending=False, course_name="Safety Management (or SESM)")
    assert (standing.status, standing.note) == (Status.MISSING, "No Safety Management (or SESM) on record.")


@pytest.mark.parametrize(
    ("employment_type", "is_permanent", "in_sk", "employed", "why"),
    [
        (EmploymentType.CONSULTANT, True, True, True, "consultant"),
        (EmploymentType.SUBCONTRACTOR, True, True, True, "sub-contractor"),
        (EmploymentType.PART_TIME, True, True, True, "part-time"),
        (EmploymentType.CASUAL, True, True, True, "casual"),
        (EmploymentType.FULL_TIME, False, True, True, "not permanent"),
        (EmploymentType.FULL_TIME, True, False, True, "work in Saskatchewan"),
        (EmploymentType.FULL_TIME, True, True, False, "has not started or has left"),
    ],
)
def test_trn_1_only_full_time_permanent_saskatchewan_employees_can_be_trained_employees(
    employment_type, is_permanent, in_sk, employed, why
):
    problem = rules.trained_employee_problem(
        employment_type=employment_type,
        is_permanent=is_permanent,
        works_in_saskatchewan=in_sk,
        employed=employed,
        owners_qualify=True,
    )
    assert why in problem
    assert problem.rule == "TRN-1"


@pytest.mark.parametrize("employment_type", [EmploymentType.FULL_TIME, EmploymentType.OWNER])
def test_trn_1_full_time_employees_and_owners_qualify(employment_type):
    assert (
        rules.trained_employee_problem(
            employment_type=employment_type,
            is_permanent=True,
            works_in_saskatchewan=True,
            employed=True,
            owners_qualify=True,
        )
        is None
    )


def test_trn_1_owners_are_refused_when_the_program_setting_excludes_them():
    problem = rules.trained_employee_problem(
        employment_type=EmploymentType.OWNER,
        is_permanent=True,
        works_in_saskatchewan=True,
        employed=True,
        owners_qualify=False,
    )
    assert "owners do not qualify under the program settings." in problem and problem.rule == "TRN-1"


def test_trn_8_scot_is_required_of_permanent_full_time_employees_only():
    def needs(kind, permanent=True):
        return rules.needs_scot(employment_type=kind, is_permanent=permanent, works_in_saskatchewan=True, employed=True)

    assert needs(EmploymentType.FULL_TIME)
    assert not needs(EmploymentType.FULL_TIME, permanent=False)
    assert not needs(EmploymentType.PART_TIME)
    assert not needs(EmploymentType.CONSULTANT)


def test_trn_7_lse_proficiency_for_a_29_february_course_is_due_by_29_october():
    def lse(today, accepted_on=None):
        proficiency = rules.proficiency_standing(
            training_on=date(2024, 2, 29),
            accepted_on=accepted_on,
            submitted=False,
            today=today,
            window=rules.LSE_WINDOW,
        )
        return rules.lse_standing(training_on=date(2024, 2, 29), proficiency=proficiency)

    assert lse(date(2024, 10, 29)).due_on == date(2024, 10, 29)
    assert lse(date(2024, 10, 29)).status == Status.HELD
    assert lse(date(2024, 10, 30)).status == Status.LAPSED
    assert lse(date(2025, 6, 1), accepted_on=date(2024, 10, 29)).note == "One-time certification."
    assert lse(date(2025, 6, 1), accepted_on=date(2024, 10, 30)).status == Status.LAPSED
