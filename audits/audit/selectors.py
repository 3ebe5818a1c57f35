"""Reads of the external audits (AUD-1 … AUD-5): a company's request and its checklist, what staff may book,
the score sheet, and the calendars."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Exists, F, FloatField, Q, QuerySet, Subquery
from django.db.models.functions import Cast
from django.shortcuts import get_object_or_404

from audits.audit import rules
from audits.audit.models import Audit, AuditRequest, AuditScore
from audits.maintenance.selectors import cycle_of
from audits.manual.selectors import manual_dates
from audits.tool.models import AuditSection
from audits.tool.selectors import sections_of
from companies.models import Company
from companies.selectors import registered
from secor.aggregates import Median
from secor.dates import Period, long_date
from training.summaries import summaries_for


def request_waiting(*, company) -> AuditRequest | None:
    """The company's baseline audit request not yet booked (AUD-1)."""
    return company.audit_requests.filter(audit__isnull=True).order_by("-requested_at").first()


def requests_to_book(*, today: date) -> QuerySet[AuditRequest]:
    """AUD-1, AUD-2: the audit requests of registered companies not booked yet, the oldest first (staff's queue and
    its count in the navigation)."""
    return AuditRequest.objects.filter(audit__isnull=True, company__in=registered(today=today)).order_by(
        "requested_at", "pk"
    )


def evidence_of(request: AuditRequest | None) -> list:
    """AUD-1: the records a request was sent with, the earliest first (none for a request sent before SECOR
    asked for them, or for an audit that follows another)."""
    if request is None:
        return []
    return list(request.evidence.select_related("document").order_by("dated_on", "kind"))


def request_checklist(*, company, today: date, request: AuditRequest | None = None) -> list[rules.ChecklistItem]:
    """AUD-1: the submission checklist ticked from what SECOR knows: the manual's approval, the company's
    training, and once it is sent the request's forms and the date its evidence starts."""
    return rules.submission_checklist(
        manual_approved=manual_dates(company=company)[1] is not None,
        site_assessment=request is not None,
        compliance_declaration=request is not None,
        training_complete=summaries_for([company], today=today)[company.pk].complete,
        functioning_since=request.system_functioning_since if request else None,
        today=today,
    )


def audit_underway(*, company, purpose: str, since: date | None = None) -> bool:
    """An audit for `purpose` is requested and not booked, booked and not held, failed and awaiting its
    re-audit, or (for the first certification) achieved. For a re-certification, only the audits of the current
    certificate's cycle count (booked from `since`, its issue day): an achieved one has issued the next."""
    waiting = company.audit_requests.filter(audit__isnull=True).order_by("-requested_at").values("purpose")[:1]
    audits = Audit.objects.filter(company=company, purpose=purpose).exclude(state=Audit.State.CANCELLED)
    if since is not None:
        audits = audits.filter(scheduled_at__date__gte=since)
    else:
        audits = audits.filter(Q(state=Audit.State.SCHEDULED) | Q(achieved=True))
    # One query, as every company page in a re-certification year asks it.
    underway = Company.objects.filter(pk=company.pk).annotate(waiting_for=Subquery(waiting))
    return underway.filter(Q(waiting_for=purpose) | Exists(audits)).exists()


def audits_after(audit: Audit) -> QuerySet[Audit]:
    return Audit.objects.filter(follows=audit).exclude(state=Audit.State.CANCELLED)


def audits_of_company(*, company) -> list[Audit]:
    return list(
        company.audits.select_related("auditor", "report", "follows", "request")
        .prefetch_related("scope")
        .order_by("-scheduled_on", "-pk")
    )


def audit_get_for_company(*, company, pk: int) -> Audit:
    return get_object_or_404(
        Audit.objects.filter(company=company).select_related(
            "company", "tool", "auditor", "follows", "report", "request"
        ),
        pk=pk,
    )


def sections_to_score(audit: Audit) -> list[AuditSection]:
    """AUD-4, AUD-5: every section of the tool, or a limited scope audit's own sections."""
    if audit.kind == Audit.Kind.LIMITED_SCOPE:
        return sorted(audit.scope.all(), key=lambda section: section.number)
    return sections_of(audit.tool)


@dataclass(frozen=True)
class SheetRow:
    section: AuditSection
    score: AuditScore | None
    pass_percent: int  # AUD-4: the section pass mark of the audit's tool version

    @property
    def rule(self) -> rules.SectionScore | None:
        if self.score is None:
            return None
        return rules.SectionScore(
            str(self.section),
            self.score.available,
            self.score.actual,
            self.score.not_applicable,
            pass_percent=self.pass_percent,
        )


@dataclass(frozen=True)
class ScoreSheet:
    audit: Audit
    rows: list[SheetRow]  # the sections this audit scores
    previous: tuple[rules.SectionScore, ...] = ()  # for a limited scope: the audit it follows, combined

    @property
    def scored(self) -> int:
        return sum(row.score is not None for row in self.rows)

    @property
    def complete(self) -> bool:
        return self.scored == len(self.rows)

    @property
    def result(self) -> rules.AuditResult:
        """AUD-4 over the sections scored so far, never achieved while one is not; a limited scope combined with the
        audit it follows (AUD-5)."""
        scored = [row.rule for row in self.rows if row.rule is not None]
        pass_percent = self.audit.tool.overall_pass_percent  # AUD-4: the audit's own version's mark
        unscored = len(self.rows) - len(scored)
        if self.previous:
            return rules.combine_limited_scope(
                previous=list(self.previous), rescored=scored, pass_percent=pass_percent, unscored=unscored
            )
        return rules.AuditResult(tuple(scored), pass_percent=pass_percent, unscored=unscored)


def _result_sections(audit: Audit) -> tuple[rules.SectionScore, ...]:
    """The sections' scores an audit ends with: its own, or for a limited scope, combined with what it follows."""
    return score_sheet(audit).result.sections


def score_sheet(audit: Audit) -> ScoreSheet:
    scores = {score.section_id: score for score in audit.scores.all()}
    mark = audit.tool.section_pass_percent
    rows = [SheetRow(section, scores.get(section.pk), mark) for section in sections_to_score(audit)]
    previous = _result_sections(audit.follows) if audit.kind == Audit.Kind.LIMITED_SCOPE and audit.follows else ()
    return ScoreSheet(audit, rows, previous)


def baseline_achieved_on(*, company_ids) -> dict[int, date]:
    """MIL-2: the day each company's first certification audit achieved the standard, for those it did."""
    rows = Audit.objects.filter(company_id__in=company_ids, purpose=Audit.Purpose.BASELINE, achieved=True).order_by(
        "-completed_on"
    )
    return dict(rows.values_list("company_id", "completed_on"))


def audits_in_month(*, month: date) -> QuerySet[Audit]:
    """Staff's calendar: the audits booked in a month, by day."""
    return (
        Audit.objects.filter(scheduled_on__year=month.year, scheduled_on__month=month.month)
        .exclude(state=Audit.State.CANCELLED)
        .select_related("company", "auditor")
        .order_by("scheduled_on", "auditor__last_name", "pk")
    )


def bookable(*, company) -> tuple[list[tuple[str, str]], Audit | None]:
    """What staff may book for the company now: the baseline or re-certification audit it requested (AUD-1,
    RCT-1), or the re-audit
    its last audit that did not achieve the standard requires (AUD-5), with that audit."""
    if (waiting := request_waiting(company=company)) is not None:
        kind = Audit.Kind.BASELINE if waiting.purpose == Audit.Purpose.BASELINE else Audit.Kind.RECERTIFICATION
        return [(kind, kind.label)], None
    last = company.audits.filter(state=Audit.State.COMPLETED).order_by("-completed_on", "-pk").first()
    if last is not None and last.achieved is False and not audits_after(last).exists():
        kinds = [(kind, kind.label) for kind in (Audit.Kind.FULL_REAUDIT, Audit.Kind.LIMITED_SCOPE)]
        return kinds, last
    return [], None


def audits_upcoming(*, today: date, days: int) -> QuerySet[Audit]:
    """The audits booked from today through `days` days ahead, soonest first."""
    return (
        Audit.objects.filter(state=Audit.State.SCHEDULED, scheduled_on__range=(today, today + timedelta(days=days)))
        .select_related("company", "auditor")
        .order_by("scheduled_on", "auditor__last_name", "pk")
    )


def audits_of_auditor(*, auditor, today: date) -> QuerySet[Audit]:
    """The audits booked with an auditor from today on (their calendar, AUD-2)."""
    return (
        Audit.objects.filter(auditor=auditor, state=Audit.State.SCHEDULED, scheduled_on__gte=today)
        .select_related("company")
        .order_by("scheduled_on", "pk")
    )


def audits_to_complete(*, auditor, today: date) -> QuerySet[Audit]:
    """The audits booked with an auditor whose day has passed, not yet completed: to score and complete (AUD-4)."""
    return (
        Audit.objects.filter(auditor=auditor, state=Audit.State.SCHEDULED, scheduled_on__lt=today)
        .select_related("company")
        .order_by("scheduled_on", "pk")
    )


def request_problems(*, company: Company, system_functioning_since: date | None, today: date) -> list[str]:
    """Each condition of an audit request not met today, with what to do or the first date: the baseline audit
    (AUD-1), or for a certified company its re-certification audit (RCT-1: the same gate but the manual's first
    review, in the certificate's last year, with the training maintained)."""
    problems = []
    if (status := company.status_on(today)).status != Company.Status.REGISTERED:
        problems.append(f"{company} is “{status.label}”: audits are for registered companies.")
    cycle = cycle_of(company=company, today=today)
    if cycle is None:
        if manual_dates(company=company)[1] is None:
            problems.append("The health & safety manual review must be approved first.")
    else:
        if today < cycle.recertification_opens_on:
            problems.append(
                f"Certificate {cycle.certificate.number} is renewed in its last year: request the re-certification "
                f"audit from {long_date(cycle.recertification_opens_on)}."
            )
        if not summaries_for([company], today=today)[company.pk].complete:
            problems.append("The required training must be maintained: the training chart shows what is unmet.")
    if system_functioning_since is not None:
        # Its records are dated by today (refused by their fields otherwise): only the 6 months remain to check.
        possible_from = rules.audit_possible_from(system_functioning_since)
        if today < possible_from:
            problems.append(
                f"The health & safety system must have functioned for {rules.SYSTEM_FUNCTIONING_MONTHS} months "
                f"(6 months of Saskatchewan documentation): request the audit from {long_date(possible_from)}."
            )
    purpose = Audit.Purpose.BASELINE if cycle is None else Audit.Purpose.RECERTIFICATION
    if audit_underway(company=company, purpose=purpose, since=cycle and cycle.certificate.issued_on):
        problems.append(f"The company's {Audit.Kind(purpose).label.lower()} is already requested or booked.")
    return problems


def audits_done_in(period: Period) -> QuerySet:
    """The program report: the audits completed in the period by kind, with how many achieved the standard."""
    return (
        Audit.objects.filter(state=Audit.State.COMPLETED, **period.days("completed_on"))
        .values("kind")
        .annotate(completed=Count("pk"), achieved=Count("pk", filter=Q(achieved=True)))
        .order_by("kind")
    )


def section_failures_in(period: Period) -> QuerySet:
    """The program report: the section scores of the audits completed in the period, a row per section (its
    `section__number` and `section__name`, whatever the tool version): how many audits scored it (`scored`), how
    many below the section pass mark of their tool version (`below`, AUD-4), and the median score in percent
    (`median`). A score whose points were all not applicable has no percentage and cannot fail: left out."""
    return (
        AuditScore.objects.filter(audit__state=Audit.State.COMPLETED, **period.days("audit__completed_on"))
        .annotate(applicable=F("available") - F("not_applicable"))
        .filter(applicable__gt=0)
        .annotate(
            percent=Cast("actual", FloatField()) * 100 / F("applicable"),
            # In whole numbers: actual / applicable below mark % is 100 * actual below mark * applicable.
            hundredfold=F("actual") * 100,
            passing=F("audit__tool__section_pass_percent") * F("applicable"),
        )
        .values("section__number", "section__name")
        .annotate(
            scored=Count("pk"),
            below=Count("pk", filter=Q(hundredfold__lt=F("passing"))),
            median=Median("percent"),
        )
        .order_by()
    )
