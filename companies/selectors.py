"""Reads of companies, applications and rosters, always starting from what the user may see."""

import operator
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import reduce

from django.db import models
from django.db.models import Case, Count, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from companies import rules
from companies.access import companies_for, scoped
from companies.inputs import STATUS_CHANGES, StatusChange
from companies.models import (
    Application,
    AuditorAssignment,
    Company,
    CorHandoff,
    Employee,
    Membership,
    RegistrationWait,
    no_longer_qualifies,
    status_in,
)
from secor import hooks
from secor.core.models import ProgramSettings, User
from secor.dates import Period, Reckoning, long_date

COMPANY_SORTS = {
    "name": ("legal_name",),
    "wcb": ("wcb_account_number",),
    "city": ("city", "legal_name"),
    "status": ("status_on", "legal_name"),
    "headcount": ("headcount", "legal_name"),
    "registered": ("registration_date", "legal_name"),
}


@dataclass(frozen=True)
class CompanyFilters:
    search: str = ""
    status: str = ""
    member: str = ""  # "yes", "no" or "" for either
    over_limit: bool = False
    sort: str = "name"
    descending: bool = False


def company_list(*, user, filters: CompanyFilters, today: date) -> QuerySet[Company]:
    """The staff/auditor company list: scoped, searched, filtered, sorted by the status on `today`, headcount
    annotated from the kept counts (the caller refreshes those first: services.headcounts_refresh).

    Filters of other apps (training) are applied by the page that combines them.
    """
    companies = companies_for(user).with_headcount().alias(status_on=status_on_expression(today=today))
    if filters.search:
        term = filters.search.strip()
        # Names, city and WCB number through their kept searchable column, one trigram index on PostgreSQL:
        # "quappelle" finds "Qu'Appelle", "700 0002" the WCB number 7000002. A term of punctuation alone finds all.
        companies = companies.filter(search_text__contains=rules.searchable(term))
    if filters.status:
        companies = companies.filter(status_in([filters.status], today=today))
    if filters.member in ("yes", "no"):
        companies = companies.filter(is_scsa_member=filters.member == "yes")
    if filters.over_limit:
        companies = companies.over_secor_limit(today=today)
    order = COMPANY_SORTS.get(filters.sort, COMPANY_SORTS["name"])
    if filters.descending:
        order = tuple(f"-{field}" for field in order)
    return companies.order_by(*order, "pk")


def company_with_wcb_number(*, wcb_account_number: str, excluding: Company | None = None) -> Company | None:
    """ELIG-6: the company registered under a WCB account number, whoever may see it (for refusals only)."""
    companies = Company.objects.filter(wcb_account_number=wcb_account_number)
    if excluding is not None:
        companies = companies.exclude(pk=excluding.pk)
    return companies.first()


def derolled_on_for_wcb_number(*, wcb_account_number: str, today: date | None = None) -> date | None:
    """ELIG-5: the latest de-roll under this WCB account number whose wait was not lifted, whichever company
    holds the number now: recorded, or due on `today` (MIL-3) for the company holding it, not yet recorded."""
    today = today or timezone.localdate()
    recorded = (
        RegistrationWait.objects.filter(wcb_account_number=wcb_account_number, lifted_on__isnull=True)
        .values_list("derolled_on", flat=True)
        .first()
    )
    due = hooks.derolls_due(today=today)
    holder = Company.objects.filter(wcb_account_number=wcb_account_number, pk__in=list(due)).first() if due else None
    return max((day for day in (recorded, holder and due[holder.pk]) if day), default=None)


def registration_wait(*, company: Company, today: date) -> Reckoning | None:
    """ELIG-5: the first day the company may register again (with its arithmetic), while it must still wait; else
    None. A company
    applying or registered has none to serve (it was over, or lifted): no query for it."""
    if company.status_on(today).is_active:
        return None
    derolled_on = derolled_on_for_wcb_number(wcb_account_number=company.wcb_account_number, today=today)
    if derolled_on is None or rules.may_reregister(derolled_on=derolled_on, today=today):
        return None
    return rules.reregistration_reckoning(derolled_on)


def counted_employment_types() -> frozenset[str]:
    """ELIG-1: who counts toward the headcount, under the current program settings."""
    settings = ProgramSettings.current()
    return rules.counted_employment_types(count_consultants=settings.consultants_count_toward_headcount)


def company_headcount(*, company: Company, today: date) -> int:
    counted = Employee.counted_q(today=today, counted_types=counted_employment_types(), prefix="")
    return company.employees.filter(counted).count()


def roster_for_company(*, company: Company) -> QuerySet[Employee]:
    return company.employees.order_by("last_name", "first_name")


def employee_get_for_company(*, company: Company, pk: int) -> Employee:
    return get_object_or_404(company.employees, pk=pk)


def pending_applications(*, user) -> QuerySet[Application]:
    return (
        scoped(Application.objects.filter(decision=Application.Decision.PENDING), user)
        .select_related("company", "submitted_by")
        .order_by("submitted_at")
    )


def application_get_for_user(*, user, pk: int) -> Application:
    return get_object_or_404(
        scoped(Application.objects.all(), user).select_related("company", "submitted_by"),
        pk=pk,
    )


def latest_application(*, company: Company) -> Application | None:
    # Without the password hash of who decided: a company's page keeps its application in the shared cache.
    return (
        company.applications.select_related("decided_by")
        .defer("decided_by__password")
        .order_by("-submitted_at")
        .first()
    )


# The company page's company comes with its members and auditors fetched alongside.
@dataclass(frozen=True)
class CompanyPeople:
    memberships: list[Membership]  # the company's users, owners first
    assigned_auditors: list[User]
    auditor_choices: list[User]  # for staff: the active program auditors not assigned yet


def company_people(*, company: Company) -> CompanyPeople:
    """The company's users, the program auditors assigned to it and those staff could assign besides: one query (a
    company page after a write reads a dozen)."""
    assigned = Exists(AuditorAssignment.objects.filter(company=company, auditor=OuterRef("pk")))
    auditors = User.objects.filter(role=User.Role.AUDITOR).order_by().values("pk")
    # The two sets' ids united, each found by its index: "auditor or member" as one condition scanned every user.
    ids = auditors.union(Membership.objects.filter(company=company).order_by().values("user"))
    people = list(
        User.objects.annotate(assigned=assigned)
        .defer("password")  # a company's page keeps its people in the shared cache: never their password hashes
        .filter(pk__in=ids)
        .select_related("membership")
        .order_by("last_name", "first_name", "pk")
    )
    auditors = [person for person in people if person.role == User.Role.AUDITOR]
    members = [person.membership for person in people if person.role != User.Role.AUDITOR]
    return CompanyPeople(
        sorted(members, key=lambda membership: (not membership.is_owner, membership.created_at)),
        [auditor for auditor in auditors if auditor.assigned],
        [auditor for auditor in auditors if auditor.is_active and not auditor.assigned],
    )


def cor_handoffs_waiting(*, today: date) -> QuerySet[CorHandoff]:
    """ELIG-3/ELIG-4: the companies that told SCSA when they expect to register for COR, waiting for staff to
    record the transfer: still in the program and over the limit (by the kept headcount: refresh it first), told
    since their registration; the oldest first."""
    return (
        CorHandoff.objects.filter(company__in=Company.objects.over_secor_limit(today=today))
        .filter(Q(company__registration_date__isnull=True) | Q(told_on__gte=F("company__registration_date")))
        .select_related("company")
        .order_by("told_on", "pk")
    )


def cor_handoff_of(*, company: Company) -> CorHandoff | None:
    return CorHandoff.objects.filter(company=company).first()


# --- the status on a day for the queries of every app (Company.status_on; models.status_in filters by it) ---


def status_on_expression(*, today: date, company: str = ""):
    """The status on `today` as a value, to sort or count by."""
    due = list(hooks.derolls_due(today=today))
    if not due:
        return F(f"{company}status")
    return Case(
        When(**{f"{company}pk__in": due}, then=Value(Company.Status.DEROLLED)),
        default=F(f"{company}status"),
        output_field=models.CharField(),
    )


def _due_by_day(today: date) -> dict[date, list[int]]:
    by_day = defaultdict(list)
    for company_id, day in hooks.derolls_due(today=today).items():
        by_day[day].append(company_id)
    return by_day


def left_program_between(first: str, last: str, *, today: date | None, company: str = "company__") -> Q:
    """CERT-2: the rows whose company left the program on a day from the row's field `first` through its field
    `last`: as of `today` (a de-roll due counts), or as recorded when `today` is None (for the rows of
    companies in the program today, which have none due)."""
    return reduce(operator.or_, left_program_between_alternatives(first, last, today=today, company=company))


def left_program_between_alternatives(first: str, last: str, *, today: date | None, company: str = "company__"):
    """`left_program_between` as disjoint alternatives: the leaving recorded, and each day's de-rolls due. Their
    ORed filter spans two tables, so PostgreSQL reads every row to apply it; a union of the alternatives reads
    each by its own index (the companies that left, the few due)."""
    stored = Q(
        **{
            f"{company}left_program_on__isnull": False,
            f"{company}left_program_on__gte": F(first),
            f"{company}left_program_on__lte": F(last),
        }
    )
    by_day = _due_by_day(today) if today is not None else {}
    if not by_day:
        return [stored]
    due = [pk for ids in by_day.values() for pk in ids]
    return [
        stored & ~Q(**{f"{company}pk__in": due}),
        *(Q(**{f"{company}pk__in": ids, f"{first}__lte": day, f"{last}__gte": day}) for day, ids in by_day.items()),
    ]


def left_program_on_expression(*, today: date, company: str = "company__"):
    """The day the company left the program, as of `today`, to sort by."""
    return Case(
        *(When(**{f"{company}pk__in": ids}, then=Value(day)) for day, ids in _due_by_day(today).items()),
        default=F(f"{company}left_program_on"),
        output_field=models.DateField(),
    )


def registered(*, today: date) -> QuerySet[Company]:
    """The companies registered on `today` (a de-roll due counts), as the company list filters them."""
    return Company.objects.filter(status_in([Company.Status.REGISTERED], today=today))


def status_counts(*, today: date) -> dict[str, int]:
    """How many companies are in each status on `today` (by the status's value), and `at_risk`: how many no
    longer qualify. One pass over the companies."""
    return Company.objects.aggregate(
        **{value: Count("pk", filter=status_in([value], today=today)) for value in Company.Status.values},
        at_risk=Count("pk", filter=no_longer_qualifies(today=today)),
    )


def auditor_assignments() -> QuerySet[AuditorAssignment]:
    """Every company's assignment to a program auditor."""
    return AuditorAssignment.objects.all()


# --- reads the staff and registration pages confirm or decide with ------------------------------------------


def registration_eligibility_for(
    *,
    company: Company | None,
    wcb_account_number: str,
    declared_workers: int,
    acts_as_general_contractor: bool,
    expected_workers_as_general_contractor: int | None,
    today: date,
) -> rules.Eligibility:
    """ELIG-1, -2, -4, -5, -6 with the facts read from the database.

    A company applying again already has a roster: its headcount counts if it is larger than declared.
    """
    existing = company_with_wcb_number(wcb_account_number=wcb_account_number)
    roster = company_headcount(company=company, today=today) if company else 0
    return rules.registration_eligibility(
        worker_count=max(declared_workers, roster),
        acts_as_general_contractor=acts_as_general_contractor,
        expected_workers_as_general_contractor=expected_workers_as_general_contractor,
        wcb_number_actively_registered=bool(existing and existing.status_on(today).is_active),
        derolled_on=derolled_on_for_wcb_number(wcb_account_number=wcb_account_number, today=today),
        today=today,
    )


def status_change_consequences(*, company: Company, action: str, effective_on: date | None) -> list[str]:
    """What a status change does, in the words staff confirm it with before it is recorded."""
    consequences = {
        "transfer_to_cor": [
            f"{company} leaves SECOR for the Certificate of Recognition (COR) program.",
            "An application waiting for SCSA's decision is closed.",
        ],
        "deroll": [
            f"{company} is removed from SECOR on {long_date(effective_on or timezone.localdate())}.",
            "Its WCB account number cannot register again until "
            f"{long_date(rules.reregistration_date(effective_on or timezone.localdate()))} (ELIG-5).",
        ],
        "withdraw": [f"{company} leaves SECOR; it may apply again at any time."],
        "reinstate": [f"{company} is registered in SECOR again; a wait to register again is lifted."],
    }[action]
    return [*consequences, "The company's users are emailed the change and your reason; it goes on the timeline."]


def status_changes_for(company: Company, *, today: date) -> dict[str, StatusChange]:
    """The changes staff may record for the company as its status is on `today` (a de-roll due counts)."""
    status = company.status_on(today).status
    return {key: change for key, change in STATUS_CHANGES.items() if status in change.from_statuses}


def applications_in(period: Period) -> dict[str, int]:
    """The program report: applications submitted, accepted and declined in the period (one query)."""
    decided = Application.Decision
    return Application.objects.aggregate(
        submitted=Count("pk", filter=Q(**period.moments("submitted_at"))),
        accepted=Count("pk", filter=Q(decision=decided.ACCEPTED, **period.moments("decided_at"))),
        declined=Count("pk", filter=Q(decision=decided.DECLINED, **period.moments("decided_at"))),
    )
