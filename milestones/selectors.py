"""Reads of the milestones: each company's letters and where it stands (MIL-1, MIL-2), the roadmap stage of
every company as SQL (MIL-4), and the letters staff watch (MIL-3)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import TruncDate
from django.utils import timezone

from audits.models import Audit, Certificate, ManualSubmission, certificate_ended
from companies.models import Company, status_in
from milestones import rules
from milestones.expiries import lapses_due, letter_settlement, open_letters
from milestones.models import MilestoneLetter
from secor import hooks
from secor.compiled_sql import sql_built_once
from secor.core.models import ProgramSettings
from secor.dates import long_date
from secor.reviews.models import Review
from secor.rule_ids import RuleWords
from training.chart import Chart
from training.models import TrainingDeadline, TrainingSummary
from training.rules import CourseCode
from training.summaries import summaries_refresh, summaries_refresh_all

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


def milestone_2_conditions(*, baseline_achieved_on: date | None) -> list[Condition]:
    """MIL-2: met by a baseline audit that achieves the standard (AUD-4)."""
    (audit,) = rules.REQUIREMENTS[Milestone.SECOND]
    if baseline_achieved_on is None:
        return [Condition(audit, False, RuleWords("Request the baseline audit once the manual is approved.", "AUD-1"))]
    return [Condition(audit, True, f"Achieved {long_date(baseline_achieved_on)}.")]


def conditions_for(letter: MilestoneLetter, *, chart: Chart, standing_dates: dict) -> list[Condition]:
    if letter.milestone == Milestone.FIRST:
        return milestone_1_conditions(chart=chart, manual_approved_on=standing_dates["manual_approved_on"])
    return milestone_2_conditions(baseline_achieved_on=standing_dates["baseline_achieved_on"])


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
    baseline_booked_on: date | None = None  # MIL-4: the first certification audit booked
    baseline_achieved_on: date | None = None  # MIL-2: and achieved
    certified_on: date | None = None  # CERT-1: the first certificate

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
    "baseline_booked_on",
    "baseline_achieved_on",
    "certified_on",
)


def _dates(company: str) -> dict:
    """What the standing reads besides the letters, as subqueries of the outer query's `company` field."""
    manuals = ManualSubmission.objects.filter(company=OuterRef(company)).order_by("pk")
    approved = manuals.filter(review__state=Review.State.ACCEPTED).order_by("-review__accepted_on")
    baseline = Audit.objects.filter(company=OuterRef(company), purpose=Audit.Purpose.BASELINE).exclude(
        state=Audit.State.CANCELLED
    )
    return {
        "manual_sent_on": Subquery(manuals.values("review__first_submitted_on")[:1]),
        "manual_approved_on": Subquery(approved.values("review__accepted_on")[:1]),
        "manual_state": Subquery(manuals.order_by("-pk").values("review__state")[:1]),
        "baseline_booked_on": Subquery(
            baseline.order_by("scheduled_at").annotate(day=TruncDate("scheduled_at")).values("day")[:1]
        ),
        "baseline_achieved_on": Subquery(
            baseline.filter(achieved=True).order_by("completed_on").values("completed_on")[:1]
        ),
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
    first_warning_days = ProgramSettings.current().letter_first_warning_days
    dates = {**dates, "manual_state": dates["manual_state"] or ""}
    return Standing(letters, letter, conditions, today, first_warning_days, *settled, **dates)


# --- the roadmap's stage, in SQL, for lists (MIL-4) ----------------------------------------------------------


def _summary(**flags) -> Exists:
    return Exists(TrainingSummary.objects.filter(company=OuterRef("pk"), **flags))


def _steps_done(today: date) -> list[tuple[str, Exists]]:
    """MIL-4's steps in order, each with the condition that it is done (the training ones by the kept
    summaries), and then a certificate valid today (RCT-1: an expired one asks for the re-certification); a
    registered company's stage is the first not done. Each joins a company registered today: for it the recorded
    leaving of the program is its leaving today (CERT-2)."""
    baseline = Audit.objects.filter(company=OuterRef("pk"), purpose=Audit.Purpose.BASELINE)
    return [
        (rules.COURSES, _summary(courses_held=True)),
        (rules.PROFICIENCIES, _summary(proficiencies_held=True)),
        (rules.MANUAL, Exists(ManualSubmission.objects.filter(company=OuterRef("pk")))),
        (
            rules.MILESTONE_2,
            Exists(
                MilestoneLetter.objects.filter(
                    company=OuterRef("pk"), milestone=Milestone.SECOND, earlier_registration=False
                )
            ),
        ),
        (rules.BOOK_AUDIT, Exists(baseline.exclude(state=Audit.State.CANCELLED))),
        (rules.AUDIT, Exists(baseline.filter(achieved=True))),
        (
            rules.RECERTIFY,
            Exists(
                Certificate.objects.filter(
                    company=OuterRef("pk"), superseded_by__isnull=True, expires_on__gte=today
                ).exclude(certificate_ended(today=None))
            ),
        ),
    ]


def _stage(today: date, registered: Q) -> Case:
    """The first step of the roadmap a registered company has not done ("" for a company not registered)."""
    return Case(
        When(~registered, then=Value("")),
        *(When(~done, then=Value(step)) for step, done in _steps_done(today)),
        default=Value(rules.CERTIFIED),  # every step done: the achieved audit issued the certificate
    )


def in_stage(stage: str, today: date) -> Q:
    """The registered companies at `stage`, as a plain condition: every earlier step done and this one not
    (PostgreSQL joins each condition once, where a CASE would probe them company by company)."""
    condition = status_in([Company.Status.REGISTERED], today=today)
    for step, done in _steps_done(today):
        if step == stage:
            return condition & ~done
        condition &= done
    return condition


def with_stage(companies: QuerySet, *, today: date) -> QuerySet:
    """Annotate `roadmap_stage` (MIL-4) on any set of companies, every summary made current first."""
    summaries_refresh_all(today=today)
    return companies.annotate(roadmap_stage=_stage(today, status_in([Company.Status.REGISTERED], today=today)))


def companies_in_stage(companies: QuerySet, *, stage: str, today: date) -> QuerySet:
    """The company list's stage filter, every summary made current first."""
    summaries_refresh_all(today=today)
    return companies.filter(in_stage(stage, today))


def stages_of(companies: list[Company], *, today: date) -> dict[int, str]:
    """The stage of each company of a page of a list, in one query: call it once the page's summaries are
    current (training.summaries.summaries_for)."""
    ids = [company.pk for company in companies]
    if not ids:
        return {}
    # The CASE of seven EXISTS is built once a day for each size of page (secor.compiled_sql), over the stored
    # status: a company de-rolled by a lapse not recorded yet (MIL-3) is at no stage, as it will be.
    with connection.cursor() as cursor:
        cursor.execute(*sql_built_once(_stages, today, ids))
        stages = dict(cursor.fetchall())
    due = hooks.derolls_due(today=today)
    return {pk: "" if pk in due else stage for pk, stage in stages.items()}


def _stages(today: date, ids: list[int]) -> QuerySet:
    stage = _stage(today, Q(status=Company.Status.REGISTERED))
    return Company.objects.filter(pk__in=ids).annotate(stage=stage).values_list("pk", "stage")


# --- what staff watch (MIL-3) -------------------------------------------------------------------------------


def _watched(today: date) -> QuerySet[MilestoneLetter]:
    """The open letters of companies in the program today: a company de-rolled by a lapse the nightly job has not
    recorded yet is not (MIL-3), though its letter may be open again (extended after the lapse)."""
    return open_letters().filter(status_in([Company.Status.REGISTERED], today=today, company="company__"))


def _milestone_1_met_now() -> Q:
    """A #1 letter whose milestone is met today: the company's training complete (by the kept summaries:
    refresh them first) and its manual approved."""
    return (
        Q(milestone=Milestone.FIRST)
        & Q(Exists(TrainingSummary.objects.filter(company=OuterRef("company"), complete=True)))
        & Q(Exists(ManualSubmission.objects.filter(company=OuterRef("company"), review__state=Review.State.ACCEPTED)))
    )


def unmet_now() -> Q:
    """A letter whose milestone is not met today: #1 (see above), or #2 unless its baseline audit achieved the
    standard."""
    met_2 = Q(milestone=Milestone.SECOND) & Q(
        Exists(Audit.objects.filter(company=OuterRef("company"), purpose=Audit.Purpose.BASELINE, achieved=True))
    )
    return ~(_milestone_1_met_now() | met_2)


def request_missing_now() -> Q:
    """MIL-2, DOMAIN section 8: a #1 letter met today whose company has not asked for its #2 letter (issuing #2
    settles #1: an open #1 letter has none)."""
    return _milestone_1_met_now() & Q(next_requested_at__isnull=True)


def deroll_ahead() -> Q:
    """An open letter that de-rolls its company at its expiry if nothing changes (MIL-3, MIL-2): what NTC-1's
    warnings are about."""
    return unmet_now() | request_missing_now()


def letters_at_risk(*, today: date) -> QuerySet[MilestoneLetter]:
    """MIL-3: letters expiring within 30 days (today included) with the milestone unmet, soonest first."""
    summaries_refresh_all(today=today)
    return (
        _watched(today)
        .filter(expires_on__gte=today, expires_on__lte=today + timedelta(days=rules.AT_RISK_DAYS))
        .filter(unmet_now())
        .order_by("expires_on", "company__legal_name", "pk")
    )


def letters_expiring(*, today: date, within_days: int) -> QuerySet[MilestoneLetter]:
    """Open letters whose expiry falls in the next `within_days` days, soonest first (met or not)."""
    return (
        _watched(today)
        .filter(expires_on__gte=today, expires_on__lte=today + timedelta(days=within_days))
        .order_by("expires_on", "company__legal_name", "pk")
    )


def derolled_today(*, today: date) -> list[tuple[MilestoneLetter, date, date]]:
    """MIL-3: the letters by which SECOR de-rolled a company today, each with the expiry it lapsed at and the
    de-roll's day: those the nightly job recorded today, and those it has yet to record (shown de-rolled
    already), by company name."""
    recorded = MilestoneLetter.objects.filter(
        settled=MilestoneLetter.Settled.DEROLLED, settled_at__date=today
    ).select_related("company")
    derolled = [(letter, letter.expires_on, letter.settled_on) for letter in recorded]
    derolled += [(letter, lapse.expired_on, lapse.derolled_on) for letter, lapse in lapses_due(today=today)]
    return sorted(derolled, key=lambda row: (row[0].company.legal_name, row[0].pk))


def requests_missing(*, today: date) -> QuerySet[MilestoneLetter]:
    """MIL-2: the Milestone #1 letters met but with no #2 letter requested nor issued, soonest expiry first:
    each de-rolls its company the day after it expires unless the company asks."""
    summaries_refresh_all(today=today)
    return _requests_missing(today)


def _requests_missing(today: date) -> QuerySet[MilestoneLetter]:
    return (
        _watched(today)
        .filter(expires_on__gte=today)
        .filter(request_missing_now())
        .order_by("expires_on", "company__legal_name", "pk")
    )


def watched_letter_ids(*, today: date, within_days: int) -> tuple[list[int], list[int], list[int]]:
    """The ids of letters_at_risk, requests_missing and letters_expiring(within_days), each in its order, for the
    watch page to count and page. One query reads the letters expiring in the wider of the two windows with
    whether each is unmet: those at risk are the unmet ones of their 30 days. (Not built once a day: which
    companies are de-rolled today, and so left out, can change during the day.)"""
    summaries_refresh_all(today=today)
    missing = list(_requests_missing(today).values_list("pk", flat=True))
    unmet = ExpressionWrapper(unmet_now(), output_field=BooleanField())
    expiring = list(
        letters_expiring(today=today, within_days=max(within_days, rules.AT_RISK_DAYS))
        .annotate(unmet=unmet)
        .values_list("pk", "expires_on", "unmet")
    )
    at_risk_until, until = today + timedelta(days=rules.AT_RISK_DAYS), today + timedelta(days=within_days)
    return (
        [pk for pk, expires_on, unmet in expiring if unmet and expires_on <= at_risk_until],
        missing,
        [pk for pk, expires_on, _ in expiring if expires_on <= until],
    )


def requests_waiting(*, today: date) -> QuerySet[MilestoneLetter]:
    """MAN-3: Milestone #1 letters whose company asked for its #2, not issued yet, of companies not de-rolled."""
    return (
        MilestoneLetter.objects.filter(
            milestone=Milestone.FIRST,
            next_requested_at__isnull=False,
            settled=MilestoneLetter.Settled.OPEN,
            earlier_registration=False,
        )
        .exclude(status_in([Company.Status.DEROLLED], today=today, company="company__"))
        .select_related("company", "next_requested_by")
        .order_by("next_requested_at")
    )


# --- the company's roadmap (MIL-4) --------------------------------------------------------------------------


def roadmap_of(*, company: Company, chart: Chart, standing: Standing, today: date) -> list[rules.StepProgress]:
    """MIL-4: the suggested timeline from the registration date, each step done (with its date) or not."""
    if company.registration_date is None:
        return []
    done: dict[str, date | None] = {}
    if chart.held(CourseCode.FROM_COURSES):
        done[rules.COURSES] = chart.held_since(CourseCode.FROM_COURSES)
    if chart.held(CourseCode.FROM_SUBMISSION):
        done[rules.PROFICIENCIES] = chart.held_since(CourseCode.FROM_SUBMISSION)
    if standing.manual_sent_on is not None:
        done[rules.MANUAL] = standing.manual_sent_on
    second = [
        letter
        for letter in standing.letters
        if letter.milestone == Milestone.SECOND and not letter.earlier_registration
    ]
    if second:
        done[rules.MILESTONE_2] = second[-1].issued_on
    if standing.baseline_booked_on is not None:
        done[rules.BOOK_AUDIT] = standing.baseline_booked_on
    if standing.baseline_achieved_on is not None:
        done[rules.AUDIT] = standing.baseline_achieved_on
    if standing.certified_on is not None:
        done[rules.CERTIFIED] = standing.certified_on
    return rules.roadmap(registration_date=company.registration_date, done=done, today=today)


def calendar_of(*, company: Company, today: date) -> list[tuple[str, date, str]]:
    """MIL-4: the company's dates to come, for its calendar feed: (uid, day, summary)."""
    events = [
        (
            f"letter-{letter.pk}-{letter.expires_on:%Y%m%d}",
            letter.expires_on,
            f"SECOR {letter.get_milestone_display()} letter expires",
        )
        for letter in company.milestone_letters.filter(
            settled=MilestoneLetter.Settled.OPEN, expires_on__gte=today, earlier_registration=False
        )
    ]
    summaries_refresh(Company.objects.filter(pk=company.pk), today=today)
    deadlines = TrainingDeadline.objects.filter(company=company, due_on__gte=today).select_related("employee")
    labels = {
        TrainingDeadline.Kind.SELF_AUDIT: "self-audit and Internal Auditor Certification due",
        TrainingDeadline.Kind.LSE_PROFICIENCY: "LSE proficiency due",
        TrainingDeadline.Kind.MAINTENANCE_AUDIT: "personal maintenance audit due",
        TrainingDeadline.Kind.AUDITOR_EXPIRY: "internal auditor status expires",
    }
    events += [
        (
            f"{deadline.kind}-{deadline.employee_id}-{deadline.due_on:%Y%m%d}",
            deadline.due_on,
            f"SECOR: {deadline.employee} — {labels[deadline.kind]}",
        )
        for deadline in deadlines
    ]
    return sorted(events, key=lambda event: (event[1], event[0]))


def stage_counts(companies: QuerySet, *, today: date) -> dict[str, int]:
    """How many of `companies` stand at each roadmap stage (MIL-4) on `today`, in one query."""
    return dict(with_stage(companies, today=today).values_list("roadmap_stage").annotate(count=Count("pk")).order_by())
