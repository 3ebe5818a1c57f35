"""The audit tool's program numbers (MAN-1) and the scoring of an audit (AUD-4, AUD-5). Pure: no database."""

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction

from dateutil.relativedelta import relativedelta

from secor.dates import long_date

# MAN-1: the national standard elements of the SECOR audit tool, in order.
NATIONAL_ELEMENTS = (
    "Company Health & Safety Policy",
    "Hazard Assessment",
    "Safe Work Practices",
    "Safe Job Procedures",
    "Company Rules",
    "Personal Protective Equipment",
    "Preventative Maintenance",
    "Training & Communication",
    "Inspections",
    "Investigations & Reporting",
    "Emergency Preparedness",
    "Records & Statistics",
    "Legislation",
)
# MAN-1: SCSA adds its supplemental sections after them; staff name them.
SUPPLEMENTAL_SECTIONS = 3
# MAN-2: the files of one version of the manual, together.
MANUAL_MAX_MEGABYTES = 50


# MAN-1, AUD-4: where a version of the audit tool stands on a day. Staff make a draft by copying the version in
# effect and give it the day it takes effect; from then (or once a manual or audit uses it) it is read-only,
# and the versions before it are replaced for what starts after.
class ToolVersion(StrEnum):
    DRAFT = "draft"
    TAKES_EFFECT = "takes effect"
    IN_EFFECT = "in effect"
    REPLACED = "replaced"


def tool_version_state(*, effective_from: date | None, in_effect_from: date | None, today: date) -> ToolVersion:
    """MAN-1 on `today`; `in_effect_from` is the effective day of the version in effect today."""
    if effective_from is None:
        return ToolVersion.DRAFT
    if effective_from > today:
        return ToolVersion.TAKES_EFFECT
    return ToolVersion.IN_EFFECT if effective_from == in_effect_from else ToolVersion.REPLACED


def tool_version_editable(*, effective_from: date | None, used: bool, today: date) -> bool:
    """MAN-1: a version is edited until it takes effect: its day reached, or a manual or audit started on it."""
    return not used and (effective_from is None or effective_from > today)


def tool_effective_date_problems(*, effective_from: date | None, sections: int, today: date) -> list[str]:
    """MAN-1: why a version cannot take effect on `effective_from` (none for a draft, which has no date)."""
    if effective_from is None:
        return []
    if sections == 0:
        return [
            "A version without sections cannot take effect: manuals could cover nothing and no audit could pass. "
            "Make the new version by copying the version in effect, then edit its sections."
        ]
    if effective_from <= today:
        return [
            "A new version takes effect from tomorrow at the earliest, so that what was started today keeps its "
            "version; leave the date empty to keep it as a draft."
        ]
    return []


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
    """AUD-4: an audit's sections and the overall pass mark of its tool version, in percent."""

    sections: tuple[SectionScore, ...]
    pass_percent: int = field(kw_only=True)

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
        """AUD-4: overall at least the overall pass mark (80% by default) and every section at least the section
        pass mark (50%)."""
        return self.overall_passes and not self.failed_sections

    @property
    def shown(self) -> str:
        return shown_percent(self.percent)


def combine_limited_scope(
    *, previous: list[SectionScore], rescored: list[SectionScore], pass_percent: int
) -> AuditResult:
    """AUD-5: a limited scope audit re-scores its sections; the others keep the scores of the audit it follows."""
    by_section = {score.section: score for score in rescored}
    return AuditResult(tuple(by_section.get(score.section, score) for score in previous), pass_percent=pass_percent)


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


def earliest_audit_date(today: date) -> date:
    """AUD-2: the first day an audit booked today may be held."""
    return today + relativedelta(months=SCHEDULE_MIN_MONTHS)


def suggested_audit_window(today: date) -> tuple[date, date]:
    return earliest_audit_date(today), today + relativedelta(months=SCHEDULE_SUGGESTED_MONTHS)


# --- CERT-1, CERT-2: certificates ---------------------------------------------------------------------------

CERTIFICATE_YEARS = 3
# Certificate numbers: letters and digits nobody misreads (no 0/O, 1/I/L), 12 of them: 32^12 numbers, so a
# valid one cannot be guessed, and one read aloud or typed from paper comes out right.
CERTIFICATE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CERTIFICATE_CHARACTERS = 12


def certificate_expiry(issued_on: date) -> date:
    """CERT-1: valid 3 years from the day the audit was completed, through that day (29 Feb: 28 Feb)."""
    return issued_on + relativedelta(years=CERTIFICATE_YEARS)


def anniversary(issued_on: date, year: int) -> date:
    """CERT-1: the anniversary is the issue day each year; 29 February falls on 28 February in other years."""
    return issued_on + relativedelta(years=year - issued_on.year)


def certificate_ended_on(*, issued_on: date, expires_on: date, left_program_on: date | None) -> date | None:
    """CERT-2 (DOMAIN section 8): a certificate is in good standing only while its company is in the program:
    the company's leaving within the certificate's 3 years ends it that day. A leaving before the issue belongs
    to an earlier registration; one after the expiry finds the certificate expired already."""
    if left_program_on is None or not issued_on <= left_program_on <= expires_on:
        return None
    return left_program_on


def certificate_status(
    *, expires_on: date, suspended: bool, today: date, superseded: bool = False, ended_on: date | None = None
) -> str:
    """What a certificate is today (computed, never stored): "superseded" by the next one (RCT-1), "ended" by
    the company leaving the program (CERT-2), "expired", "suspended" (CERT-2) or "valid"."""
    if superseded:
        return "superseded"
    if ended_on is not None and ended_on <= today:
        return "ended"
    if today > expires_on:
        return "expired"
    return "suspended" if suspended else "valid"


# --- MNT-1, MNT-2, RCT-1: the three-year cycle ------------------------------------------------------------------

# MNT-2: the company is notified this many days before each anniversary.
ANNIVERSARY_NOTICE_DAYS = 90


def anniversaries(issued_on: date) -> list[date]:
    """CERT-1: a certificate's anniversaries, one per year of its validity; the last is its expiry day."""
    return [anniversary(issued_on, issued_on.year + number) for number in range(1, CERTIFICATE_YEARS + 1)]


def maintenance_due(number: int) -> bool:
    """MNT-1: a maintenance package is due by each anniversary but the last: by then the re-certification audit
    (RCT-1) renews the certificate, and a package for a certificate ending that day would keep nothing valid."""
    return number < CERTIFICATE_YEARS


def anniversary_notice_on(anniversary_on: date) -> date:
    """MNT-2: "90 days before D" is D - 90 days."""
    return anniversary_on - timedelta(days=ANNIVERSARY_NOTICE_DAYS)


def year_starts_on(*, issued_on: date, number: int) -> date:
    """The first day of the certificate's `number`th year: the day after the previous anniversary (the last day
    of a year, as an expiry is), the issue day for the first. MNT-1: that year's package is sent from then."""
    return issued_on if number == 1 else issued_on + relativedelta(years=number - 1) + timedelta(days=1)


# MNT-1: the year's package holds the completed audit tool and these many of each.
SAFE_WORK_PRACTICES = 2
SAFE_JOB_PROCEDURES = 2


class Maintenance(StrEnum):
    """MNT-1: where a year's maintenance package stands on a day."""

    TO_COME = "to come"  # its year has not started
    DUE = "due"
    IN_REVIEW = "in review"
    RETURNED = "returned"  # for corrections: correct and resubmit by the end of the window (DOMAIN section 8)
    ACCEPTED = "accepted"
    OVERDUE = "overdue"  # the company's step came late: the certificate is at risk (CERT-2, staff decide)


# MNT-1 (DOMAIN section 8): the company's next step for a year's package is owed by a day ("owed by", the last
# day that counts), kept on the anniversary so the lists of packages overdue read one column. It starts as the
# anniversary; a package sent by then is in time and nothing is owed while SCSA reviews it, however long that
# takes; a return owes the correction within a window counted from it. A step taken late leaves the day it
# missed in place: the package stays overdue until SCSA accepts it.


def maintenance_owed_by_first(*, number: int, anniversary_on: date) -> date | None:
    """What an anniversary owes when its certificate is issued: its package by the anniversary itself, nothing
    by the last (the re-certification audit renews the certificate by it)."""
    return anniversary_on if maintenance_due(number) else None


def maintenance_owed_by_after_sending(*, owed_by: date | None, sent_on: date) -> date | None:
    """MNT-1: a package (or its correction) sent on or before the day it was owed by is in time: nothing more
    is owed until SCSA decides. Sent later, the missed day stays."""
    return None if owed_by is None or sent_on <= owed_by else owed_by


def maintenance_owed_by_after_return(*, owed_by: date | None, returned_on: date, correction_days: int) -> date:
    """MNT-1: a package in time when SCSA returns it is owed corrected within `correction_days` days of the
    return (program setting); one already late stays owed by the day it missed."""
    return returned_on + timedelta(days=correction_days) if owed_by is None else owed_by


def maintenance_state(*, opens_on: date, owed_by: date | None, review_state: str, today: date) -> Maintenance:
    """MNT-1 on `today`: accepted (at any time) ends it; otherwise overdue from the day after the day the
    company's step was owed by (`owed_by`, see above), else where its review stands. `review_state` is the
    package's review state, "" when none was sent."""
    if review_state == "accepted":
        return Maintenance.ACCEPTED
    if owed_by is not None and today > owed_by:
        return Maintenance.OVERDUE
    if review_state:
        return Maintenance.IN_REVIEW if review_state == "submitted" else Maintenance.RETURNED
    return Maintenance.DUE if today >= opens_on else Maintenance.TO_COME


def recertification_opens_on(issued_on: date) -> date:
    """RCT-1: the re-certification audit is requested in the certificate's third (last) year."""
    return year_starts_on(issued_on=issued_on, number=CERTIFICATE_YEARS)


def format_certificate_number(characters: str) -> str:
    """ "SECOR-ABCD-EFGH-JKMN": grouped by four for reading."""
    return "SECOR-" + "-".join(characters[i : i + 4] for i in range(0, len(characters), 4))


# --- AUD-6, ELIG-7: invoices --------------------------------------------------------------------------------


def invoice_tax(amount: Decimal, rate_percent: Decimal) -> Decimal:
    """The tax of an invoice, to the cent, half a cent rounded up (as the Canada Revenue Agency rounds)."""
    return (amount * rate_percent / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
