"""Where a company stands with its milestones (MIL-1, MIL-2): its letters, what the current one requires and
the dates of the manual, the baseline audit and the first certificate, read in one query."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Min, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from audits.invoices.models import Invoice
from audits.models import Audit, AuditRequest, Certificate, ManualSubmission
from companies.models import Company
from milestones import rules
from milestones.expiries import letter_settlement
from milestones.models import MilestoneLetter
from secor.compiled_sql import sql_built_once
from secor.core.models import ProgramSettings
from secor.dates import Reckoning, long_date
from secor.reviews.models import Review
from secor.rule_ids import RuleWords
from training.chart import Chart
from training.rules import CourseCode

Milestone = MilestoneLetter.Milestone


@dataclass(frozen=True)
class Condition:
    label: str
    met: bool
    detail: str = ""


def milestone_1_conditions(*, chart: Chart, manual_approved_on: date | None) -> list[Condition]:
    """MIL-1: the required courses held, the self-audit and LSE proficiency accepted, the manual approved."""
    courses, self_audit, lse, manual = rules.REQUIREMENTS[Milestone.FIRST]
    unheld = "; ".join(
        row.course.name for row in chart.rows if row.course.code in CourseCode.FROM_COURSES and not row.held
    )
    return [
        Condition(courses, not unheld, f"Not yet held: {unheld}." if unheld else ""),
        Condition(self_audit, chart.held([CourseCode.INTERNAL_AUDITOR_CERTIFICATE])),
        Condition(lse, chart.held([CourseCode.LSE_PROFICIENCY])),
        Condition(
            manual,
            manual_approved_on is not None,
            f"Approved {long_date(manual_approved_on)}." if manual_approved_on else "",
        ),
    ]


def milestone_2_conditions(
    *,
    baseline_achieved_on: date | None,
    baseline_requested_on: date | None = None,
    baseline_scheduled_on: date | None = None,
) -> list[Condition]:
    """MIL-2: met by a baseline audit that achieves the standard (AUD-4). Until then, where the audit is: to request
    (AUD-1), requested and waiting for SCSA to book it, or booked for its day."""
    (audit,) = rules.REQUIREMENTS[Milestone.SECOND]
    if baseline_achieved_on is not None:
        return [Condition(audit, True, f"Achieved {long_date(baseline_achieved_on)}.")]
    if baseline_scheduled_on is not None:
        return [Condition(audit, False, f"Booked for {long_date(baseline_scheduled_on)}.")]
    if baseline_requested_on is not None:
        detail = f"Requested on {long_date(baseline_requested_on)}; waiting for SCSA to book it."
        return [Condition(audit, False, detail)]
    return [Condition(audit, False, RuleWords("Request the baseline audit once the manual is approved.", "AUD-1"))]


def conditions_for(letter: MilestoneLetter, *, chart: Chart, standing_dates: dict) -> list[Condition]:
    if letter.milestone == Milestone.FIRST:
        return milestone_1_conditions(chart=chart, manual_approved_on=standing_dates["manual_approved_on"])
    return milestone_2_conditions(
        baseline_achieved_on=standing_dates["baseline_achieved_on"],
        baseline_requested_on=standing_dates["baseline_requested_on"],
        baseline_scheduled_on=standing_dates["baseline_scheduled_on"],
    )


@dataclass(frozen=True)
class Standing:
    """Where a company stands with its milestones today (the company page and its next steps)."""

    letters: list[MilestoneLetter]  # newest first
    letter: MilestoneLetter | None  # the current one, of the current registration
    conditions: list[Condition]
    today: date
    first_warning_days: int  # NTC-1's first warning, a program setting
    # The current letter's settlement today: recorded, or decided by its expiry and not recorded yet (MIL-3).
    settled: str = MilestoneLetter.Settled.OPEN
    settled_on: date | None = None
    manual_sent_on: date | None = None  # MIL-4's third step
    manual_approved_on: date | None = None  # MIL-1
    manual_state: str = ""  # the latest manual's review state (secor.reviews), "" before one is sent
    manual_sent_latest_on: date | None = None  # the day its latest version was sent (MAN-2: under review since)
    baseline_booked_on: date | None = None  # MIL-4: the first certification audit booked
    baseline_scheduled_on: date | None = None  # and the day it is booked for (the latest booking not cancelled)
    baseline_requested_on: date | None = None  # AUD-1: a baseline audit request waiting to be booked
    baseline_achieved_on: date | None = None  # MIL-2: and achieved
    certified_on: date | None = None  # CERT-1: the first certificate
    unpaid_count: int | None = None  # AUD-6, ELIG-7: invoices issued and not paid, their total, the first due date
    unpaid_total: Decimal | None = None
    unpaid_due_on: date | None = None
    letter_months: int | None = None  # MIL-1/MIL-2: the current letter's months after registration (a setting)

    @property
    def expiry_reckoning(self) -> Reckoning | None:
        """How the current letter's expiry was reckoned (MIL-1, MIL-2), for the page to explain it."""
        if self.letter is None or self.letter.company.registration_date is None or self.letter_months is None:
            return None
        return rules.letter_expiry_reckoning(
            registration_date=self.letter.company.registration_date,
            months=self.letter_months,
            milestone=self.letter.milestone,
            expires_on=self.letter.expires_on,
        )

    @property
    def deroll_reckoning(self) -> Reckoning | None:
        """MIL-3: the day after the expiry, when the de-roll is dated so (staff may date one by hand earlier)."""
        if self.settled != MilestoneLetter.Settled.DEROLLED:
            return None
        reckoning = rules.deroll_reckoning(self.letter.expires_on, milestone=self.letter.milestone)
        return reckoning if reckoning.on == self.settled_on else None

    @property
    def history(self) -> list[MilestoneLetter]:
        """The letters before the current one: met ones of this registration, and those of an earlier one."""
        return [letter for letter in self.letters if letter is not self.letter]

    @property
    def met(self) -> bool:
        return bool(self.conditions) and all(condition.met for condition in self.conditions)

    @property
    def expired(self) -> bool:
        return self.letter is not None and self.today > self.letter.expires_on

    @property
    def days_left(self) -> int | None:
        return (self.letter.expires_on - self.today).days if self.letter else None

    @property
    def request_missing(self) -> bool:
        """MIL-2, DOMAIN section 8: Milestone #1 met, its letter open, and the #2 letter not asked for (a deadline
        of the #1 letter)."""
        return (
            self.letter is not None
            and self.letter.milestone == Milestone.FIRST
            and self.settled == MilestoneLetter.Settled.OPEN
            and self.met
            and not self.request_pending
        )

    @property
    def letter_state(self) -> str:
        """How the current letter reads today: "lapsed" (de-rolled), "request-missing" (MIL-2), "met", "expired",
        "at-risk" (within MIL-3's 30 days), "warned" (within NTC-1's first warning), or "open"."""
        if self.settled == MilestoneLetter.Settled.DEROLLED:
            return "lapsed"
        if self.request_missing and not self.expired:
            return "request-missing"
        if self.met:
            return "met"
        if self.expired:
            return "expired"
        if rules.at_risk(expires_on=self.letter.expires_on, today=self.today):
            return "at-risk"
        return "warned" if self.days_left <= self.first_warning_days else "open"

    @property
    def request_pending(self) -> bool:
        return self.letter is not None and self.letter.next_requested_at is not None

    @property
    def may_request_next(self) -> bool:
        """MAN-3, MIL-2: with Milestone #1 met, before its letter expires, and not asked already."""
        return self.request_missing and not self.expired


DATES = (
    "manual_sent_on",
    "manual_approved_on",
    "manual_state",
    "manual_sent_latest_on",
    "baseline_booked_on",
    "baseline_scheduled_on",
    "baseline_requested_on",
    "baseline_achieved_on",
    "certified_on",
    "unpaid_count",
    "unpaid_total",
    "unpaid_due_on",
)


def _dates(company: str) -> dict:
    """What the standing reads besides the letters, as subqueries of the outer query's `company` field."""
    manuals = ManualSubmission.objects.filter(company=OuterRef(company)).order_by("pk")
    approved = manuals.filter(review__state=Review.State.ACCEPTED).order_by("-review__accepted_on")
    unpaid = Invoice.objects.filter(company=OuterRef(company), state=Invoice.State.ISSUED).values("company")
    baseline = Audit.objects.filter(company=OuterRef(company), purpose=Audit.Purpose.BASELINE).exclude(
        state=Audit.State.CANCELLED
    )
    return {
        "manual_sent_on": Subquery(manuals.values("review__first_submitted_on")[:1]),
        "manual_approved_on": Subquery(approved.values("review__accepted_on")[:1]),
        "manual_state": Subquery(manuals.order_by("-pk").values("review__state")[:1]),
        "manual_sent_latest_on": Subquery(
            manuals.order_by("-pk").annotate(day=TruncDate("review__latest_submitted_at")).values("day")[:1]
        ),
        "baseline_booked_on": Subquery(
            baseline.order_by("scheduled_at").annotate(day=TruncDate("scheduled_at")).values("day")[:1]
        ),
        "baseline_scheduled_on": Subquery(
            baseline.filter(state=Audit.State.SCHEDULED).order_by("-scheduled_on").values("scheduled_on")[:1]
        ),
        "baseline_requested_on": Subquery(
            AuditRequest.objects.filter(company=OuterRef(company), purpose=Audit.Purpose.BASELINE, audit__isnull=True)
            .annotate(day=TruncDate("requested_at"))
            .order_by("-requested_at")
            .values("day")[:1]
        ),
        "baseline_achieved_on": Subquery(
            baseline.filter(achieved=True).order_by("completed_on").values("completed_on")[:1]
        ),
        **{
            name: Subquery(unpaid.annotate(value=aggregate).values("value")[:1])
            for name, aggregate in (
                ("unpaid_count", Count("pk")),
                ("unpaid_total", Sum("total")),
                ("unpaid_due_on", Min("due_on")),
            )
        },
        "certified_on": Subquery(
            Certificate.objects.filter(company=OuterRef(company)).order_by("issued_on").values("issued_on")[:1]
        ),
    }


def _letters_with_dates(_, company_ids: list[int]) -> QuerySet[MilestoneLetter]:
    (company_id,) = company_ids
    return MilestoneLetter.objects.filter(company_id=company_id).annotate(**_dates("company")).order_by("-pk")


def milestone_standing(*, company: Company, chart: Chart, today: date) -> Standing:
    """The company's letters (newest first) and what the current one requires. A company with letters (every
    registered one) gets them, its manual's and its baseline audit's dates in one query; extensions are on
    its timeline."""
    # Six subqueries, built once for the time zone their days are taken in (secor.compiled_sql); each letter
    # knows its company, as the related manager's do.
    zone = timezone.get_current_timezone_name()
    letters = list(MilestoneLetter.objects.raw(*sql_built_once(_letters_with_dates, zone, [company.pk])))
    for letter in letters:
        letter.company = company
    if letters:
        dates = {name: getattr(letters[0], name) for name in DATES}
    else:
        # Without a letter (a company not registered yet), the same subqueries over the company itself.
        dates = Company.objects.filter(pk=company.pk).annotate(**_dates("pk")).values(*DATES).get()
    # MIL-1: a company registered again has no current letter until its new one is issued.
    letter = next((letter for letter in letters if not letter.earlier_registration), None)
    conditions = conditions_for(letter, chart=chart, standing_dates=dates) if letter else []
    settled = letter_settlement(letter, today=today) if letter else (MilestoneLetter.Settled.OPEN, None)
    program = ProgramSettings.current()
    months = None
    if letter is not None:
        months = program.milestone_1_months if letter.milestone == Milestone.FIRST else program.milestone_2_months
    dates = {**dates, "manual_state": dates["manual_state"] or ""}
    return Standing(
        letters, letter, conditions, today, program.letter_first_warning_days, *settled, **dates, letter_months=months
    )
