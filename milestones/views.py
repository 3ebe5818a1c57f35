"""Milestone pages: the request for #2 (MAN-3), issuing #2 and extending a letter (staff), the staff watch
list of MIL-3, and the company's calendar feed (MIL-4). The letters themselves are company documents."""

import hashlib
from functools import partial

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from companies.access import Need, company_view, require_post
from milestones import rules, selectors, services
from milestones.forms import ExtensionForm
from milestones.models import CalendarFeed, MilestoneLetter
from secor import query
from secor.core.models import ProgramSettings
from secor.dates import long_date
from secor.exports import Column, exported
from secor.freshness import kept_until_changed
from secor.hooks import Topic
from secor.ics import ics_response
from secor.kept_figures import statuses_key
from secor.paging import paged, pages_of
from secor.roles import staff_required
from secor.viewutils import REFUSED, action_form, call_service, confirmation_page, report, submitted
from training.deadlines import WINDOWS_DAYS

# Four tables on one page (de-rolled today, at risk, #2 requests missing, expiring): 15 rows each. At the queues'
# 25, rendering the page's 100 rows took a third of its time and its p95 with 8 staff passed 150 ms.
WATCH_PAGE_SIZE = 15


def _back(company):
    return redirect("companies:detail", company.pk)


@company_view(Need.EDIT)
def request_next(request, company):
    require_post(request)
    form = action_form(request)
    call_service(form, services.milestone_request_next, company=company, actor=request.user)
    report(request, form, "Your request for the Milestone #2 letter was sent to SCSA.")
    return _back(company)


@company_view(Need.STAFF)
def issue_next(request, company):
    require_post(request)
    asking = confirmation_page(
        request,
        question=f"Issue the Milestone #2 letter of {company}?",
        consequences=[
            "Milestone #1 is recorded as met today, and its letter closes.",
            "The Milestone #2 letter is issued with its PDF, expiring "
            f"{ProgramSettings.current().milestone_2_months} months after registration (MIL-2).",
            "The company's users are emailed the letter.",
        ],
        confirm_label="Yes, issue it",
        cancel_url=reverse("companies:detail", args=[company.pk]),
    )
    if asking:
        return asking
    form = action_form(request)
    letter = call_service(form, services.letter_issue_next, company=company, actor=request.user)
    # Refused, there is no letter to name: report() then says why instead.
    report(request, form, "" if letter is REFUSED else f"Milestone #2 letter {letter.reference} issued to {company}.")
    return _back(company)


@company_view(Need.STAFF)
def letter_extend(request, company, letter_pk: int):
    letter = get_object_or_404(MilestoneLetter.objects.filter(company=company), pk=letter_pk)
    form = ExtensionForm(request.POST or None)
    if (
        submitted(request, form)
        and call_service(form, services.letter_extend, letter=letter, actor=request.user, **form.cleaned_data)
        is not REFUSED
    ):
        new_expiry = long_date(form.cleaned_data["to_date"])
        messages.success(request, f"{letter.get_milestone_display()} letter of {company} extended to {new_expiry}.")
        # Staff extend from the watch list or from the company page; they go back where they were.
        return redirect("milestones:watch") if request.POST.get("next") == "watch" else _back(company)
    return render(request, "milestones/extend.html", {"form": form, "company": company, "letter": letter})


@company_view(Need.EDIT)
def calendar_address(request, company):
    """MIL-4: the company's private calendar address, and a button that replaces it."""
    if request.method == "POST":
        services.calendar_feed_reset(company=company, actor=request.user)
        messages.success(request, "Your calendar address is ready. A former address no longer works.")
        return redirect("milestones:calendar", company.pk)
    feed = CalendarFeed.objects.filter(company=company).first()
    url = request.build_absolute_uri(reverse("milestones:calendar_feed", args=[feed.token])) if feed else ""
    return render(request, "milestones/calendar.html", {"company": company, "calendar_url": url})


def calendar_feed(request, token: str):
    """Public by its secret address: calendar apps subscribe without signing in."""
    feed = CalendarFeed.objects.select_related("company").filter(token=token).first()
    if feed is None:
        raise Http404
    return ics_response(
        name=f"SECOR · {feed.company.legal_name}",
        events=selectors.calendar_of(company=feed.company, today=timezone.localdate()),
    )


# The watch page's tables' page numbers, each by its own parameter.
WATCH_PAGES = ("derolled_page", "page", "requests_page", "missing_page", "expiring_page")
# What the tables show beyond the lists' letters (their digest is in the key): the letters and their companies,
# today's de-rolls recorded, who asked for each #2 letter.
WATCH_TABLES_TOPICS = (Topic.MILESTONES, Topic.COMPANY, Topic.COMPANY_STATUS, Topic.ACCOUNTS)
WATCH_COLUMNS = [
    Column("List", lambda pair: pair[0]),
    Column("Company", lambda pair: pair[1].company.legal_name),
    Column("WCB account number", lambda pair: pair[1].company.wcb_account_number),
    Column("Letter", lambda pair: f"{pair[1].get_milestone_display()} {pair[1].reference}"),
    Column("Issued", lambda pair: pair[1].issued_on),
    Column("Expires", lambda pair: pair[1].expires_on),
]


def _watched(lists: dict[str, list[int]]):
    """The watched letters, list by list, each with its list's name: one query for them all."""
    letters = MilestoneLetter.objects.select_related("company").in_bulk([pk for ids in lists.values() for pk in ids])
    return ((name, letters[pk]) for name, ids in lists.items() for pk in ids if pk in letters)


@staff_required
def watch(request):
    """MIL-3: the companies de-rolled today (recorded, or due), those at risk (letter expiring within 30 days,
    unmet), the requests for Milestone #2 letters waiting, and those missing (MIL-2: #1 met, #2 not asked for).
    Staff open it many times between two writes that change it: its tables are kept as rendered until then, or
    until the de-rolls due change."""
    today = timezone.localdate()
    within = query.one_of(request.GET.get("within"), WINDOWS_DAYS, WINDOWS_DAYS[0])
    if request.GET.get("export"):
        at_risk, missing, expiring = selectors.watched_letter_ids(today=today, within_days=within)
        lists = {"At risk": at_risk, "Milestone #2 not requested": missing, f"Expiring within {within} days": expiring}
        if export := exported(request, name="secor-milestone-letters", columns=WATCH_COLUMNS, objects=_watched(lists)):
            return export
    numbers = [query.whole_number(request.GET.get(param), default=1) for param in WATCH_PAGES]
    lists = selectors.watched_letter_ids(today=today, within_days=within)
    # Kept for the lists' letters as they are: a write to training that leaves them the same leaves the tables.
    digest = hashlib.blake2b(repr(lists).encode(), digest_size=16).hexdigest()
    key = f"watch-tables:{within}:{':'.join(map(str, numbers))}:{statuses_key(today)}:{digest}"
    pages = dict(zip(WATCH_PAGES, numbers, strict=True))
    compute = partial(_watch_tables, today=today, within=within, lists=lists, numbers=pages)
    tables, counts = kept_until_changed({key: (WATCH_TABLES_TOPICS, compute)})[key]
    return render(request, "milestones/watch.html", {"tables": tables, "watch_counts": counts})


def _watch_tables(*, today, within: int, lists: tuple, numbers: dict[str, int]) -> tuple[str, dict[str, int]]:
    """The tables rendered, and how many rows each list holds."""
    at_risk, missing, expiring = lists
    # Each list's ids are read once and counted here (counting and paging them in two queries would check every
    # letter's milestone twice); the three pages' letters are then loaded together, by id alone. Today's de-rolls
    # (recorded by the nightly job or yet to be) are a few dozen at province scale, but after days without a sweep
    # they are hundreds: that list is paged too.
    derolled = Paginator(selectors.derolled_today(today=today), WATCH_PAGE_SIZE).get_page(numbers["derolled_page"])
    at_risk, missing, expiring = pages_of(
        MilestoneLetter.objects.select_related("company"),
        [(at_risk, numbers["page"]), (missing, numbers["missing_page"]), (expiring, numbers["expiring_page"])],
        WATCH_PAGE_SIZE,
    )
    context = {
        "today": today,
        "derolled": derolled,
        "at_risk": at_risk,
        "requests": paged(selectors.requests_waiting(today=today), numbers["requests_page"], WATCH_PAGE_SIZE),
        "requests_missing": missing,
        "expiring": expiring,
        "within": within,
        "windows": WINDOWS_DAYS,
        "at_risk_days": rules.AT_RISK_DAYS,
    }
    counts = {name: context[name].paginator.count for name in ("derolled", "at_risk", "requests", "requests_missing")}
    return render_to_string("milestones/_watch_tables.html", context), counts | {"expiring": expiring.paginator.count}
