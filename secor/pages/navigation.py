"""The navigation bar's context: an employer's company; for SCSA's people, how much work waits in each queue, and
staff's menu in groups."""

from dataclasses import dataclass
from functools import lru_cache

from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from audits.audit.selectors import requests_to_book
from audits.maintenance.selectors import maintenance_queue
from audits.manual.selectors import manual_queue
from companies import selectors as company_selectors
from companies.access import employer_company
from companies.questions import selectors as question_selectors
from secor import hooks
from secor.counting import counts
from secor.freshness import kept_until_changed
from secor.kept_figures import HEADCOUNTS, REVIEW_QUEUES, statuses_key
from secor.notices.selectors import resendable
from training import selectors as training_selectors

Topic = hooks.Topic

# Staff's menu: more entries than fit one line at 1280 px, so all but the first are grouped under menus that open
# without JavaScript. Each entry: its words, its URL name, and the queue count shown beside it (if any) with what
# the count means to a screen reader. A group shows the sum of its entries' counts.
STAFF_MENU: tuple[tuple[str, tuple[tuple[str, str, str, str], ...]], ...] = (
    ("", (("Dashboard", "pages:dashboard", "", ""), ("Companies", "companies:list", "", ""))),
    (
        "Queues",
        (
            ("Applications", "companies:applications", "applications", "waiting"),
            ("Training to review", "training:verification_queue", "training", "waiting"),
            ("Manuals", "audits:manual_queue", "manuals", "waiting"),
            ("Maintenance", "audits:maintenance_queue", "maintenance", "waiting"),
            ("Audits to book", "audits:audit_requests", "audit_requests", "waiting"),
            ("Questions", "companies:question_queue", "questions", "waiting for an answer"),
            ("COR hand-offs", "companies:cor_handoffs", "cor_handoffs", "waiting"),
        ),
    ),
    (
        "Schedule",
        (
            ("Milestones", "milestones:watch", "", ""),
            ("Audits", "audits:audit_calendar", "", ""),
            ("Invoices", "audits:invoice_list", "", ""),
        ),
    ),
    (
        "Program",
        (
            ("Program report", "pages:program_report", "", ""),
            ("Notices", "notices:log", "notices", "failed or in doubt"),
            ("Go-live", "notices:go_live", "", ""),
            ("Import", "golive:imports", "", ""),
            ("Notice texts", "notices:texts", "", ""),
            ("Notice timing and dates", "pages:notice_timing", "", ""),
            ("People", "companies:people", "", ""),
            ("Documents", "audits:program_documents", "", ""),
            ("Audit tool", "audits:audit_tool:versions", "", ""),
            ("API keys", "api_keys:keys", "", ""),
            ("Program settings", "admin:index", "", ""),
        ),
    ),
)


@dataclass(frozen=True)
class MenuEntry:
    label: str
    url: str
    queue: str  # the key of its count in `waiting`, or ""
    count: int
    count_says: str


@dataclass(frozen=True)
class MenuGroup:
    label: str  # "" for the entries shown on the bar itself
    entries: list[MenuEntry]

    @property
    def count(self) -> int:
        return sum(entry.count for entry in self.entries)


def staff_menu(waiting: dict[str, int]) -> list[MenuGroup]:
    return [
        MenuGroup(
            label,
            [
                MenuEntry(words, reverse(name), queue, waiting.get(queue, 0), says)
                for words, name, queue, says in entries
            ],
        )
        for label, entries in STAFF_MENU
    ]


@lru_cache(maxsize=256)
def _staff_menu_rendered(waiting: tuple[tuple[str, int], ...], script_prefix: str) -> str:
    # Made of its arguments alone (the counts, and the prefix every URL of the menu starts with), so each process
    # renders it once for each set of counts: the menu was a tenth of a list page's time.
    return render_to_string("_staff_menu.html", {"staff_menu": staff_menu(dict(waiting))})


def staff_menu_rendered(waiting: dict[str, int]) -> str:
    """Staff's menu with these counts, rendered (the same for every member of staff)."""
    return mark_safe(_staff_menu_rendered(tuple(sorted(waiting.items())), get_script_prefix()))


def navigation(request):
    user = request.user
    if not user.is_authenticated:
        return {}
    if user.is_employer:
        # On a company page the access check has the company already (an employer sees only their own).
        access = getattr(request, "access", None)
        return {"nav_company": access.company if access is not None else employer_company(user)}
    # Every member of staff sees the same counts; an auditor, those of their own queues (the companies assigned
    # to them, the reviews given to them).
    if user.is_program_staff:
        wanted = {
            "waiting:staff:reviews": (REVIEW_QUEUES, lambda: _review_queues(user)),
            f"waiting:staff:companies:{statuses_key(timezone.localdate())}": (
                (*HEADCOUNTS, Topic.COMPANY),
                lambda: _company_queues(user),
            ),
            "waiting:staff:notices": ((Topic.NOTICES,), lambda: counts(notices=resendable())),
            # AUD-1, AUD-2: the requests of registered companies (a status read: kept for the de-rolls due too).
            f"waiting:staff:audits:{statuses_key(timezone.localdate())}": (
                (Topic.AUDITS, Topic.COMPANY_STATUS),
                lambda: counts(audit_requests=requests_to_book(today=timezone.localdate())),
            ),
        }
    else:
        wanted = {f"waiting:auditor-{user.pk}": ((*REVIEW_QUEUES, Topic.COMPANY), lambda: _review_queues(user))}
    waiting = {name: n for group in kept_until_changed(wanted).values() for name, n in group.items()}
    return {"waiting": waiting, **({"staff_menu": staff_menu_rendered(waiting)} if user.is_program_staff else {})}


def _review_queues(user) -> dict[str, int]:
    """Counts only, over the same scopes the queue pages list, in one query (built only when not kept)."""
    return counts(
        training=training_selectors.waiting_for_review(user=user),
        manuals=manual_queue(user=user),
        maintenance=maintenance_queue(user=user),
    )


def _company_queues(user) -> dict[str, int]:
    """The applications, the companies' questions and the hand-offs to COR waiting for staff."""
    return counts(
        applications=company_selectors.pending_applications(user=user),
        questions=question_selectors.question_queue(user=user, show=question_selectors.WAITING),
        cor_handoffs=company_selectors.cor_handoffs_waiting(today=timezone.localdate()),
    )
