"""What the staff dashboard counts, in groups, each kept in the shared cache until a write to a topic it reads
(`GROUPS`), so a write computes again only the groups it changed: a saved training record leaves the notices, the
questions and the audits counted. Every count is read by the same selector as the list it links to, so the two
agree (a test compares them); secor.pages.dashboard shows them.
"""

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial

from dateutil.relativedelta import relativedelta
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from audits.audit.selectors import audits_upcoming, requests_to_book
from audits.certificates.selectors import certificate_figures, certificates_ended_by_leaving
from audits.maintenance.selectors import (
    anniversaries_upcoming,
    maintenance_overdue,
    maintenance_queue,
    packages_in_review,
)
from audits.manual.selectors import manual_queue, manuals_in_review
from companies import selectors as company_selectors
from companies import services as company_services
from companies.models import Company
from companies.questions import selectors as question_selectors
from milestones import selectors as milestone_selectors
from secor import hooks
from secor.core.models import User
from secor.counting import Windowed, counts
from secor.freshness import kept_until_changed
from secor.kept_by_company import Key, Shares, compute_ahead, kept_totals_by_company
from secor.kept_figures import HEADCOUNTS, REVIEW_QUEUES, SUMMARIES, statuses_key
from secor.notices.selectors import needing_attention
from secor.reviews.rules import REVIEW_TARGET_DAYS, REVIEW_WARNING_DAYS
from secor.reviews.selectors import decided_by_month
from training import deadlines
from training import selectors as training_selectors
from training.summaries import companies_with_training, summaries_refresh

TURNAROUND_MONTHS = 6
REVIEW_DAYS = (REVIEW_WARNING_DAYS, REVIEW_TARGET_DAYS)


def _companies(user, today: date) -> dict:
    """Companies by status and those that no longer qualify (by the kept headcounts), and the hand-offs to COR."""
    company_services.headcounts_refresh(today=today)
    return {
        "by_status": company_selectors.status_counts(today=today),
        **counts(cor_handoffs=company_selectors.cor_handoffs_waiting(today=today)),
    }


def _per_company(rows: QuerySet) -> dict[int, int]:
    return dict(rows.order_by().values_list("company_id").annotate(count=Count("pk")))


def _per_company_within(name: str, rows: QuerySet, day_field: str, today: date) -> Shares:
    """`rows`, the list of the widest window, counted per company within each window of days, as (`name`,
    days): each the count of the same list for its window (its day range starts today as the widest one's)."""
    windows = {days: today + timedelta(days=days) for days in deadlines.WINDOWS_DAYS}
    per_company = (
        rows.order_by()
        .values("company_id")
        .annotate(
            **{f"within_{days}": Count("pk", filter=Q(**{f"{day_field}__lte": last})) for days, last in windows.items()}
        )
    )
    shares: Shares = {}
    for row in per_company:
        for days in windows:
            if row[f"within_{days}"]:
                shares.setdefault((name, days), {})[row["company_id"]] = row[f"within_{days}"]
    return shares


def _by_company(today: date, company_ids: Collection[int] | None) -> Shares:
    """Each company's share of the figures that a write to a company changes by that company alone (of every
    company, or of `company_ids`): its roadmap stage (MIL-4) and whether its training is incomplete (TRN-9), when
    registered; its people's deadlines ahead and maintenance audits overdue (TRN-5, TRN-6, TRN-7); its milestone
    letters at risk, missing their #2 request or expiring (MIL-3, MIL-2). Each by the selector of its list."""
    if company_ids is not None:  # their summaries current, whatever this request made current before a write
        summaries_refresh(Company.objects.filter(pk__in=company_ids), today=today)
    registered = company_selectors.registered(today=today)
    rows = {
        "maintenance_overdue": deadlines.maintenance_overdue(today=today),
        "letters_at_risk": milestone_selectors.letters_at_risk(today=today),
        "requests_missing": milestone_selectors.requests_missing(today=today),
    }
    letters = milestone_selectors.letters_expiring(today=today, within_days=max(deadlines.WINDOWS_DAYS))
    if company_ids is not None:
        registered, letters = registered.filter(pk__in=company_ids), letters.filter(company_id__in=company_ids)
        rows = {name: of_all.filter(company_id__in=company_ids) for name, of_all in rows.items()}
    shares: Shares = {name: _per_company(of_companies) for name, of_companies in rows.items()}
    for pk, stage in milestone_selectors.with_stage(registered, today=today).values_list("pk", "roadmap_stage"):
        shares.setdefault(("stage", stage), {})[pk] = 1
    incomplete = companies_with_training(registered, complete=False, today=today)
    shares["training_incomplete"] = dict.fromkeys(incomplete.values_list("pk", flat=True), 1)
    upcoming = deadlines.upcoming_by_company(today=today, windows=deadlines.WINDOWS_DAYS, company_ids=company_ids)
    shares |= _per_company_within("letters", letters, "expires_on", today)
    return shares | {("deadline", *kind_and_days): by_company for kind_and_days, by_company in upcoming.items()}


def _reviews_waiting(user, today: date) -> dict:
    """How many training, manual and maintenance package reviews have waited past the 4-week warning and the
    6-week target."""
    return {
        "training_waited": training_selectors.waiting_longer_than(user=user, days=REVIEW_DAYS),
        **counts(
            **{
                f"{name}_over_{days}": queue(user=user, waited_more_than=days)
                for name, queue in (("manuals", manual_queue), ("packages", maintenance_queue))
                for days in REVIEW_DAYS
            }
        ),
    }


def _audits(user, today: date) -> dict:
    """Audit requests waiting to be booked (AUD-2), audits booked and anniversaries ahead, packages overdue (MNT-1),
    certificates ended by leaving and issued per month (CERT-2, CERT-1)."""
    widest = max(deadlines.WINDOWS_DAYS)
    return {
        "certificates": certificate_figures(today=today, months=TURNAROUND_MONTHS),
        **counts(
            audit_requests=requests_to_book(today=today),
            packages_overdue=maintenance_overdue(today=today),
            certificates_ended=certificates_ended_by_leaving(today=today),
            audits=_windows("audits", audits_upcoming(today=today, days=widest), "scheduled_on", today),
            anniversaries=_windows("anniversaries", anniversaries_upcoming(today=today, days=widest), "on", today),
        ),
    }


def _questions(user, today: date) -> dict:
    return counts(questions_waiting=question_selectors.question_queue(user=user, show=question_selectors.WAITING))


def _notices(user, today: date) -> dict:
    return {"notices": needing_attention()}


def _auditors(user, today: date) -> dict:
    return {"auditors": auditor_workload(today)}


def _turnaround(user, today: date) -> dict:
    return {"months": review_turnaround(today)}


Topic = hooks.Topic
# The figures in groups, each with the topics of everything it reads: a write to one of them counts the group
# again; the others stay kept. (Every group is also kept for the statuses of today: `kept_figures`.) A package's
# review is maintenance: its services say AUDITS with every step, so the audits' group need not follow every
# review of a training record.
GROUPS: dict[str, tuple[tuple[Topic, ...], Callable[..., dict]]] = {
    "companies": ((*HEADCOUNTS, Topic.COMPANY), _companies),
    "reviews-waiting": (REVIEW_QUEUES, _reviews_waiting),
    "turnaround": ((Topic.REVIEWS,), _turnaround),
    "auditors": ((*REVIEW_QUEUES, Topic.COMPANY, Topic.ACCOUNTS), _auditors),
    "audits": ((Topic.AUDITS, Topic.COMPANY_STATUS, Topic.PROGRAM_SETTINGS), _audits),
    "questions": ((Topic.COMPANY,), _questions),
    "notices": ((Topic.NOTICES,), _notices),
}


# What the figures kept company by company read (`_by_company`): the summaries and their deadlines, and what the
# roadmap's later steps read (the letters, the manuals, the audits and certificates).
BY_COMPANY_TOPICS = (*SUMMARIES, Topic.MILESTONES, Topic.AUDITS, Topic.REVIEWS)


def _by_company_key(today: date) -> str:
    return _BY_COMPANY_KEY.name + ":" + _by_company_more(today)


def _by_company_more(today: date) -> str:
    return f"{today.isoformat()}:{statuses_key(today)}"


_BY_COMPANY_KEY = Key("dashboard", lambda: _by_company_more(timezone.localdate()))


def shares_computed_ahead() -> None:
    """Each write to the figures' topics has a worker compute its companies' shares as it commits (pages' app)."""
    compute_ahead(
        topics=BY_COMPANY_TOPICS,
        key=_BY_COMPANY_KEY,
        compute=lambda company_ids: _by_company(timezone.localdate(), company_ids),
    )


def _kept_by_company(today: date) -> dict:
    return kept_totals_by_company(_by_company_key(today), topics=BY_COMPANY_TOPICS, compute=partial(_by_company, today))


def _stages(by_company: dict) -> dict[str, int]:
    return {name[1]: count for name, count in by_company.items() if name[0] == "stage"}


def companies_by_stage(today: date) -> dict[str, int]:
    """How many registered companies are at each step of the roadmap (MIL-4), as the dashboard counts them: kept
    company by company, so a write counts again only the stages of the companies it names."""
    return _stages(_kept_by_company(today))


def kept_figures(user, today: date) -> dict:
    """Every group's figures, each kept until a write to one of its topics, and the figures kept company by
    company, for the statuses of today."""
    statuses = statuses_key(today)
    kept = kept_until_changed(
        {
            f"dashboard:{name}:{statuses}": (topics, partial(compute, user, today))
            for name, (topics, compute) in GROUPS.items()
        }
    )
    by_company = _kept_by_company(today)
    return {name: value for group in kept.values() for name, value in group.items()} | {
        "stages": _stages(by_company),
        "training_incomplete": by_company.get("training_incomplete", 0),
        **{name: by_company.get(name, 0) for name in ("maintenance_overdue", "letters_at_risk", "requests_missing")},
        **{f"letters_within_{days}": by_company.get(("letters", days), 0) for days in deadlines.WINDOWS_DAYS},
        "deadlines": {
            (kind, days): by_company.get(("deadline", kind, days), 0)
            for kind in deadlines.KINDS
            for days in deadlines.WINDOWS_DAYS
        },
    }


def _windows(name: str, rows, day_field: str, today: date) -> Windowed:
    """`rows`, the list of the widest window, counted within each window of days as "<name>_within_<days>":
    each the count of the same list for its window (its day range starts today as the widest one's)."""
    return Windowed(
        rows, day_field, {f"{name}_within_{days}": today + timedelta(days=days) for days in deadlines.WINDOWS_DAYS}
    )


def _count_per_auditor(rows, auditor_field: str) -> Coalesce:
    """How many of `rows` belong to each auditor, as a subquery of the auditors' query (joins would multiply
    the rows of one count by those of the others, and scan every assigned company's history)."""
    per_auditor = rows.filter(**{auditor_field: OuterRef("pk")}).order_by().values(auditor_field)
    return Coalesce(Subquery(per_auditor.annotate(count=Count("pk", distinct=True)).values("count")), 0)


def auditor_workload(today: date) -> list[User]:
    """Each program auditor with the companies assigned, the submissions waiting in them, and the manuals
    given to them waiting for their review: one query."""
    return list(
        User.objects.filter(role=User.Role.AUDITOR, is_active=True)
        .annotate(
            companies=_count_per_auditor(company_selectors.auditor_assignments(), "auditor"),
            waiting=_count_per_auditor(
                training_selectors.submissions_in_review(), "company__auditor_assignments__auditor"
            ),
            manuals=_count_per_auditor(manuals_in_review(), "review__reviewer"),
            packages=_count_per_auditor(packages_in_review(), "review__reviewer"),
            audits_ahead=_count_per_auditor(audits_upcoming(today=today, days=90), "auditor"),
        )
        .order_by("-waiting", "last_name", "first_name")
    )


@dataclass(frozen=True)
class Month:
    month: date
    decided: int
    average_days: float | None
    within_warning: int


def review_turnaround(today: date) -> list[Month]:
    """Reviews decided in each of the last months: how many, their average days from the version sent to
    the decision, and how many within the 4-week warning."""
    since = today.replace(day=1) - relativedelta(months=TURNAROUND_MONTHS - 1)
    rows = decided_by_month(since=since, within_days=REVIEW_WARNING_DAYS)
    by_month = {row["month"]: row for row in rows}
    months, month = [], since
    while month <= today:
        row = by_month.get(month)
        average = row["total"].total_seconds() / 86400 / row["decided"] if row and row["decided"] else None
        months.append(Month(month, row["decided"] if row else 0, average, row["within"] if row else 0))
        month += relativedelta(months=1)
    return months
