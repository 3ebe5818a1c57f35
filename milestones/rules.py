"""The milestone rules of DOMAIN.md (MIL-1 … MIL-4, NTC-1's letter notices). Pure: no database, no "today"
of their own. Dates follow DOMAIN's convention: an expiry is the last day that counts."""

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from secor.dates import Reckoning

# MIL-3: staff watch the companies whose letter expires within this many days with the milestone unmet.
AT_RISK_DAYS = 30


# What each milestone requires (MIL-1, MIL-2), as the letters and the company page list it.
REQUIREMENTS = {
    1: (
        "Required courses held",
        "Self-audit accepted (Internal Auditor Certification)",
        "LSE proficiency accepted",
        "Health & safety manual review approved",
    ),
    2: ("Baseline audit achieving the standard",),
}


def letter_expiry(*, registration_date: date, months: int) -> date:
    """MIL-1, MIL-2: a letter expires `months` (a program setting) after registration."""
    return registration_date + relativedelta(months=months)


def letter_expiry_reckoning(*, registration_date: date, months: int, milestone: int, expires_on: date) -> Reckoning:
    """MIL-1, MIL-2: how a letter's expiry (`expires_on`, as stored) was reckoned: `months` (the program setting)
    after registration, or moved since by SCSA (an extension, kept on the timeline)."""
    rule = "MIL-1" if milestone == 1 else "MIL-2"
    reckoned = Reckoning(
        registration_date, "registration", rule, months, "months", f"the last day of the Milestone #{milestone} letter"
    )
    if reckoned.on == expires_on:
        return reckoned
    return Reckoning(expires_on, "the expiry as SCSA moved it (see the timeline)", rule, source=reckoned)


def deroll_reckoning(expires_on: date, *, milestone: int) -> Reckoning:
    """MIL-3, DOMAIN section 8: the de-roll is dated the day after the expiry, whenever it is recorded."""
    return Reckoning(
        expires_on, f"the Milestone #{milestone} letter's expiry", "MIL-3", 1, "days", "its milestone unmet"
    )


def deroll_date(expires_on: date) -> date:
    """MIL-3, DOMAIN section 8: the de-roll is dated the day after the expiry, whenever it is recorded."""
    return expires_on + timedelta(days=1)


def expiries_reached(expiries: list[tuple[date, date | None]], *, today: date) -> list[date]:
    """MIL-3: of a letter's expiries in order, each with the day an extension moved it (None for the current
    one), those it reached while open: passed before `today`, and not moved by an extension made by their day.
    An extension made later reopens a letter that had lapsed; its company stays de-rolled until reinstated."""
    return [day for day, moved_on in expiries if day < today and (moved_on is None or moved_on > day)]


def deroll_lifted(*, derolled_on: date, lifted_through: date | None) -> bool:
    """MIL-3's override: staff reinstating a de-rolled company lift that de-roll and any earlier one."""
    return lifted_through is not None and derolled_on <= lifted_through


def met_at_expiry(*, milestone: int, requirements_met: bool, next_requested: bool) -> bool:
    """MIL-3, and MIL-2 as DOMAIN section 8 reads it: a letter is met at its expiry when its requirements are met
    by that day and, for Milestone #1, the company asked for its Milestone #2 letter (the request is one of the #1
    letter's deadlines). Otherwise the company is de-rolled the next day."""
    return requirements_met and (milestone != 1 or next_requested)


def expiry_notice_due(*, expires_on: date, today: date, first_days: int, last_days: int) -> int | None:
    """NTC-1: which expiry warning is due on `today`, if any: the first (`first_days` before the expiry, a
    program setting: 60) or the last (`last_days`: 14), as the days it is sent before. A sweep that missed its
    day sends the one whose window it is in, never both: from the last warning's day only the last one."""
    for days in (last_days, first_days):
        if expires_on - timedelta(days=days) <= today <= expires_on:
            return days
    return None


def at_risk(*, expires_on: date, today: date) -> bool:
    return today <= expires_on <= today + timedelta(days=AT_RISK_DAYS)


# --- MIL-4: the suggested timeline from registration -------------------------------------------------------


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    # Months after registration: "in months 6-8" starts when month 6 begins (5 months after registration)
    # and ends when month 8 does (8 months after). None: the step has no suggested dates of its own.
    first_month: int | None
    last_month: int | None


COURSES = "courses"
PROFICIENCIES = "proficiencies"
MANUAL = "manual"
MILESTONE_2 = "milestone_2"
BOOK_AUDIT = "book_audit"
AUDIT = "audit"
CERTIFIED = "certified"

ROADMAP = (
    Step(COURSES, "SECOR courses completed", 1, 6),
    Step(PROFICIENCIES, "Self-audit and LSE proficiency submitted and accepted", 6, 8),
    Step(MANUAL, "Health & safety manual submitted", 9, 10),
    Step(MILESTONE_2, "Milestone #2 letter, after Milestone #1 is met", None, None),
    Step(BOOK_AUDIT, "External audit booked with SCSA", 12, 13),
    Step(AUDIT, "External (baseline) audit conducted", 14, 16),
    Step(CERTIFIED, "SECOR certified", None, 18),
)
# RCT-1: a certified company whose certificate expired without re-certification is at this stage (not a step
# of the first certification's roadmap: it comes back to it after an expiry).
RECERTIFY = "recertify"
STAGE_LABELS = {
    **{step.key: step.label for step in ROADMAP[:-1]},
    RECERTIFY: "Re-certification audit achieved (the certificate expired)",
    CERTIFIED: ROADMAP[-1].label,
}
MANUAL_STEP = next(step for step in ROADMAP if step.key == MANUAL)


def manual_suggested_by(registration_date: date) -> date:
    """MIL-4: the end of months 9-10, when SCSA suggests the manual is sent."""
    return _months(registration_date, MANUAL_STEP.last_month)


def _months(registration_date: date, months: int) -> date:
    return registration_date + relativedelta(months=months)


@dataclass(frozen=True)
class StepProgress:
    step: Step
    starts_on: date | None
    ends_on: date | None
    done_on: date | None
    done: bool
    state: str  # "done", "in progress", "behind", "upcoming", "stopped"
    stopped_on: date | None = None  # the company left the program on this day (de-rolled, withdrawn)


def roadmap(
    *, registration_date: date, done: dict[str, date | None], today: date, stopped_on: date | None = None
) -> list[StepProgress]:
    """MIL-4: each step with its suggested dates and where the company is. `done` maps the steps done to the
    day they were done (None when the day is not known). A company out of the program since `stopped_on` goes
    no further: its steps not done are stopped, not behind."""
    progress, previous_done = [], True
    for step in ROADMAP:
        starts_on = (
            registration_date + relativedelta(months=step.first_month - 1) if step.first_month is not None else None
        )
        ends_on = _months(registration_date, step.last_month) if step.last_month is not None else None
        if step.key in done:
            state = "done"
        elif stopped_on is not None:
            state = "stopped"
        elif ends_on is not None and today > ends_on:
            state = "behind"
        elif (starts_on is not None and today >= starts_on) or (starts_on is None and previous_done):
            state = "in progress"
        else:
            state = "upcoming"
        progress.append(StepProgress(step, starts_on, ends_on, done.get(step.key), step.key in done, state, stopped_on))
        previous_done = step.key in done
    return progress
