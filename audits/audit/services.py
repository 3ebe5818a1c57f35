"""External audits: the company's request (AUD-1), scheduling (AUD-2, AUD-3), the score sheet (AUD-4) and
completing an audit with its report (AUD-5). Certificates and invoices follow a completed audit."""

from datetime import date, time

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from audits import events
from audits.audit import notices, rules, selectors
from audits.audit.access import AUDITS
from audits.audit.inputs import Evidence, ScoreEntry
from audits.audit.models import Audit, AuditorCalendar, AuditRequest, AuditScore, SystemEvidence, new_calendar_token
from audits.certificates.services import certificate_issue
from audits.invoices.services import invoice_for_audit
from audits.maintenance.selectors import cycle_of
from audits.tool.models import AuditSection
from audits.tool.selectors import audit_tool_on
from companies.access import Action
from companies.models import Company
from companies.services import auditor_assign
from secor import hooks
from secor.core.models import User
from secor.dates import long_date, outside_dates_problem, too_early_problem
from secor.documents.services import document_issue_pdf, document_upload
from secor.rule_ids import RuleWords, refusal

Kind, Purpose = Audit.Kind, Audit.Purpose


# --- AUD-1: the request ------------------------------------------------------------------------------------


def _evidence_problems(evidence: list[Evidence], today: date) -> dict[str, str]:
    """Each record missing or wrongly dated, by the form's field (`<kind>_file`, `<kind>_on`)."""
    given = {record.kind: record for record in evidence}
    problems = {}
    for kind in SystemEvidence.Kind:
        record = given.get(kind)
        if record is None:
            problems[f"{kind}_file"] = f"Attach your earliest {kind.label.lower()} record."
        elif problem := too_early_problem(record.dated_on):
            problems[f"{kind}_on"] = problem
        elif problem := outside_dates_problem(record.dated_on, latest=today):
            problems[f"{kind}_on"] = f"A record is dated once it exists. {problem}"
    return problems


@transaction.atomic
def audit_request(
    *, company: Company, actor: User, site_assessment, compliance_declaration, evidence: list[Evidence]
) -> AuditRequest:
    """AUD-1: the company sends both forms and the evidence of its working system (the earliest inspection,
    safety meeting and hazard assessment, each with its date); the system functions since the earliest of them.
    Refused with every unmet condition at once."""
    company = Company.objects.select_for_update().get(pk=company.pk)
    today = timezone.localdate()
    if problems := _evidence_problems(evidence, today):
        raise ValidationError(problems)
    since = rules.system_functioning_since(record.dated_on for record in evidence)
    if problems := selectors.request_problems(company=company, system_functioning_since=since, today=today):
        raise ValidationError(problems)
    purpose = Purpose.BASELINE if cycle_of(company=company, today=today) is None else Purpose.RECERTIFICATION
    request = AuditRequest.objects.create(
        company=company,
        purpose=purpose,
        site_assessment=document_upload(
            company=company, kind="site-assessment", name="site-assessment-form", upload=site_assessment, actor=actor
        ),
        compliance_declaration=document_upload(
            company=company,
            kind="compliance-declaration",
            name="audit-compliance-declaration",
            upload=compliance_declaration,
            actor=actor,
        ),
        system_functioning_since=since,
        requested_by=actor,
    )
    SystemEvidence.objects.bulk_create(
        SystemEvidence(
            request=request,
            kind=record.kind,
            dated_on=record.dated_on,
            document=document_upload(
                company=company,
                kind="system-evidence",
                name=f"{record.kind.replace('_', '-')}-{record.dated_on:%Y-%m-%d}",
                upload=record.upload,
                actor=actor,
            ),
        )
        for record in evidence
    )
    events.audit_event(
        company=company,
        actor=actor,
        subject=request,
        summary=f"{request.audit_label} requested, with the Site Assessment and Compliance Declaration forms",
        detail=f"Health & safety system functioning since {long_date(since)} (its earliest records).",
    )
    notices.audit_requested_send(request)
    hooks.changed(hooks.Topic.AUDITS, company_ids=[company.pk])
    return request


# --- AUD-2, AUD-3: scheduling --------------------------------------------------------------------------------


def _name(user: User) -> str:
    return user.get_full_name() or user.email


def _office(company: Company) -> str:
    return f"{company.street_address}, {company.city}, {company.province} {company.postal_code}"


@transaction.atomic
def audit_schedule(
    *,
    company: Company,
    actor: User,
    auditor: User,
    scheduled_on: date,
    starts_at: time | None = None,
    kind: str = Kind.BASELINE,
    follows: Audit | None = None,
    scope: list[AuditSection] = (),
) -> Audit:
    """Book an audit with a program auditor at the company's office, at least 2 months ahead (AUD-2), starting at
    `starts_at` (Saskatchewan time): a
    baseline audit for the company's request, or the full re-audit or limited scope audit that follows one
    that did not achieve the standard (AUD-5, with its sections)."""
    company = Company.objects.select_for_update().get(pk=company.pk)
    today = timezone.localdate()
    # SCSA's own program auditors conduct SECOR audits (AUD-3): their internal auditor status is not asked.
    if not auditor.is_program_auditor:
        raise ValidationError({"auditor": "Book an active SCSA program auditor."})
    if problem := rules.too_soon_problem(scheduled_on, today=today):
        raise ValidationError({"scheduled_on": refusal(RuleWords(problem, "AUD-2"))})
    request = None
    if kind in (Kind.BASELINE, Kind.RECERTIFICATION):
        purpose = Purpose.BASELINE if kind == Kind.BASELINE else Purpose.RECERTIFICATION
        request = selectors.request_waiting(company=company)
        if request is None or request.purpose != purpose:
            raise refusal(RuleWords(f"The company has no {Kind(kind).label.lower()} request waiting.", "AUD-1, RCT-1"))
    elif kind in (Kind.FULL_REAUDIT, Kind.LIMITED_SCOPE):
        if follows is None or follows.company_id != company.pk or follows.achieved is not False:
            raise refusal(RuleWords("A re-audit follows a completed audit that did not achieve the standard.", "AUD-5"))
        if selectors.audits_after(follows).exists():
            raise ValidationError("That audit is already followed by another.")
        if kind == Kind.LIMITED_SCOPE and not scope:
            raise ValidationError({"scope": "Choose the sections the limited scope audit re-scores."})
        purpose = follows.purpose
    else:
        raise ValidationError({"kind": "Choose the kind of audit to book."})
    auditor_assign(company=company, auditor=auditor, actor=actor)
    try:
        with transaction.atomic():
            audit = Audit.objects.create(
                company=company,
                kind=kind,
                purpose=purpose,
                tool=follows.tool if follows else audit_tool_on(today),
                request=request,
                follows=follows,
                auditor=auditor,
                scheduled_on=scheduled_on,
                starts_at=starts_at,
                location=_office(company),
                scheduled_by=actor,
            )
    except IntegrityError as clash:
        raise ValidationError(
            {"scheduled_on": f"{_name(auditor)} already has an audit on {long_date(scheduled_on)}."}
        ) from clash
    if kind == Kind.LIMITED_SCOPE:
        audit.scope.set(scope)
    events.audit_event(
        company=company,
        actor=actor,
        subject=audit,
        summary=f"{audit.get_kind_display()} booked for {audit.when} with {_name(auditor)}",
        detail=f"At {audit.location}",
    )
    notices.audit_booked_send(audit)
    hooks.changed(hooks.Topic.AUDITS, company_ids=[company.pk])
    return audit


# --- AUD-4: the score sheet --------------------------------------------------------------------------------


def _locked(audit: Audit) -> Audit:
    return Audit.objects.select_for_update(of=("self",)).select_related("company", "tool", "follows").get(pk=audit.pk)


@transaction.atomic
def audit_record_scores(*, audit: Audit, actor: User, entries: list[ScoreEntry]) -> Audit:
    """AUD-4: keep the points of the sections entered (a sheet may be saved part-way and finished later)."""
    audit = _locked(audit)
    if not AUDITS.user_can(actor, Action.ACT, audit):
        raise ValidationError("This audit is booked with another auditor.")
    if audit.state != Audit.State.SCHEDULED:
        raise ValidationError(f"This audit is {audit.get_state_display().lower()}: its scores are frozen.")
    allowed = {section.pk for section in selectors.sections_to_score(audit)}
    errors = {}
    for entry in entries:
        if entry.section.pk not in allowed:
            errors[f"section_{entry.section.pk}"] = "This section is not scored in this audit."
        elif entry.section.available_points is not None and entry.available != entry.section.available_points:
            # MAN-1: the version sets each section's points; what does not apply is entered as not applicable.
            errors[f"available_{entry.section.pk}"] = (
                f"{audit.tool} scores {entry.section} out of {entry.section.available_points} points; enter "
                "what does not apply as not-applicable points."
            )
        elif problems := rules.score_problems(
            rules.SectionScore(
                str(entry.section),
                entry.available,
                entry.actual,
                entry.not_applicable,
                pass_percent=audit.tool.section_pass_percent,
            )
        ):
            errors[f"actual_{entry.section.pk}"] = problems
    if errors:
        raise ValidationError(errors)
    for entry in entries:
        AuditScore.objects.update_or_create(
            audit=audit,
            section=entry.section,
            defaults={
                "available": entry.available,
                "actual": entry.actual,
                "not_applicable": entry.not_applicable,
                "notes": entry.notes.strip(),
            },
        )
    hooks.changed(hooks.Topic.AUDITS, company_ids=[audit.company_id])
    return audit


@transaction.atomic
def audit_complete(*, audit: Audit, actor: User, completed_on: date | None = None) -> Audit:
    """AUD-5: freeze the audit, record whether the standard is achieved, and keep its report as a PDF. The
    certificate (CERT-1) or the required re-audit follows from the outcome."""
    audit = _locked(audit)
    today = timezone.localdate()
    completed_on = completed_on or today
    if not AUDITS.user_can(actor, Action.ACT, audit):
        raise ValidationError("This audit is booked with another auditor.")
    if audit.state != Audit.State.SCHEDULED:
        raise ValidationError(f"This audit is already {audit.get_state_display().lower()}.")
    if problem := rules.completion_date_problem(completed_on, scheduled_on=audit.scheduled_on, today=today):
        raise ValidationError({"completed_on": problem})
    sheet = selectors.score_sheet(audit)
    if missing := [str(row.section) for row in sheet.rows if row.score is None]:
        raise ValidationError(f"Enter the points of every section first; missing: {', '.join(missing)}.")
    result = sheet.result
    audit.state, audit.completed_on, audit.completed_by = Audit.State.COMPLETED, completed_on, actor
    audit.achieved = result.achieved
    audit.report = document_issue_pdf(
        company=audit.company,
        kind="audit-report",
        name=f"secor-{audit.kind.replace('_', '-')}-report-{completed_on:%Y-%m-%d}",
        template="pdf/audit_report.html",
        context={"audit": audit, "company": audit.company, "sheet": sheet, "result": result},
        actor=actor,
    )
    audit.save()
    outcome = "achieved the standard" if result.achieved else "did not achieve the standard"
    events.audit_event(
        company=audit.company,
        actor=actor,
        subject=audit,
        summary=f"{audit.get_kind_display()} completed on {long_date(completed_on)}: {outcome} "
        f"({rules.shown_percent(result.percent)} overall)",
    )
    notices.audit_completed_send(audit)
    invoice_for_audit(audit=audit, actor=actor)  # AUD-6
    if result.achieved:
        certificate_issue(audit=audit, actor=actor)  # CERT-1
    hooks.changed(hooks.Topic.AUDITS, company_ids=[audit.company_id])
    return audit


@transaction.atomic
def auditor_calendar_reset(*, auditor: User) -> AuditorCalendar:
    """A new secret address for the auditor's calendar: the old one stops working at once."""
    feed, created = AuditorCalendar.objects.get_or_create(auditor=auditor)
    if not created:
        feed.token = new_calendar_token()
        feed.save(update_fields=["token"])
    hooks.changed(hooks.Topic.AUDITS)
    return feed
