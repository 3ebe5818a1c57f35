"""SECOR training rules (DOMAIN.md §2, TRN-1 … TRN-9) as pure functions of dates and plain values.

"Within 8 months of D" means on or before D + 8 months; "valid 3 years from D" means through D + 3 years:
a deadline or expiry date is the last day that counts.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from companies.rules import EmploymentType
from secor.dates import Reckoning, long_date
from secor.rule_ids import RuleWords

# TRN-5, TRN-7: the self-audit / LSE proficiency must be submitted and accepted within this many months.
PROFICIENCY_WINDOW_MONTHS = 8
# TRN-6: internal auditor status lasts this many years from the Safety Auditor Training date.
AUDITOR_STATUS_YEARS = 3
# TRN-6: the personal maintenance audit should reach SCSA this many months before expiry (a warning date).
MAINTENANCE_AUDIT_LEAD_MONTHS = 4
# TRN-5, TRN-7: a course record waiting for verification is flagged urgent when the 8-month deadline it starts
# falls within this many days (the proficiency still has to be sent and accepted after the verification).
VERIFY_URGENT_DAYS = 60
# TRN-3: the chart has places #1 and #2 for each required course.
TRAINED_EMPLOYEE_POSITIONS = (1, 2)
# NTC-1 [decision]: the notice of an 8-month proficiency deadline (TRN-5, TRN-7) goes some days before it: a
# program setting (ProgramSettings.proficiency_notice_days, 30 by default), passed in as `notice_days`.
# NTC-1 [decision]: the notice that internal auditor status has expired (TRN-6) goes on the expiry date; a
# sweep that missed that day still sends it up to this many days later, worded as "expired on".
AUDITOR_EXPIRY_NOTICE_GRACE_DAYS = 30


class CourseCode:
    """Codes of the seeded course catalogue that the rules refer to."""

    SAFETY_MANAGEMENT = "safety-management"
    SMALL_EMPLOYER_SAFETY_MANAGEMENT = "small-employer-safety-management"
    SAFETY_AUDITOR = "safety-auditor-training"
    INTERNAL_AUDITOR_CERTIFICATE = "internal-safety-auditor-certificate"
    AUDITOR_RECERTIFICATION = "auditor-recertification-training"
    LSE = "leadership-for-safety-excellence"
    LSE_PROFICIENCY = "lse-proficiency"
    SCOT = "scot"
    COMMON_SAFETY_ORIENTATION = "esc-common-safety-orientation"
    PETROLEUM_SAFETY_TRAINING = "esc-petroleum-safety-training"

    # The courses of the SECOR training chart that a designated trained employee must hold (TRN-3).
    DESIGNATED = (SAFETY_MANAGEMENT, SAFETY_AUDITOR, INTERNAL_AUDITOR_CERTIFICATE, LSE, LSE_PROFICIENCY)
    # The rows of the chart: those, and SCOT with a row per permanent full-time employee.
    CHART = (*DESIGNATED, SCOT)
    # Obtained by an accepted submission, not recorded from a course certificate.
    FROM_SUBMISSION = (INTERNAL_AUDITOR_CERTIFICATE, LSE_PROFICIENCY)
    # Taken as courses (MIL-4's first step; the proficiencies above are its second).
    FROM_COURSES = (SAFETY_MANAGEMENT, SAFETY_AUDITOR, LSE, SCOT)


def equivalent_accepted(*, counts_as: str, accepted_by_staff: bool) -> bool:
    """Whether a completion of an equivalent course counts in place of `counts_as`: for SCOT, as SCSA
    decides (TRN-8, a setting); Small Employer Safety Management always counts as Safety Management (TRN-4:
    the seed says so, DOMAIN section 8)."""
    return accepted_by_staff or counts_as != CourseCode.SCOT


class Status(StrEnum):
    HELD = "held"
    PENDING = "pending verification"
    DUE = "due"
    OVERDUE = "overdue"
    LAPSED = "lapsed"
    MISSING = "missing"
    RETURNED = "returned"  # for corrections: correct and resubmit (DOMAIN section 8)
    NOT_REQUIRED = "not required"

    @property
    def counts_as_held(self) -> bool:
        """An overdue maintenance audit is a warning: the status itself is still valid (TRN-6)."""
        return self in (Status.HELD, Status.OVERDUE)


@dataclass(frozen=True)
class Standing:
    """What a chart cell says: a status, the date that matters, and why."""

    status: Status
    due_on: date | None = None
    note: str = ""
    reckoning: Reckoning | None = None  # how `due_on` was reckoned, when a rule computed it


@dataclass(frozen=True)
class ProficiencyWindow:
    """TRN-5, TRN-7: the 8-month window a training opens, in the words its dates are explained with."""

    rule: str
    training: str
    condition: str  # what must happen by the deadline
    repeat: str  # what the person must do when it lapses


SELF_AUDIT_WINDOW = ProficiencyWindow(
    "TRN-5",
    "Safety Auditor Training",
    "the self-audit submitted and the Internal Auditor Certification accepted by SCSA",
    "the two-day Safety Auditor Training must be repeated",
)
LSE_WINDOW = ProficiencyWindow(
    "TRN-7", "LSE training", "the LSE proficiency accepted by SCSA", "the two-day LSE course must be repeated"
)


def proficiency_reckoning(
    training_on: date,
    *,
    window: ProficiencyWindow = SELF_AUDIT_WINDOW,
    extended_to: date | None = None,
    pending: bool = False,
) -> Reckoning:
    """TRN-5, TRN-7: the last day the proficiency may be accepted, with its arithmetic; later if SCSA extended it
    for the person (DOMAIN section 8: a review SCSA itself delayed). A training recorded and not verified yet
    (`pending`) already starts the window: its date is the one the employer recorded."""
    training = f"{window.training} recorded (pending SCSA's verification)" if pending else window.training
    reckoning = Reckoning(
        training_on, training, window.rule, PROFICIENCY_WINDOW_MONTHS, "months", condition=window.condition
    )
    if extended_to:
        return Reckoning(extended_to, "the deadline as SCSA extended it for this person", window.rule, source=reckoning)
    return reckoning


def proficiency_deadline(training_on: date, *, extended_to: date | None = None) -> date:
    """TRN-5, TRN-7: the last day the proficiency may be accepted (see `proficiency_reckoning`)."""
    return proficiency_reckoning(training_on, extended_to=extended_to).on


def extension_problem(*, training_on: date, extended_to: date) -> str | None:
    """An extension moves the 8-month deadline later, never earlier, by at most the length of the window."""
    deadline = proficiency_deadline(training_on)
    if extended_to <= deadline:
        return f"An extension must be later than the deadline, {long_date(deadline)}."
    latest = deadline + relativedelta(months=PROFICIENCY_WINDOW_MONTHS)
    if extended_to > latest:
        return f"An extension cannot go past {long_date(latest)}, 8 months after the deadline."
    return None


def auditor_expiry_reckoning(cycle_start: date, *, renewed: bool = False) -> Reckoning:
    """TRN-6: the last day of internal auditor status that began on `cycle_start` (the training, or the expiry a
    renewal counts from: DOMAIN section 8)."""
    start_what = "the previous expiry of the internal auditor status" if renewed else "Safety Auditor Training"
    return Reckoning(
        cycle_start, start_what, "TRN-6", AUDITOR_STATUS_YEARS, "years", "the last day of internal auditor status"
    )


def auditor_status_expiry(cycle_start: date) -> date:
    """TRN-6: the last day of internal auditor status that began on `cycle_start`."""
    return auditor_expiry_reckoning(cycle_start).on


def maintenance_audit_reckoning(expires_on: date, *, expiry: Reckoning | None = None) -> Reckoning:
    """TRN-6: the maintenance audit should reach SCSA by this date (a warning, not the hard limit)."""
    return Reckoning(
        expires_on,
        "the internal auditor status expiry",
        "TRN-6",
        -MAINTENANCE_AUDIT_LEAD_MONTHS,
        "months",
        "the last day the personal maintenance audit reaches SCSA in time",
        source=expiry,
    )


def maintenance_audit_due(expires_on: date) -> date:
    """TRN-6: the maintenance audit should reach SCSA by this date (a warning, not the hard limit)."""
    return maintenance_audit_reckoning(expires_on).on


def proficiency_notice_date(deadline: date, *, notice_days: int) -> date:
    """NTC-1: the day the notice of a TRN-5/TRN-7 deadline is due."""
    return deadline - timedelta(days=notice_days)


def earliest_date_reaching(target: date, *, months: int) -> date:
    """The first day D with D + `months` on or after `target` (month ends make plain subtraction miss it:
    2025-02-28 + 8 months is 2025-10-28, so the first day reaching 2025-10-31 is 2025-03-01)."""
    day = target - relativedelta(months=months)
    while day + relativedelta(months=months) >= target:
        day -= timedelta(days=1)
    while day + relativedelta(months=months) < target:
        day += timedelta(days=1)
    return day


def latest_date_within(target: date, *, months: int) -> date:
    """The last day D with D + `months` on or before `target`."""
    return earliest_date_reaching(target + timedelta(days=1), months=months) - timedelta(days=1)


def trainings_with_deadline_between(first: date, last: date) -> tuple[date, date]:
    """TRN-5, TRN-7: the first and last training dates whose 8-month deadline falls in [first, last]."""
    return (
        earliest_date_reaching(first, months=PROFICIENCY_WINDOW_MONTHS),
        latest_date_within(last, months=PROFICIENCY_WINDOW_MONTHS),
    )


def trainings_with_proficiency_notice_due(today: date, *, notice_days: int) -> tuple[date, date]:
    """NTC-1 (TRN-5, TRN-7): the first and last training dates whose deadline notice is due today: the
    notice date has come (a missed sweep catches up) and the deadline itself has not passed."""
    return trainings_with_deadline_between(today, today + timedelta(days=notice_days))


def maintenance_notice_due(*, expires_on: date, today: date) -> bool:
    """NTC-1 (TRN-6): from the 4-months-before date until the status expires."""
    return maintenance_audit_due(expires_on) <= today <= expires_on


def expiry_notice_due(*, expires_on: date, today: date) -> bool:
    """NTC-1 (TRN-6): on the expiry date, or within the grace of a sweep that missed it."""
    return expires_on <= today <= expires_on + timedelta(days=AUDITOR_EXPIRY_NOTICE_GRACE_DAYS)


def trained_employee_problem(
    *, employment_type: str, is_permanent: bool, works_in_saskatchewan: bool, employed: bool, owners_qualify: bool
) -> RuleWords | None:
    """TRN-1: None when the person may be a trained employee, else why not.

    Owners are not on the seed's list of excluded positions; whether a permanent Saskatchewan owner
    qualifies is a program setting [decision].
    """
    excluded = {
        EmploymentType.CONSULTANT: "a consultant",
        EmploymentType.SUBCONTRACTOR: "a sub-contractor",
        EmploymentType.PART_TIME: "part-time",
        EmploymentType.CASUAL: "casual",
    }
    if employment_type == EmploymentType.OWNER and not owners_qualify:
        excluded[EmploymentType.OWNER] = "an owner, and owners do not qualify under the program settings"
    if employment_type in excluded:
        return RuleWords(
            f"A trained employee must be a full-time permanent Saskatchewan employee; this person is "
            f"{excluded[employment_type]}.",
            "TRN-1",
        )
    if not is_permanent:
        return RuleWords(
            "A trained employee must hold a permanent position; this person's position is not permanent.", "TRN-1"
        )
    if not works_in_saskatchewan:
        return RuleWords("A trained employee must work in Saskatchewan.", "TRN-1")
    if not employed:
        return RuleWords(
            "A trained employee must be currently employed: this person has not started or has left.", "TRN-1"
        )
    return None


def needs_scot(*, employment_type: str, is_permanent: bool, works_in_saskatchewan: bool, employed: bool) -> bool:
    """SCOT is required of every permanent full-time (Saskatchewan) employee."""
    return employment_type == EmploymentType.FULL_TIME and is_permanent and works_in_saskatchewan and employed


def auditor_training_prerequisite_problem(
    *, safety_management_on: date | None, auditor_training_on: date
) -> RuleWords | None:
    """TRN-4: Safety Management (or Small Employer Safety Management) comes before Safety Auditor Training."""
    if safety_management_on is None:
        return RuleWords(
            "Record this person's Safety Management (or Small Employer Safety Management) first: it must be "
            "completed before Safety Auditor Training.",
            "TRN-4",
        )
    if safety_management_on >= auditor_training_on:
        return RuleWords(
            f"Safety Auditor Training must come after Safety Management, which this person completed on "
            f"{long_date(safety_management_on)}.",
            "TRN-4",
        )
    return None


def course_standing(*, held_on: date | None, pending: bool, returned: bool = False, course_name: str = "") -> Standing:
    """A course that, once held, needs nothing more (Safety Management, SCOT: TRN-4, TRN-8)."""
    if held_on is not None:
        return Standing(Status.HELD)
    if pending:
        return Standing(Status.PENDING, note="Waiting for SCSA to verify the certificate.")
    if returned:
        return Standing(Status.RETURNED, note="SCSA returned the certificate: correct and resubmit it.")
    return Standing(Status.MISSING, note=f"No {course_name} on record." if course_name else "")


def expired_equivalent_standing(*, expired_on: date, course_name: str) -> Standing:
    """TRN-8 (DOMAIN section 8): an Energy Safety Canada certificate stops counting the day after it expires."""
    return Standing(
        Status.LAPSED,
        due_on=expired_on,
        note=f"The {course_name} certificate expired on {long_date(expired_on)}: take SCOT, or renew it.",
    )


def proficiency_standing(
    *,
    training_on: date | None,
    accepted_on: date | None,
    today: date,
    window: ProficiencyWindow,
    submitted: bool = False,
    returned: bool = False,
    extended_to: date | None = None,
    pending: bool = False,
) -> Standing:
    """TRN-5, TRN-7: the proficiency that follows a training (self-audit, LSE proficiency). A submission
    returned for corrections is told so, with the date it must be accepted by (DOMAIN section 8). A training
    recorded and not verified yet (`pending`) shows its deadline already, marked pending verification."""
    if training_on is None:
        return Standing(Status.MISSING)
    reckoning = proficiency_reckoning(training_on, window=window, extended_to=extended_to, pending=pending)
    deadline = reckoning.on
    by = long_date(deadline)
    if accepted_on is not None and accepted_on <= deadline:
        return Standing(Status.HELD)
    if today > deadline:
        return Standing(
            Status.LAPSED,
            due_on=deadline,
            note=f"Not submitted and accepted by {by}: the training has lapsed; {window.repeat}.",
            reckoning=reckoning,
        )
    if pending:
        note = f"Pending verification of the training record; once verified, must be submitted and accepted by {by}."
        return Standing(Status.PENDING, due_on=deadline, note=note, reckoning=reckoning)
    if submitted:
        return Standing(
            Status.PENDING, due_on=deadline, note=f"Submitted; must be accepted by {by}.", reckoning=reckoning
        )
    if returned:
        return Standing(
            Status.RETURNED,
            due_on=deadline,
            note=f"Returned for corrections: correct and resubmit by {by}.",
            reckoning=reckoning,
        )
    return Standing(Status.DUE, due_on=deadline, note=f"Must be submitted and accepted by {by}.", reckoning=reckoning)


def lse_standing(*, training_on: date | None, proficiency: Standing) -> Standing:
    """TRN-7: LSE is a one-time certification once its proficiency is accepted in time."""
    if training_on is None:
        return Standing(Status.MISSING)
    if proficiency.status in (Status.HELD, Status.LAPSED):
        note = "One-time certification." if proficiency.status == Status.HELD else proficiency.note
        return Standing(proficiency.status, due_on=proficiency.due_on, note=note, reckoning=proficiency.reckoning)
    return Standing(
        Status.HELD,
        due_on=proficiency.due_on,
        note=f"LSE proficiency due by {long_date(proficiency.due_on)}.",
        reckoning=proficiency.reckoning,
    )


@dataclass(frozen=True)
class AuditorCycle:
    """TRN-6: the current 3-year cycle of a certified internal auditor's status."""

    start: date
    expires_on: date
    audit_sent: bool  # a personal maintenance audit reached SCSA within the cycle (accepted or in review)
    audit_accepted: bool
    recertified: bool
    renewed: bool = False  # `start` is the expiry the status was renewed from, not the training date

    @property
    def expiry_reckoning(self) -> Reckoning:
        return auditor_expiry_reckoning(self.start, renewed=self.renewed)

    @property
    def audit_due_reckoning(self) -> Reckoning:
        return maintenance_audit_reckoning(self.expires_on, expiry=self.expiry_reckoning)

    @property
    def audit_due(self) -> date:
        return self.audit_due_reckoning.on


def auditor_cycle(
    *,
    training_on: date,
    maintenance_audits_accepted: list[date],
    maintenance_audits_in_review: list[date],
    recertifications: list[date],
) -> AuditorCycle:
    """TRN-6: the cycle in force for a certified auditor trained on `training_on`.

    Maintenance audits are given by the date they reached SCSA (submitted): the audit must be submitted
    within the 3-year validity, and should be by 4 months before expiry. An accepted one and the classroom
    re-certification training, both within those 3 years, keep the status for 3 more years counted from
    the expiry date they renew, so cycles stay anchored to the training date (DOMAIN section 8).
    """
    cycle_start, expires_on = training_on, auditor_status_expiry(training_on)

    def within_cycle(days: list[date]) -> bool:
        return any(cycle_start < day <= expires_on for day in days)

    while within_cycle(maintenance_audits_accepted) and within_cycle(recertifications):
        cycle_start, expires_on = expires_on, auditor_status_expiry(expires_on)
    return AuditorCycle(
        start=cycle_start,
        expires_on=expires_on,
        renewed=cycle_start != training_on,
        audit_sent=within_cycle(maintenance_audits_accepted + maintenance_audits_in_review),
        audit_accepted=within_cycle(maintenance_audits_accepted),
        recertified=within_cycle(recertifications),
    )


def auditor_standing(
    *,
    training_on: date | None,
    certified_on: date | None,
    maintenance_audits_accepted: list[date],
    maintenance_audits_in_review: list[date],
    recertifications: list[date],
    today: date,
    self_audit_submitted: bool = False,
    self_audit_returned: bool = False,
    extended_to: date | None = None,
) -> Standing:
    """TRN-5, TRN-6: internal auditor status from the Safety Auditor Training date. Until the Internal
    Auditor Certificate is accepted the person is not a valid internal auditor (DOMAIN section 8)."""
    if training_on is None:
        return Standing(Status.MISSING)
    repeat = SELF_AUDIT_WINDOW.repeat
    certificate = proficiency_standing(
        training_on=training_on,
        accepted_on=certified_on,
        today=today,
        window=SELF_AUDIT_WINDOW,
        submitted=self_audit_submitted,
        returned=self_audit_returned,
        extended_to=extended_to,
    )
    if certificate.status == Status.LAPSED:
        return certificate
    if certificate.status != Status.HELD:
        by = long_date(certificate.due_on)
        notes = {
            Status.DUE: f"self-audit and Internal Auditor Certification due by {by}",
            Status.PENDING: f"the self-audit is under review and must be accepted by {by}",
            Status.RETURNED: f"the self-audit was returned for corrections: correct and resubmit by {by}",
        }
        note = f"Not yet an internal auditor: {notes[certificate.status]}."
        return Standing(certificate.status, due_on=certificate.due_on, note=note, reckoning=certificate.reckoning)
    cycle = auditor_cycle(
        training_on=training_on,
        maintenance_audits_accepted=maintenance_audits_accepted,
        maintenance_audits_in_review=maintenance_audits_in_review,
        recertifications=recertifications,
    )
    expiry = long_date(cycle.expires_on)
    if today > cycle.expires_on:
        return Standing(
            Status.LAPSED,
            due_on=cycle.expires_on,
            note=f"Internal auditor status expired on {expiry}; {repeat}.",
            reckoning=cycle.expiry_reckoning,
        )
    if not cycle.audit_sent and today > cycle.audit_due:
        return Standing(
            Status.OVERDUE,
            due_on=cycle.expires_on,
            note=f"Personal maintenance audit was due by {long_date(cycle.audit_due)}; status expires {expiry}.",
            reckoning=cycle.audit_due_reckoning,
        )
    still_needed = [
        *([] if cycle.audit_sent else [f"personal maintenance audit due by {long_date(cycle.audit_due)}"]),
        *([] if cycle.audit_accepted or not cycle.audit_sent else ["maintenance audit under review"]),
        *([] if cycle.recertified else [f"re-certification training by {expiry}"]),
    ]
    note = f"Valid through {expiry}" + (f"; {', '.join(still_needed)}." if still_needed else ".")
    return Standing(Status.HELD, due_on=cycle.expires_on, note=note, reckoning=cycle.expiry_reckoning)
