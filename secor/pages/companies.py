"""The company list (staff and auditors) and the company page (everyone who sees the company)."""

from collections.abc import Iterable
from dataclasses import dataclass, replace

from django.core.paginator import Paginator
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import get_template, render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from audits.maintenance.selectors import cycle_of
from companies import events as company_events
from companies import rules, selectors
from companies import services as company_services
from companies.access import Need, company_view
from companies.models import Company
from milestones import expiries as milestone_expiries
from milestones import rules as milestone_rules
from milestones import selectors as milestone_selectors
from secor import hooks
from secor.company_archive import company_archive_response
from secor.company_keep import keep_for_companies, kept_for_companies, kept_for_company, viewer_variant
from secor.company_list import STAGES, ListRequest, companies_counted, companies_listed, list_request
from secor.core.models import ProgramSettings
from secor.exports import Column, export_format, exported, yes_no
from secor.pages.dashboard_counts import companies_by_stage
from secor.pages.next_steps import company_next_steps
from secor.paging import Window, window
from secor.roles import staff_or_auditor_required
from secor.timeline import selectors as timeline_selectors
from secor.timeline.kinds import KINDS
from training import selectors as training_selectors
from training import summaries as training_summaries

PAGE_SIZE = 25
LIST_ROW = "list-row"  # what a company's row of the list is kept as (secor.company_keep)
# A row shows the company, its status, headcount, training and roadmap stage: what every topic of the data changes.
LIST_ROW_TOPICS = STAGES
TIMELINE_PAGE_SIZE = 20


def _list_request(request) -> ListRequest:
    """The list's filters as asked; a value none of a filter's own (a link edited by hand) leaves that filter off."""
    return list_request(request.GET).wanted


def _companies(request, wanted: ListRequest):
    return companies_listed(user=request.user, wanted=wanted, today=timezone.localdate())


@staff_or_auditor_required
def company_list(request):
    if export_format(request):  # the list as filtered, as its export address gives it
        return company_export(request)
    wanted = _list_request(request)
    companies = _companies(request, wanted)
    # Ids first: a deep page is then an index-only scan instead of sorting every company's row.
    today = timezone.localdate()
    paginator = Paginator(companies.values_list("pk", flat=True), PAGE_SIZE)
    paginator.count = _count(companies, request.user, wanted, today)
    page = paginator.get_page(request.GET.get("page"))
    company_ids = list(page.object_list)
    rows = kept_for_companies(
        company_ids, LIST_ROW, lambda missing: _list_rows(companies.filter(pk__in=missing), today)
    )
    page.object_list = [rows[company_id] for company_id in company_ids]
    query = request.GET.copy()
    query.pop("page", None)
    unsorted_query = query.copy()
    unsorted_query.pop("sort", None)
    return render(
        request,
        "companies/company_list.html",
        {
            "page": page,
            "filters": wanted.filters,
            "training_filter": wanted.training,
            "stage_filter": wanted.stage,
            "certificate_ended_filter": wanted.certificate_ended,
            "certified_in": wanted.certified_in,
            "stages": milestone_rules.STAGE_LABELS.items(),
            "filtered": wanted.training
            or wanted.stage
            or wanted.certificate_ended
            or wanted.certified_in
            or wanted.filters
            != selectors.CompanyFilters(sort=wanted.filters.sort, descending=wanted.filters.descending),
            "statuses": Company.Status.choices,
            "query": query.urlencode(),
            "unsorted_query": unsorted_query.urlencode(),
            "limit": rules.MAX_SECOR_WORKERS,
        },
    )


def _count(companies, user, wanted: ListRequest, today) -> int:
    """How many companies the list found. Staff's list of one roadmap stage (the dashboard's links) has the
    dashboard's count of it, kept company by company: counted whole it read every company's stage after any write
    to the program's data."""
    only_a_stage = ListRequest(
        selectors.CompanyFilters(status=Company.Status.REGISTERED if wanted.filters.status else ""),
        training="",
        stage=wanted.stage,
    )
    sorted_as_asked = replace(wanted, filters=replace(wanted.filters, sort="name", descending=False))
    if user.is_program_staff and wanted.stage and sorted_as_asked == only_a_stage:
        return companies_by_stage(today).get(wanted.stage, 0)
    return companies_counted(companies, user=user, wanted=wanted, today=today)


@dataclass(frozen=True)
class ListRow:
    """A row of the company list: the company, the figures it shows that a reader sorts and filters by, and the row
    rendered."""

    pk: int
    legal_name: str
    headcount: int
    roadmap_stage: str
    html: str


def _list_rows(companies, today) -> dict[int, ListRow]:
    """The company list's rows of these companies, by id. Only SCSA's people read the list, and each row shows only
    its company's own figures: so a row is kept for its company and the day (secor.company_keep), whoever reads it,
    until a write names the company."""
    companies = list(companies)
    training = training_summaries.summaries_for(companies, today=today)
    stages = milestone_selectors.stages_of(companies, today=today)
    row = get_template("companies/_company_row.html")
    rendered = {}
    for company in companies:
        company.training_summary = training[company.pk]
        company.roadmap_stage = milestone_rules.STAGE_LABELS.get(stages[company.pk], "")
        company.no_longer_qualifies = bool(company.qualification_problems(headcount=company.headcount, today=today))
        company.status_today = company.status_on(today)
        html = mark_safe(row.render({"company": company}))  # rendered here, or kept as rendered
        rendered[company.pk] = ListRow(company.pk, company.legal_name, company.headcount, company.roadmap_stage, html)
    return rendered


def list_rows_keep(*, company_ids: Iterable[int]) -> int:
    """Render and keep the list's rows of these companies today (a worker, once a write naming them commits), so
    that the list after a write reads them kept rather than rendering them. Returns how many."""
    today = timezone.localdate()
    company_services.headcounts_refresh(today=today)  # as the list refreshes them before it reads them

    def rows(ids: list[int]) -> dict[int, ListRow]:
        return _list_rows(Company.objects.with_headcount().filter(pk__in=ids), today)

    return len(keep_for_companies(company_ids, LIST_ROW, rows))


def _company_columns(today) -> list[Column]:
    return [
        Column("Legal name", lambda company: company.legal_name),
        Column("Operating name", lambda company: company.operating_name),
        Column("WCB account number", lambda company: company.wcb_account_number),
        Column("City", lambda company: company.city),
        Column("Status", lambda company: company.status_on(today).label),
        Column("SCSA member", lambda company: yes_no(company.is_scsa_member)),
        Column("Saskatchewan workers", lambda company: company.headcount),
        Column(
            "Over the SECOR limit",
            lambda company: yes_no(company.qualification_problems(headcount=company.headcount, today=today)),
        ),
        Column("Registration date", lambda company: company.registration_date),
        Column("Phone", lambda company: company.phone),
        Column("Email", lambda company: company.email),
    ]


@staff_or_auditor_required
def company_export(request):
    """The company list with the current search and filters (all pages), as CSV (the default) or Excel, streamed."""
    companies = _companies(request, _list_request(request))
    columns = _company_columns(timezone.localdate())
    return exported(
        request, name="secor-companies", columns=columns, objects=companies.iterator(chunk_size=2000), default="csv"
    )


def _timeline(company, today, *, kind: str = "", page: str | None = None) -> dict:
    """The company's timeline, a page at a time, of one kind of event or all (its head: the newest of every kind)."""
    events = timeline_selectors.events_for_company(company=company, kind=kind)
    # No count of a company's events: Newer and Older are all the page offers.
    timeline = window(events, page, TIMELINE_PAGE_SIZE)
    if kind in ("", company_events.STATUS) and (
        due := milestone_expiries.deroll_due_event(company=company, today=today)
    ):
        timeline = _with_event(timeline, due)
    return {"timeline": timeline, "event_kinds": timeline_selectors.event_kinds(), "event_kind": kind}


def _with_event(timeline: Window, event) -> Window:
    """The timeline with an event not recorded yet (MIL-3: a de-roll due), in its place by time when that place is
    on this page."""
    items = timeline.items
    if (timeline.has_previous and items and event.at > items[0].at) or (
        timeline.has_next and items and event.at < items[-1].at
    ):
        return timeline
    return Window(sorted([*items, event], key=lambda each: each.at, reverse=True), timeline.number, timeline.has_next)


def _milestones(company, chart, today) -> dict:
    """MIL-1 … MIL-4: the letters and what the current one requires, and the roadmap."""
    standing = milestone_selectors.milestone_standing(company=company, chart=chart, today=today)
    roadmap = milestone_selectors.roadmap_of(company=company, chart=chart, standing=standing, today=today)
    done = sum(step.done for step in roadmap)
    return {
        "milestones": standing,
        "roadmap": roadmap,
        "roadmap_done": done,
        "roadmap_percent": round(100 * done / len(roadmap)) if roadmap else 0,
    }


# The company page in sections, each kept for the company, the viewer and the day (secor.company_keep) until
# a write names the company: computing them (its chart, milestones, cycle and next steps) and rendering them was
# ~50 of the page's 64 ms. The timeline is kept at its head only (every kind of event, the newest page).
SECTIONS = ("head", "main", "timeline", "side")
# What the sections show, computed once for every viewer and kept for the company and the day: a worker computes
# it again once a write naming the company commits, so that after a write a viewer's sections are only rendered.
PAGE_DATA = "company-page-data"
# Every topic but the notices' ledger (which the sweep writes hundreds of times, and the page does not show).
PAGE_DATA_TOPICS = tuple(set(hooks.Topic) - {hooks.Topic.NOTICES})
TIMELINE_HEAD = ("timeline", "event_kinds", "event_kind")  # what the data holds of the timeline (at its head)
# What only staff see of the data (the templates show it to them alone; an employer's context has none of it).
STAFF_ONLY = {"auditor_choices": [], "status_changes": {}}


def _section_context(request, company, today) -> dict:
    return {
        "company": company,
        "access": request.access,
        "user": request.user,
        "request": request,
        "today": today,
        "csrf_token": get_token(request),
    }


def _rendered(names, context: dict) -> dict[str, str]:
    return {name: render_to_string(f"companies/detail/_{name}.html", context) for name in names}


def _sections(request, company, today, names) -> dict[str, str]:
    """The sections `names` of the company's page, rendered for the viewer from the data kept for the company."""
    data = kept_for_company(company.pk, [PAGE_DATA], lambda: {PAGE_DATA: _page_data(company, today)})[PAGE_DATA]
    if not request.access.is_staff:
        data = {**data, **STAFF_ONLY}
    if "timeline" not in names:  # the page renders the timeline asked for (a kind, an older page) on its own
        data = {name: value for name, value in data.items() if name not in TIMELINE_HEAD}
    return _rendered(names, {**data, **_section_context(request, company, today)})


def company_page_data_keep(*, company_ids: Iterable[int]) -> int:
    """Compute and keep the page data of these companies today (a worker, once a write naming them commits).
    Returns how many."""
    today = timezone.localdate()

    def compute(ids: list[int]) -> dict[int, dict]:
        return {company.pk: _page_data(company, today) for company in Company.objects.filter(pk__in=ids)}

    return len(keep_for_companies(company_ids, PAGE_DATA, compute))


def _page_data(company, today) -> dict:
    """What the company page's sections show, whoever views them: its timeline at its head."""
    headcount = company.kept_headcount(today=today)
    if headcount is None:
        headcount = selectors.company_headcount(company=company, today=today)
    application = selectors.latest_application(company=company)
    registration_wait = selectors.registration_wait(company=company, today=today)
    chart = training_selectors.training_chart(company=company, today=today)
    status = company.status_on(today)
    data = {
        "status": status,
        "headcount": headcount,
        "limit": rules.MAX_SECOR_WORKERS,
        "qualification_problems": company.qualification_problems(headcount=headcount, today=today),
        "cor_advice": rules.COR_ADVICE,
        "application": application,
        "registration_wait": registration_wait,
        "training_summary": chart.summary,
        **_timeline(company, today),
    }
    if status.is_active:
        # ELIG-3/ELIG-4: the hand-off to COR and whom to contact, shown once over the limit. Read for every company
        # in the program, so the page's queries do not change with its headcount.
        data["cor_handoff"] = selectors.cor_handoff_of(company=company)
        data["cor_contact"] = ProgramSettings.current().cor_contact
    data.update(_milestones(company, chart, today))
    # The certificate's cycle (MNT-1, RCT-1), read only for a company the milestones' query found certified.
    data["cycle"] = cycle_of(company=company, today=today) if data["milestones"].certified_on else None
    data["next_steps"] = company_next_steps(
        company=company,
        chart=chart,
        application=application,
        headcount=headcount,
        registration_wait=registration_wait,
        milestones=data["milestones"],
        cycle=data["cycle"],
        cor_handoff=data.get("cor_handoff"),
        today=today,
    )
    people = selectors.company_people(company=company)
    data["memberships"] = people.memberships
    data["assigned_auditors"], data["auditor_choices"] = people.assigned_auditors, people.auditor_choices
    data["status_changes"] = selectors.status_changes_for(company, today=today)
    return data


@company_view(Need.EDIT)
def company_archive(request, company):
    """Everything SECOR keeps about the company, files included, as one zip: for its employer users and staff."""
    return company_archive_response(company, for_staff=request.user.is_program_staff)


TIMELINE_COLUMNS = [
    Column("When", lambda event: event.at),
    Column("Kind", lambda event: KINDS.get(event.kind, event.kind)),
    Column("Who", lambda event: str(event.actor or "SECOR")),
    Column("What", lambda event: event.summary),
    Column("Detail", lambda event: event.detail),
    Column("Rule", lambda event: event.data.get("rule", "")),  # the export is staff's: rule ids are shown to them
]


@company_view(Need.READ)
def company_detail(request, company):
    if request.user.is_program_staff and export_format(request):  # the timeline, of one kind of event or all
        events = timeline_selectors.events_for_company(company=company, kind=request.GET.get("events", ""))
        name = f"secor-{company.wcb_account_number}-timeline"
        return exported(request, name=name, columns=TIMELINE_COLUMNS, objects=events.iterator())
    today = timezone.localdate()
    at_timeline_head = not request.GET.get("events") and request.GET.get("events_page", "1") == "1"
    kept = [name for name in SECTIONS if at_timeline_head or name != "timeline"]
    sections = kept_for_company(
        company.pk,
        kept,
        lambda: _sections(request, company, today, kept),
        variant=f"company-page:{viewer_variant(request)}",
    )
    if not at_timeline_head:
        timeline = _timeline(company, today, kind=request.GET.get("events", ""), page=request.GET.get("events_page"))
        timeline = {**_section_context(request, company, today), **timeline}
        sections = {**sections, **_rendered(["timeline"], timeline)}
    shown = {name: mark_safe(html) for name, html in sections.items()}  # rendered here, or kept as rendered
    return render(request, "companies/company_detail.html", {"company": company, "sections": shown})
