"""Reads of the notice ledger, for the company's Notices page and the staff notices log."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet

from secor.core.models import User
from secor.notices.kinds import NOTICE_KINDS
from secor.notices.models import Notice


def notices_for_company(*, company, staff_view: bool) -> QuerySet[Notice]:
    """The company's notices, newest first: to staff, everything sent about it; to the company (NTC-3), only
    the mail its people were sent: its users and the people on its roster, never what went to SCSA's staff or
    program auditors (a review given, an audit requested)."""
    notices = Notice.objects.filter(company=company)
    if staff_view:
        return notices
    # A notice due before go-live was never sent: the company's people were told the old way, if at all.
    notices = notices.exclude(state=Notice.State.BEFORE_GO_LIVE)
    # A notice to a staff member or a program auditor names their user; one to a roster person names none.
    to_company_people = Q(recipient_user__isnull=True) | Q(recipient_user__role=User.Role.EMPLOYER)
    return notices.filter(to_company_people, for_staff=False)


@dataclass(frozen=True)
class LogFilters:
    kind: str = ""
    state: str = ""
    due_from: date | None = None
    due_to: date | None = None
    search: str = ""


def notice_log(*, filters: LogFilters) -> QuerySet[Notice]:
    """Every notice, for staff: filtered by kind, state, the day it fell due, recipient or company."""
    notices = Notice.objects.select_related("company", "resent_by")
    if filters.kind in NOTICE_KINDS:
        notices = notices.filter(kind=filters.kind)
    if filters.state in Notice.State.values:
        notices = notices.filter(state=filters.state)
    if filters.due_from:
        notices = notices.filter(due_on__gte=filters.due_from)
    if filters.due_to:
        notices = notices.filter(due_on__lte=filters.due_to)
    if filters.search:
        term = filters.search.strip()
        notices = notices.filter(
            Q(recipient_email__icontains=term) | Q(company__legal_name__icontains=term) | Q(subject__icontains=term)
        )
    return notices


def resendable() -> QuerySet[Notice]:
    """The notices that failed or are in doubt: what staff must look at (and may send again)."""
    return Notice.objects.filter(state__in=Notice.RESENDABLE)


def needing_attention() -> dict[str, int]:
    """How many notices failed or are in doubt: what staff must look at."""
    counts = resendable().values("state").annotate(count=Count("pk"))
    return {row["state"]: row["count"] for row in counts}


def kind_choices() -> list[tuple[str, str]]:
    return sorted(((key, kind.label) for key, kind in NOTICE_KINDS.items()), key=lambda item: item[1])


# The preview's choice of companies: those that received the kind of notice, by name (enough to choose from).
PREVIEW_COMPANIES = 200


def companies_notified(kind: str) -> list[tuple[int, str]]:
    """The companies that received a notice of `kind` (a preview renders the newest one of them)."""
    rows = (
        Notice.objects.filter(kind=kind, company__isnull=False)
        .values_list("company_id", "company__legal_name")
        .distinct()
        .order_by("company__legal_name", "company_id")
    )
    return list(rows[:PREVIEW_COMPANIES])


def newest_notice(kind: str, company_id: int) -> Notice | None:
    return Notice.objects.filter(kind=kind, company_id=company_id).order_by("-created_at", "-pk").first()
