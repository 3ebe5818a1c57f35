"""The audit tool's program numbers (MAN-1) and the scoring of an audit (AUD-4, AUD-5). Pure: no database."""

import math
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
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


def certificate_status(*, expires_on: date, suspended: bool, today: date) -> str:
    """What a certificate is today (computed, never stored): "valid", "suspended" (CERT-2) or "expired"."""
    if today > expires_on:
        return "expired"
    return "suspended" if suspended else "valid"


def format_certificate_number(characters: str) -> str:
    """ "SECOR-ABCD-EFGH-JKMN": grouped by four for reading."""
    return "SECOR-" + "-".join(characters[i : i + 4] for i in range(0, len(characters), 4))


# --- AUD-6, ELIG-7: invoices --------------------------------------------------------------------------------


def invoice_tax(amount: Decimal, rate_percent: Decimal) -> Decimal:
    """The tax of an invoice, to the cent, half a cent rounded up (as the Canada Revenue Agency rounds)."""
    return (amount * rate_percent / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
