"""The kept ELIG-1 headcount of each company, for lists that filter and sort every company by it.

A headcount changes with the roster and the company's status (refreshed here in the same transaction), with
the program setting on consultants (every count forgotten), both heard through secor.hooks, and with the
passing of days: a person counts from their start date through their end date. Each company keeps the next
such date, so a read refreshes, in one UPDATE, only the companies whose count a day has changed since.
"""

from datetime import date

from django.db.models import Count, IntegerField, Min, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from companies.models import Company, Employee
from companies.selectors import counted_employment_types
from secor.freshness import unless_nothing_changed
from secor.hooks import Change
from secor.kept_figures import HEADCOUNTS


def _per_company(employees, aggregate, output_field=None):
    """A correlated subquery: one aggregate over the given employees of the company being updated."""
    return Subquery(
        employees.filter(company=OuterRef("pk")).order_by().values("company").annotate(value=aggregate).values("value"),
        output_field=output_field,
    )


def headcounts_refresh(*, today: date, company_ids=None) -> int:
    """Compute again the kept headcount of the given companies, or of every company whose count is stale
    (a search each list page runs: skipped while nothing was written since it last found none)."""
    if company_ids is None:
        stale = Company.objects.with_stale_headcount(today=today)
        # Only a day makes a count stale that a write to the headcounts' topics did not refresh (or forget) at once.
        return unless_nothing_changed("headcounts", today, lambda: _refresh(today, stale), topics=HEADCOUNTS)
    return _refresh(today, Company.objects.filter(pk__in=company_ids))


def _refresh(today: date, companies) -> int:
    counted_types = counted_employment_types()
    in_saskatchewan = Employee.objects.filter(employment_type__in=counted_types, works_in_saskatchewan=True)
    counted_today = in_saskatchewan.filter(Employee.counted_q(today=today, counted_types=counted_types, prefix=""))
    return companies.update(
        counted_workers=Coalesce(_per_company(counted_today, Count("pk")), Value(0), output_field=IntegerField()),
        counted_workers_next_start=_per_company(in_saskatchewan.filter(start_date__gt=today), Min("start_date")),
        counted_workers_next_end=_per_company(
            in_saskatchewan.filter(Q(start_date__lte=today), end_date__gte=today), Min("end_date")
        ),
    )


def headcounts_refresh_for(change: Change) -> None:
    """A roster or status change (secor.hooks): the companies' counts, in the same transaction."""
    headcounts_refresh(today=timezone.localdate(), company_ids=change.company_ids)


def headcounts_forget(change: Change) -> None:
    """A setting changed who counts (ELIG-1): every kept count is computed again on its next read."""
    Company.objects.update(counted_workers=None)
