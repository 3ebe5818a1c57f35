"""The audit tool's program numbers (MAN-1) and the scoring of an audit (AUD-4, AUD-5). Pure: no database."""

import math
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction

from dateutil.relativedelta import relativedelta

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


# --- AUD-4: scoring -----------------------------------------------------------------------------------------

# [decision, per audit-tool version in the seed's terms; defined once here]: the standard is achieved with an
# overall score of at least 80% and every section at least 50%, supplemental sections included.
OVERALL_PASS_PERCENT = 80
SECTION_PASS_PERCENT = 50


@dataclass(frozen=True)
class SectionScore:
    """One section's points: available, actual (earned) and not applicable. Whole points."""

    section: str
    available: int
    actual: int
    not_applicable: int = 0

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
        return not self.scored or 100 * self.actual >= SECTION_PASS_PERCENT * self.applicable

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
    sections: tuple[SectionScore, ...]

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
        return self.applicable > 0 and 100 * self.actual >= OVERALL_PASS_PERCENT * self.applicable

    @property
    def failed_sections(self) -> list[str]:
        return [score.section for score in self.sections if not score.passes]

    @property
    def achieved(self) -> bool:
        """AUD-4: overall at least 80% and every section at least 50%."""
        return self.overall_passes and not self.failed_sections

    @property
    def shown(self) -> str:
        return shown_percent(self.percent)


def combine_limited_scope(*, previous: list[SectionScore], rescored: list[SectionScore]) -> AuditResult:
    """AUD-5: a limited scope audit re-scores its sections; the others keep the scores of the audit it follows."""
    by_section = {score.section: score for score in rescored}
    return AuditResult(tuple(by_section.get(score.section, score) for score in previous))


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
    RETURNED = "returned"  # for corrections: correct and resubmit by the anniversary (DOMAIN section 8)
    ACCEPTED = "accepted"
    OVERDUE = "overdue"  # not accepted by the anniversary: the certificate is at risk (CERT-2, staff decide)


def maintenance_state(*, opens_on: date, due_on: date, review_state: str, today: date) -> Maintenance:
    """MNT-1 on `today`: accepted (at any time) ends it; otherwise overdue from the day after the anniversary
    (the last day that counts), else where its review stands. `review_state` is the package's review state,
    "" when none was sent."""
    if review_state == "accepted":
        return Maintenance.ACCEPTED
    if today > due_on:
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
