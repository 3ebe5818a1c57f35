"""The scoring of an audit (AUD-4, AUD-5), and its request and scheduling (AUD-1, AUD-2). Pure: no database."""

import math
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

import holidays
from dateutil.relativedelta import relativedelta

from secor.dates import Reckoning, long_date, outside_dates_problem

# --- AUD-4: scoring -----------------------------------------------------------------------------------------

# The pass marks are the audit-tool version's [decision, per version]: AuditToolVersion.overall_pass_percent
# and section_pass_percent. Each score below carries the mark it is judged by.


@dataclass(frozen=True)
class SectionScore:
    """One section's points: available, actual (earned) and not applicable, whole points; and the section pass
    mark of the audit's tool version, in percent."""

    section: str
    available: int
    actual: int
    not_applicable: int = 0
    pass_percent: int = field(kw_only=True)

    @property
    def applicable(self) -> int:
        return self.available - self.not_applicable

    @property
    def scored(self) -> bool:
        """A section whose points are all not applicable has no percentage and cannot fail."""
        return self.applicable > 0

    @property
    def percent(self) -> Fraction | None:
        return Fraction(100 * self.actual, self.applicable) if self.scored else None

    @property
    def passes(self) -> bool:
        return not self.scored or 100 * self.actual >= self.pass_percent * self.applicable

    @property
    def shown(self) -> str:
        return shown_percent(self.percent)


def score_problems(score: SectionScore) -> list[str]:
    """AUD-4: why these points cannot be right (no negatives; actual at most available less N/A)."""
    problems = []
    if min(score.available, score.actual, score.not_applicable) < 0:
        problems.append("Points cannot be negative.")
    elif score.not_applicable > score.available:
        problems.append("Not-applicable points cannot exceed the available points.")
    elif score.actual > score.applicable:
        problems.append(
            f"Actual points ({score.actual}) cannot exceed the available points less the not-applicable ones "
            f"({score.applicable})."
        )
    return problems


@dataclass(frozen=True)
class AuditResult:
    """AUD-4: an audit's sections scored and the overall pass mark of its tool version, in percent; `unscored`, how
    many of its sections have no points yet (then nothing is achieved: every section counts, AUD-4)."""

    sections: tuple[SectionScore, ...]
    pass_percent: int = field(kw_only=True)
    unscored: int = field(default=0, kw_only=True)

    @property
    def actual(self) -> int:
        return sum(score.actual for score in self.sections)

    @property
    def applicable(self) -> int:
        return sum(score.applicable for score in self.sections)

    @property
    def percent(self) -> Fraction | None:
        return Fraction(100 * self.actual, self.applicable) if self.applicable > 0 else None

    @property
    def overall_passes(self) -> bool:
        return self.applicable > 0 and 100 * self.actual >= self.pass_percent * self.applicable

    @property
    def failed_sections(self) -> list[str]:
        return [score.section for score in self.sections if not score.passes]

    @property
    def achieved(self) -> bool:
        """AUD-4: every section scored, overall at least the overall pass mark (80% by default) and every section at
        least the section pass mark (50%)."""
        return not self.unscored and self.overall_passes and not self.failed_sections

    @property
    def shown(self) -> str:
        return shown_percent(self.percent)


def combine_limited_scope(
    *, previous: list[SectionScore], rescored: list[SectionScore], pass_percent: int, unscored: int = 0
) -> AuditResult:
    """AUD-5: a limited scope audit re-scores its sections; the others keep the scores of the audit it follows.
    `unscored`: how many of its own sections are not re-scored yet."""
    by_section = {score.section: score for score in rescored}
    sections = tuple(by_section.get(score.section, score) for score in previous)
    return AuditResult(sections, pass_percent=pass_percent, unscored=unscored)


def shown_percent(value: Fraction | None) -> str:
    """A percentage to one decimal, rounded down: 79.96% shows 79.9%, never an 80.0% that did not pass."""
    if value is None:
        return "N/A"
    tenths = math.floor(value * 10)
    return f"{tenths // 10}.{tenths % 10}%"


# --- AUD-1, AUD-2: requesting and scheduling --------------------------------------------------------------

# AUD-1: the health & safety system functions at least this long before the baseline audit.
SYSTEM_FUNCTIONING_MONTHS = 6
# AUD-2: audits are scheduled 2 to 3 months ahead; an earlier date is refused.
SCHEDULE_MIN_MONTHS = 2
SCHEDULE_SUGGESTED_MONTHS = 3


def audit_possible_from(system_functioning_since: date) -> date:
    """AUD-1: the first day the system has functioned 6 months ("6 months after D" is from D + 6 months)."""
    return system_functioning_since + relativedelta(months=SYSTEM_FUNCTIONING_MONTHS)


def system_functioning_since(evidence_dates) -> date | None:
    """AUD-1: the system began functioning with its earliest dated record (an inspection, a safety meeting, a
    hazard assessment); None without records."""
    return min(evidence_dates, default=None)


@dataclass(frozen=True)
class ChecklistItem:
    """One line of the Baseline and Re-Certification Audit Submission Checklist: done, or what to do."""

    label: str
    done: bool
    to_do: str


def submission_checklist(
    *,
    manual_approved: bool,
    site_assessment: bool,
    compliance_declaration: bool,
    training_complete: bool,
    functioning_since: date | None,
    today: date,
) -> list[ChecklistItem]:
    """AUD-1: what the audit request needs, each item ticked from what SECOR knows. In the employer's words
    (no rule ids): the list is shown to the company."""
    if functioning_since is None:
        records_to_do = (
            "Attach the earliest record of each: a workplace inspection, a safety meeting and a hazard assessment, "
            "with its date."
        )
    else:
        records_to_do = (
            f"Your records start on {long_date(functioning_since)}: the audit can be requested from "
            f"{long_date(audit_possible_from(functioning_since))}."
        )
    return [
        ChecklistItem(
            "Health & safety manual approved by SCSA",
            manual_approved,
            "Send your manual for review; the audit follows its approval.",
        ),
        ChecklistItem(
            "Site Assessment Form completed",
            site_assessment,
            "Complete the Site Assessment Form and attach it to the request.",
        ),
        ChecklistItem(
            "SECOR Audit Compliance Declaration Form signed",
            compliance_declaration,
            "Sign the SECOR Audit Compliance Declaration Form and attach it to the request.",
        ),
        ChecklistItem(
            "Required training held",
            training_complete,
            "Record the missing courses on the training chart; it shows what is unmet.",
        ),
        ChecklistItem(
            f"{SYSTEM_FUNCTIONING_MONTHS} months of Saskatchewan health & safety records",
            functioning_since is not None and today >= audit_possible_from(functioning_since),
            records_to_do,
        ),
    ]


def earliest_audit_reckoning(today: date) -> Reckoning:
    """AUD-2: the first day an audit booked today may be held, with its arithmetic."""
    return Reckoning(
        today, "a booking made today", "AUD-2", SCHEDULE_MIN_MONTHS, "months", "audits are booked 2 to 3 months ahead"
    )


def earliest_audit_date(today: date) -> date:
    """AUD-2: the first day an audit booked today may be held."""
    return earliest_audit_reckoning(today).on


def suggested_audit_window(today: date) -> tuple[date, date]:
    return earliest_audit_date(today), today + relativedelta(months=SCHEDULE_SUGGESTED_MONTHS)


def too_soon_problem(day: date, *, today: date) -> str | None:
    """AUD-2: an audit booked today is held 2 months ahead at the earliest."""
    if day >= earliest_audit_date(today):
        return None
    first, last = suggested_audit_window(today)
    return (
        f"Audits are scheduled 2 to 3 months ahead: book {long_date(first)} or later (up to {long_date(last)} is "
        "suggested)."
    )


def saskatchewan_holiday(day: date) -> str | None:
    """The statutory holiday in Saskatchewan on `day` (an observed one included), by its name; None on other days."""
    return holidays.country_holidays("CA", subdiv="SK", years=day.year, language="en_CA").get(day)


def booking_day_warning(day: date) -> str | None:
    """AUD-3: an audit is held at the company's office, which is likely closed on a weekend or a statutory holiday in
    Saskatchewan: the booking is asked to be confirmed on such a day, never refused."""
    if holiday := saskatchewan_holiday(day):
        return f"{day:%A}, {long_date(day)} is {holiday}, a statutory holiday in Saskatchewan."
    if day.weekday() >= 5:
        return f"{long_date(day)} is a {day:%A}."
    return None


def completion_date_problem(completed_on: date, *, scheduled_on: date, today: date) -> str | None:
    """AUD-5: an audit is completed from its booked day to today."""
    if problem := outside_dates_problem(completed_on, earliest=scheduled_on, latest=today):
        return f"An audit is completed from its booked day to today. {problem}"
    return None
