"""The audits' pages: a company's audits and its request (AUD-1), booking (AUD-2, AUD-3), the score sheet
and completion (AUD-4, AUD-5), staff's calendar of audits by month and the auditor's own calendar."""

from datetime import date, datetime

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from audits.audit import forms, rules, selectors, services
from audits.audit.access import AUDITS
from audits.audit.models import Audit, AuditorCalendar, AuditRequest
from audits.audit.selectors import request_problems
from audits.certificates.selectors import certificates_of
from audits.maintenance.selectors import cycle_of
from audits.manual.selectors import manual_dates
from audits.program_documents.selectors import AUDIT_REQUEST_STEP, current_program_documents
from audits.tool.selectors import sections_of
from companies.access import Action, Need, Reviewers, company_object_view, company_view, require_post
from secor import query
from secor.dates import long_date
from secor.exports import Column, exported
from secor.ics import ics_response
from secor.paging import paged
from secor.pdf import render_pdf
from secor.roles import staff_or_auditor_required, staff_required
from secor.viewutils import REFUSED, call_service, confirmation_page, report_errors, submitted


def _back(company):
    return redirect("audits:audits", company.pk)


@company_view(Need.READ)
def audits(request, company):
    today = timezone.localdate()
    kinds, follows = selectors.bookable(company=company)
    cycle = cycle_of(company=company, today=today)
    waiting = selectors.request_waiting(company=company)
    context = {
        "company": company,
        "access": request.access,
        "cycle": cycle,
        "request_label": _request_label(cycle),
        "audits": selectors.audits_of_company(company=company),
        "waiting": waiting,
        "evidence": selectors.evidence_of(waiting),
        "checklist": waiting and selectors.request_checklist(company=company, today=today, request=waiting),
        "request_problems": request_problems(company=company, system_functioning_since=None, today=today),
        "bookable": kinds,
        "follows": follows,
        "certificates": certificates_of(company=company),
        "today": today,
    }
    return render(request, "audits/audits.html", context)


def _request_label(cycle) -> str:
    """What the company requests: its first audit (AUD-1), or once certified the re-certification (RCT-1)."""
    return (Audit.Kind.BASELINE if cycle is None else Audit.Kind.RECERTIFICATION).label.lower()


@company_view(Need.EDIT)
def audit_request(request, company):
    today = timezone.localdate()
    label = _request_label(cycle_of(company=company, today=today))
    form = forms.AuditRequestForm(request.POST or None, request.FILES or None)
    if (
        submitted(request, form)
        and call_service(
            form,
            services.audit_request,
            company=company,
            actor=request.user,
            site_assessment=form.cleaned_data["site_assessment"],
            compliance_declaration=form.cleaned_data["compliance_declaration"],
            evidence=form.evidence,
        )
        is not REFUSED
    ):
        messages.success(request, f"Your {label} request was sent to SCSA, which books the audit with you.")
        return _back(company)
    context = {
        "request_label": label,
        "form": form,
        "company": company,
        "problems": request_problems(company=company, system_functioning_since=None, today=today),
        "months": rules.SYSTEM_FUNCTIONING_MONTHS,
        "forms_ready": manual_dates(company=company)[1] is not None,
        "checklist": selectors.request_checklist(company=company, today=today),
        "program_documents": current_program_documents(AUDIT_REQUEST_STEP),
    }
    return render(request, "audits/request_form.html", context)


@company_view(Need.STAFF)
def audit_schedule(request, company):
    kinds, follows = selectors.bookable(company=company)
    if not kinds:
        messages.error(request, "Nothing to book: the company has no audit request waiting, nor a re-audit required.")
        return _back(company)
    sections = sections_of(follows.tool) if follows else []
    form = forms.ScheduleForm(request.POST or None, kinds=kinds, sections=sections)
    if submitted(request, form):
        day = form.cleaned_data["scheduled_on"]
        if (warning := rules.booking_day_warning(day)) and (
            asking := confirmation_page(
                request,
                question=f"Book the audit of {company} on {day:%A}, {long_date(day)}?",
                consequences=[warning, "The company's office may be closed that day: agree on it with the company."],
                confirm_label="Yes, book it on that day",
                cancel_url=reverse("audits:audit_schedule", args=[company.pk]),
            )
        ):
            return asking
        audit = call_service(
            form,
            services.audit_schedule,
            company=company,
            actor=request.user,
            auditor=form.cleaned_data["auditor"],
            scheduled_on=day,
            starts_at=form.cleaned_data["starts_at"],
            kind=form.cleaned_data["kind"],
            follows=follows,
            scope=list(form.cleaned_data.get("scope") or []),
        )
        if audit is not REFUSED:
            messages.success(request, f"{audit.get_kind_display()} of {company} booked for {audit.when}.")
            return _back(company)
    first, last = rules.suggested_audit_window(timezone.localdate())
    context = {"form": form, "company": company, "follows": follows, "first": first, "last": last}
    return render(request, "audits/schedule_form.html", context)


@company_view(Need.READ)
def audit_detail(request, company, audit_pk: int):
    """The score sheet: the booked auditor (or staff) enters and saves it, then completes the audit; everyone
    who sees the company reads it with each section's percentage and the outcome."""
    audit = selectors.audit_get_for_company(company=company, pk=audit_pk)
    editable = audit.state == Audit.State.SCHEDULED and AUDITS.user_can(request.user, Action.ACT, audit)
    sheet = selectors.score_sheet(audit)
    form = None
    if editable:
        form = forms.ScoreSheetForm(request.POST or None, sheet_rows=sheet.rows)
        if (
            submitted(request, form)
            and call_service(
                form,
                services.audit_record_scores,
                audit=audit,
                actor=request.user,
                entries=form.cleaned_data["entries"],
            )
            is not REFUSED
        ):
            messages.success(request, "Scores saved.")
            return redirect("audits:audit", company.pk, audit.pk)
    context = {
        "company": company,
        "audit": audit,
        "sheet": sheet,
        "result": sheet.result,
        "form": form,
        "complete_form": forms.CompleteForm(initial={"completed_on": timezone.localdate()}) if editable else None,
        "evidence": selectors.evidence_of(audit.request),
    }
    return render(request, "audits/audit.html", context)


@company_object_view(
    AUDITS,
    need=Reviewers.STAFF_OR_ASSIGNED_AUDITOR,
    action=Action.ACT,
    get=selectors.audit_get_for_company,
    kwarg="audit_pk",
)
def audit_complete(request, company, audit):
    require_post(request)
    form = forms.CompleteForm(request.POST, scheduled_on=audit.scheduled_on)
    sheet = selectors.score_sheet(audit)
    if not sheet.complete:  # AUD-4: said before the page that asks to confirm, as the service would refuse it
        messages.error(
            request, f"{sheet.scored} of {len(sheet.rows)} sections scored: enter the points of every section first."
        )
        return redirect("audits:audit", company.pk, audit.pk)
    if form.is_valid():
        result = sheet.result
        outcome = "achieves" if result.achieved else "does NOT achieve"
        asking = confirmation_page(
            request,
            question=f"Complete the {audit.get_kind_display().lower()} of {company}?",
            consequences=[
                f"With the scores entered it {outcome} the standard ({result.shown} overall).",
                "The scores are frozen and the audit report is issued as a PDF.",
                "The company is emailed the outcome.",
            ],
            confirm_label="Yes, complete the audit",
            cancel_url=reverse("audits:audit", args=[company.pk, audit.pk]),
        )
        if asking:
            return asking
        if (
            call_service(form, services.audit_complete, audit=audit, actor=request.user, **form.cleaned_data)
            is not REFUSED
        ):
            messages.success(request, f"{audit.get_kind_display()} of {company} completed.")
            return redirect("audits:audit", company.pk, audit.pk)
    report_errors(request, form)
    return redirect("audits:audit", company.pk, audit.pk)


CALENDAR_PAGE = 100
REQUESTS_PAGE = 50
REQUEST_COLUMNS = [
    Column("Requested on", lambda audit_request: timezone.localtime(audit_request.requested_at).date()),
    Column("Company", lambda audit_request: audit_request.company.legal_name),
    Column("WCB account number", lambda audit_request: audit_request.company.wcb_account_number),
    Column("Audit", lambda audit_request: audit_request.audit_label),
    Column("System functioning since", lambda audit_request: audit_request.system_functioning_since),
]
CALENDAR_COLUMNS = [
    Column("Day", lambda audit: audit.scheduled_on),
    Column("Company", lambda audit: audit.company.legal_name),
    Column("WCB account number", lambda audit: audit.company.wcb_account_number),
    Column("Audit", lambda audit: audit.get_kind_display()),
    Column("Auditor", lambda audit: audit.auditor.get_full_name() or audit.auditor.email),
    Column("State", lambda audit: audit.get_state_display()),
]


@staff_required
def audit_requests(request):
    """AUD-1, AUD-2: the audit requests waiting to be booked, the oldest first, with the first day an audit booked
    today may be held."""
    today = timezone.localdate()
    waiting = selectors.requests_to_book(today=today).values_list("pk", flat=True)
    everyone = AuditRequest.objects.select_related("company").filter(pk__in=waiting).order_by("requested_at", "pk")
    if export := exported(request, name="secor-audit-requests", columns=REQUEST_COLUMNS, objects=everyone.iterator()):
        return export
    page = paged(
        AuditRequest.objects.select_related("company", "requested_by"),
        request.GET.get("page"),
        REQUESTS_PAGE,
        keys=selectors.requests_to_book(today=today).values_list("pk", flat=True),
    )
    first, last = rules.suggested_audit_window(today)
    return render(request, "audits/audit_requests.html", {"page": page, "first": first, "last": last})


@staff_required
def audit_calendar(request):
    """AUD-2: every audit booked in a month, by day, with its auditor."""
    today = timezone.localdate()
    within = query.one_of(request.GET.get("within"), (30, 60, 90), None)
    month = query.month(request.GET.get("month"), today.replace(day=1))
    booked = selectors.audits_upcoming(today=today, days=within) if within else selectors.audits_in_month(month=month)
    if export := exported(request, name="secor-audits", columns=CALENDAR_COLUMNS, objects=booked.iterator()):
        return export
    if within:  # the dashboard's "audits booked in the next N days"
        audits = paged(booked, request.GET.get("page"), CALENDAR_PAGE)
        return render(request, "audits/calendar.html", {"audits": audits, "within": within, "today": today})
    previous = (month.replace(day=1) - date.resolution).replace(day=1)
    following = (month.replace(day=28) + 4 * date.resolution).replace(day=1)
    context = {
        "month": month,
        "audits": paged(booked, request.GET.get("page"), CALENDAR_PAGE),
        "previous": previous,
        "following": following,
        "today": today,
    }
    return render(request, "audits/calendar.html", context)


# --- the auditor's calendar (AUD-2) -------------------------------------------------------------------------


@staff_or_auditor_required
def my_audit_calendar(request):
    """A program auditor's private calendar address of the audits booked with them, and a button that
    replaces it."""
    if request.method == "POST":
        services.auditor_calendar_reset(auditor=request.user)
        messages.success(request, "Your calendar address is ready. A former address no longer works.")
        return redirect("audits:my_audit_calendar")
    feed = AuditorCalendar.objects.filter(auditor=request.user).first()
    url = request.build_absolute_uri(reverse("audits:auditor_calendar_feed", args=[feed.token])) if feed else ""
    today = timezone.localdate()
    audits = selectors.audits_of_auditor(auditor=request.user, today=today)
    to_complete = selectors.audits_to_complete(auditor=request.user, today=today)
    return render(
        request, "audits/my_calendar.html", {"calendar_url": url, "audits": audits, "to_complete": to_complete}
    )


def auditor_calendar_feed(request, token: str):
    """Public by its secret address: calendar apps subscribe without signing in."""
    feed = AuditorCalendar.objects.select_related("auditor").filter(token=token, auditor__is_active=True).first()
    if feed is None:
        raise Http404
    events = [
        (
            f"audit-{audit.pk}-{audit.scheduled_on:%Y%m%d}",
            # From its start time in Saskatchewan, or all day for an audit booked without one.
            datetime.combine(audit.scheduled_on, audit.starts_at, tzinfo=timezone.get_default_timezone())
            if audit.starts_at
            else audit.scheduled_on,
            f"SECOR {audit.get_kind_display().lower()}: {audit.company.legal_name}, {audit.location}",
        )
        for audit in selectors.audits_of_auditor(auditor=feed.auditor, today=timezone.localdate())
    ]
    return ics_response(name=f"SECOR audits · {feed.auditor.get_full_name() or feed.auditor.email}", events=events)


# AUD-1: the two forms the company completes and sends back with its request.
AUDIT_FORMS = {
    "site-assessment": "Site Assessment Form",
    "compliance-declaration": "SECOR Audit Compliance Declaration Form",
}
SITE_ASSESSMENT_FIELDS = (
    "Sites where the company works in Saskatchewan (addresses or areas)",
    "The work done at them (trades, tasks, equipment)",
    "Number of workers at each site, and who supervises",
    "Where the health & safety records are kept",
)


@company_view(Need.EDIT)
def audit_form(request, company, form: str):
    """A blank form, with the company's name, to print, complete, sign and upload back (given once the
    manual is approved, as the seed says)."""
    if form not in AUDIT_FORMS or manual_dates(company=company)[1] is None:
        raise Http404
    pdf = render_pdf(
        "pdf/audit_form.html",
        {"company": company, "kind": form, "title": AUDIT_FORMS[form], "site_fields": SITE_ASSESSMENT_FIELDS},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{form}-form-{company.pk}.pdf"'
    return response
