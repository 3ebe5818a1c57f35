"""Reads of the audit tool and of the companies' manuals."""

import statistics
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from audits import rules
from audits.models import (
    Audit,
    AuditRequest,
    AuditScore,
    AuditSection,
    AuditToolVersion,
    Certificate,
    Invoice,
    ManualFile,
    ManualSubmission,
    certificate_ended,
)
from secor.reviews.models import Review, ReviewVersion
from secor.reviews.rules import REVIEW_TARGET_DAYS
from training.summaries import summaries_for


def audit_tool_on(day: date) -> AuditToolVersion:
    """The version of the tool in effect on `day` (MAN-1): the latest effective on or before it."""
    return AuditToolVersion.objects.filter(effective_from__lte=day).latest()


def sections_of(version: AuditToolVersion) -> list[AuditSection]:
    return list(version.sections.order_by("number"))


def _used(versions: QuerySet) -> QuerySet:
    """MAN-1: whether a manual or an audit started on each version (then it is read-only)."""
    return versions.annotate(
        used=Exists(ManualSubmission.objects.filter(tool=OuterRef("pk")))
        | Exists(Audit.objects.filter(tool=OuterRef("pk")))
    )


def audit_tool_versions(*, today: date) -> list[AuditToolVersion]:
    """MAN-1: every version, drafts and the next first, each with its number of sections, whether it was used,
    and its state today (draft / takes effect / in effect / replaced): one query."""
    versions = list(_used(AuditToolVersion.objects.annotate(section_count=Count("sections"))))
    started = [version.effective_from for version in versions if version.effective_from]
    in_effect = max((day for day in started if day <= today), default=None)
    for version in versions:
        version.state = rules.tool_version_state(
            effective_from=version.effective_from, in_effect_from=in_effect, today=today
        )
        version.editable = rules.tool_version_editable(
            effective_from=version.effective_from, used=version.used, today=today
        )
    return versions


def audit_tool_version_get(*, pk: int, today: date, lock: bool = False) -> AuditToolVersion:
    """One version, with whether it may still be edited today (MAN-1); locked for a write that checks it."""
    versions = AuditToolVersion.objects.select_for_update(of=("self",)) if lock else AuditToolVersion.objects.all()
    version = get_object_or_404(_used(versions), pk=pk)
    version.editable = rules.tool_version_editable(
        effective_from=version.effective_from, used=version.used, today=today
    )
    return version


def _with_versions(manuals: QuerySet) -> QuerySet:
    """Every version of each manual, newest first, with its files and their sections and the section
    comments: a fixed number of queries, whatever the number of versions."""
    files = ManualFile.objects.select_related("document").prefetch_related(
        Prefetch("sections", queryset=AuditSection.objects.order_by("number"))
    )
    versions = (
        ReviewVersion.objects.select_related("submitted_by", "decided_by")
        .prefetch_related("section_comments", Prefetch("manual_files", queryset=files))
        .order_by("-number")
    )
    return manuals.select_related("review__latest_version", "tool", "reviewer").prefetch_related(
        Prefetch("review__versions", queryset=versions)
    )


def manuals_of_company(*, company) -> list[ManualSubmission]:
    """The company's manual submissions, the latest first, with all their versions (MAN-2: all kept)."""
    return list(_with_versions(ManualSubmission.objects.filter(company=company)).order_by("-pk"))


def manual_get_for_company(*, company, pk: int) -> ManualSubmission:
    """One of the company's manuals; another company's answers 404 like a missing one."""
    return get_object_or_404(_with_versions(ManualSubmission.objects.filter(company=company)), pk=pk)


def sent_before(day: date) -> datetime:
    """The first moment of `day` in Regina: a version sent before it has waited more than the days since."""
    return timezone.make_aware(datetime.combine(day, time.min))


def manual_queue(*, user, waited_more_than: int | None = None) -> QuerySet[ManualSubmission]:
    """Manuals waiting for review, the longest waiting first: staff see all, a program auditor those given
    to them; with `waited_more_than`, only those waiting more than that many days (the dashboard's overdue)."""
    # The kind too: the (state, kind) index then finds the manuals waiting among every review waiting.
    waiting = ManualSubmission.objects.filter(
        review__state=Review.State.SUBMITTED, review__kind=ManualSubmission.REVIEW_KIND
    )
    if not user.is_program_staff:
        waiting = waiting.filter(reviewer=user)
    if waited_more_than is not None:
        started = sent_before(timezone.localdate() - timedelta(days=waited_more_than))
        waiting = waiting.filter(review__latest_version__submitted_at__lt=started)
    return waiting.select_related("company", "reviewer", "review__latest_version").order_by(
        "review__latest_version__submitted_at", "pk"
    )


def manual_reviews_overdue(*, today: date) -> QuerySet[ManualSubmission]:
    """MAN-2: manuals whose version has waited more than the 6-week target (the notice to staff reads these)."""
    return ManualSubmission.objects.filter(
        review__state=Review.State.SUBMITTED,
        review__latest_version__submitted_at__lt=sent_before(today - timedelta(days=REVIEW_TARGET_DAYS)),
    )


def manual_approved_on(*, company_ids) -> dict[int, date]:
    """The day each company's manual was approved, for those approved (one query)."""
    rows = ManualSubmission.objects.filter(company_id__in=company_ids, review__state=Review.State.ACCEPTED)
    return dict(rows.order_by("review__accepted_on").values_list("company_id", "review__accepted_on"))


def manual_dates(*, company) -> tuple[date | None, date | None, str]:
    """(the day the company first sent a manual, the day one was approved, the latest one's review state),
    in one query (MIL-1, MIL-4)."""
    rows = list(
        ManualSubmission.objects.filter(company=company)
        .order_by("pk")
        .values_list("review__first_submitted_on", "review__state", "review__accepted_on")
    )
    approved = [accepted_on for _, state, accepted_on in rows if state == Review.State.ACCEPTED]
    return (rows[0][0] if rows else None, approved[-1] if approved else None, rows[-1][1] if rows else "")


# --- audits (AUD-1 … AUD-5) ---------------------------------------------------------------------------------


def request_waiting(*, company) -> AuditRequest | None:
    """The company's baseline audit request not yet booked (AUD-1)."""
    return company.audit_requests.filter(audit__isnull=True).order_by("-requested_at").first()


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
    waiting = request_waiting(company=company)
    if waiting is not None and waiting.purpose == purpose:
        return True
    audits = Audit.objects.filter(company=company, purpose=purpose).exclude(state=Audit.State.CANCELLED)
    if since is not None:
        return audits.filter(scheduled_at__date__gte=since).exists()
    return audits.filter(Q(state=Audit.State.SCHEDULED) | Q(achieved=True)).exists()


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
    def complete(self) -> bool:
        return all(row.score is not None for row in self.rows)

    @property
    def result(self) -> rules.AuditResult:
        """AUD-4 over the sections scored so far; a limited scope combined with the audit it follows (AUD-5)."""
        scored = [row.rule for row in self.rows if row.rule is not None]
        pass_percent = self.audit.tool.overall_pass_percent  # AUD-4: the audit's own version's mark
        if self.previous:
            return rules.combine_limited_scope(previous=list(self.previous), rescored=scored, pass_percent=pass_percent)
        return rules.AuditResult(tuple(scored), pass_percent=pass_percent)


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


# --- certificates (CERT-1, CERT-2) ------------------------------------------------------------------------


def certificates_of(*, company) -> list[Certificate]:
    return list(company.certificates.select_related("document", "audit", "superseded_by").order_by("-issued_on", "-pk"))


def certificate_get_for_company(*, company, pk: int) -> Certificate:
    return get_object_or_404(Certificate.objects.filter(company=company).select_related("company"), pk=pk)


def certificate_by_number(number: str) -> Certificate | None:
    """The certificate with this number, typed in any case and spacing (public verification)."""
    cleaned = "".join(number.upper().split())
    return Certificate.objects.select_related("company", "superseded_by").filter(number=cleaned).first()


def certified_companies(*, today: date, search: str = "") -> QuerySet[Certificate]:
    """The public list: each listed certificate valid today (not suspended, superseded, ended or expired), by
    company name."""
    found = Certificate.objects.filter(
        listed=True, suspended_on__isnull=True, superseded_by__isnull=True, expires_on__gte=today, issued_on__lte=today
    ).exclude(certificate_ended())
    if search:
        found = found.filter(
            Q(company__legal_name__icontains=search)
            | Q(company__operating_name__icontains=search)
            | Q(company__city__icontains=search)
        )
    return found.select_related("company").order_by("company__legal_name", "pk")


# --- invoices (ELIG-7, AUD-6) ---------------------------------------------------------------------------------


def invoices_of(*, company) -> QuerySet[Invoice]:
    return company.invoices.select_related("document").order_by("-number")


def invoice_get_for_company(*, company, pk: int) -> Invoice:
    return get_object_or_404(Invoice.objects.filter(company=company).select_related("company", "decided_by"), pk=pk)


def invoices_filtered(*, state: str = "", since: date | None = None, until: date | None = None) -> QuerySet[Invoice]:
    """Staff's list and export: by state and issue date, the newest first."""
    found = Invoice.objects.all()
    if state:
        found = found.filter(state=state)
    if since:
        found = found.filter(issued_on__gte=since)
    if until:
        found = found.filter(issued_on__lte=until)
    return found.select_related("company").order_by("-number")


def audits_upcoming(*, today: date, days: int) -> QuerySet[Audit]:
    """The audits booked from today through `days` days ahead, soonest first."""
    return (
        Audit.objects.filter(state=Audit.State.SCHEDULED, scheduled_on__range=(today, today + timedelta(days=days)))
        .select_related("company", "auditor")
        .order_by("scheduled_on", "auditor__last_name", "pk")
    )


def certificate_figures(*, today: date, months: int) -> tuple[list[tuple[date, int]], float | None]:
    """Certificates issued in each of the last `months` months, and the median months from registration to
    the first certificate of the companies certified in those months: one query, bounded by the window
    (over every certificate ever issued it would grow with the program)."""
    since = today.replace(day=1) - relativedelta(months=months - 1)
    issued = (
        Certificate.objects.filter(issued_on__gte=since)
        .order_by()
        .values_list("issued_on", "audit__purpose", "company__registration_date")
    )
    counts, spans = {}, []
    for issued_on, purpose, registered in issued:
        month = issued_on.replace(day=1)
        counts[month] = counts.get(month, 0) + 1
        if purpose == Audit.Purpose.BASELINE and registered is not None:
            spans.append(
                (issued_on.year - registered.year) * 12
                + issued_on.month
                - registered.month
                + (issued_on.day - registered.day) / 31
            )
    per_month, month = [], since
    while month <= today:
        per_month.append((month, counts.get(month, 0)))
        month += relativedelta(months=1)
    return per_month, (statistics.median(spans) if spans else None)


def audits_of_auditor(*, auditor, today: date) -> QuerySet[Audit]:
    """The audits booked with an auditor from today on (their calendar, AUD-2)."""
    return (
        Audit.objects.filter(auditor=auditor, state=Audit.State.SCHEDULED, scheduled_on__gte=today)
        .select_related("company")
        .order_by("scheduled_on", "pk")
    )
