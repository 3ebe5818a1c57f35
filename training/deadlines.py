"""The program's training deadlines across every company: whose falls when (TRN-5, TRN-6, TRN-7).

The daily sweep asks for the deadlines its notices are due for (training/notices.py), from a fixed number
of queries whatever the number of companies; only a person's own history is judged in Python, where the
rules are. Staff ask for the deadlines of the next 30, 60 or 90 days and for the overdue maintenance
audits (the dashboard, and the list it links to): those are kept with each company's training summary
(training/summaries.py), so they are counted and paged in SQL.
"""

from collections.abc import Collection
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear, Mod

from companies.models import Company, Employee, status_in
from secor.reviews.models import Review
from training import rules
from training.models import TrainingDeadline, TrainingRecord
from training.rules import CourseCode
from training.selectors import people_training
from training.summaries import summaries_refresh_all

ACCEPTED = Q(review__state=Review.State.ACCEPTED)


def _employed(today: date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": today})


def open_proficiency_trainings(
    *, today: date, deadlines_from: date, deadlines_to: date, training: str, proficiency: str
) -> list[TrainingRecord]:
    """Trainings whose 8-month deadline falls in [deadlines_from, deadlines_to] and whose proficiency is not
    yet accepted, for people still employed at companies in the program. The latest training of a person
    counts (TRN-5, TRN-7); a deadline SCSA extended counts by its new date (DOMAIN section 8)."""
    first, last = rules.trainings_with_deadline_between(deadlines_from, deadlines_to)
    in_window = Q(completed_on__range=(first, last), extended_deadline__isnull=True) | Q(
        extended_deadline__range=(deadlines_from, deadlines_to)
    )
    later_training = TrainingRecord.objects.filter(
        employee=OuterRef("employee"), course__code=training, completed_on__gt=OuterRef("completed_on")
    ).exclude(review__state=Review.State.RETURNED)
    accepted_proficiency = TrainingRecord.objects.filter(
        ACCEPTED, employee=OuterRef("employee"), course__code=proficiency, completed_on__gte=OuterRef("completed_on")
    )
    trainings = list(
        TrainingRecord.objects.filter(
            ACCEPTED,
            in_window,
            _employed(today, "employee__"),
            course__code=training,
            company__status__in=Company.ACTIVE_STATUSES,  # the sweep's: the day's de-rolls are recorded first
        )
        .exclude(Exists(later_training))
        .exclude(Exists(accepted_proficiency))
        .select_related("employee", "company")
    )
    if training == CourseCode.SAFETY_AUDITOR:
        # The two-day course retaken while the status is valid is a re-certification: no self-audit is due
        # for it (DOMAIN section 8). Whether it was is a matter of the person's whole history.
        people = people_training([record.employee for record in trainings])
        trainings = [record for record in trainings if people[record.employee_id].auditor_training()[0] == record]
    return trainings


def _anniversaries_between(first: date, last: date) -> Q:
    """Training dates T with T + 3k years in [first, last] for some k >= 1: same month and day, a whole
    number of 3-year cycles back (a 29 February training expires on 28 February). Needs the annotations
    of `certified_auditors_expiring`. A wide net by design: the exact cycle is computed in Python."""
    matches = Q(pk__in=[])
    for year in range(first.year, last.year + 1):
        lo, hi = max(first, date(year, 1, 1)), min(last, date(year, 12, 31))
        lo_day, hi_day = lo.month * 100 + lo.day, hi.month * 100 + hi.day
        same_day = Q(training_month_day__range=(lo_day, hi_day))
        if lo_day <= 228 <= hi_day:
            same_day |= Q(training_month_day=229)
        matches |= same_day & Q(**{f"cycles_to_{year}": 0}, training_year__lt=year)
    return matches


def certified_auditors_expiring(
    today: date, first: date, last: date
) -> list[tuple[TrainingRecord, rules.AuditorCycle, Employee]]:
    """Internal auditors, employed at a company in the program, whose current status expires in
    [first, last]: the training it is anchored to and the cycle, from five queries in all."""
    trainings = TrainingRecord.objects.filter(ACCEPTED, course__code=CourseCode.SAFETY_AUDITOR).annotate(
        training_year=ExtractYear("completed_on"),
        training_month_day=ExtractMonth("completed_on") * 100 + ExtractDay("completed_on"),
        **{
            f"cycles_to_{year}": Mod(Value(year) - ExtractYear("completed_on"), Value(rules.AUDITOR_STATUS_YEARS))
            for year in range(first.year, last.year + 1)
        },
    )
    people = list(
        Employee.objects.filter(
            _employed(today),
            company__status__in=Company.ACTIVE_STATUSES,  # the sweep's: the day's de-rolls are recorded first
            pk__in=Subquery(trainings.filter(_anniversaries_between(first, last)).values("employee_id")),
        ).select_related("company")
    )
    histories = people_training(people)
    found = []
    for person in people:
        current = histories[person.pk].auditor_cycle()
        if current is not None and first <= current[1].expires_on <= last:
            found.append((*current, person))
    return found


# --- for staff: the deadlines of the coming days, kept with the training summaries -------------------------

KINDS = dict(TrainingDeadline.Kind.choices)
WINDOWS_DAYS = (30, 60, 90)  # staff look this far ahead (the dashboard and the deadlines list)


def _kept(today: date) -> QuerySet[TrainingDeadline]:
    """The kept deadlines, after computing the summaries (and their deadlines) that are missing or expired.
    Only companies in the program have rows: a status change forgets its company's summary and deadlines
    (the records-changed hook), and an inactive company's summary keeps none; a company de-rolled by a lapse
    the nightly job has not recorded yet is left out as it will be (MIL-3)."""
    summaries_refresh_all(today=today)
    return TrainingDeadline.objects.filter(status_in(Company.ACTIVE_STATUSES, today=today, company="company__"))


def upcoming(*, today: date, days: int) -> QuerySet[TrainingDeadline]:
    """Every deadline from today through `days` days ahead, soonest first; a maintenance audit by the date it
    should reach SCSA, while not yet sent (TRN-6)."""
    found = _kept(today).filter(due_on__range=(today, today + timedelta(days=days)))
    return found.select_related("employee", "company").order_by("due_on", "company_id", "employee_id", "pk")


def upcoming_by_company(
    *, today: date, windows: tuple[int, ...], company_ids: Collection[int] | None = None
) -> dict[tuple[str, int], dict[int, int]]:
    """For each kind and window of days, how many deadlines of that kind each company has within it (of every
    company, or of `company_ids`): one query. The dashboard keeps them company by company (secor.kept_by_company)."""
    rows = _kept(today).filter(due_on__range=(today, today + timedelta(days=max(windows))))  # the (kind, due_on) index
    if company_ids is not None:
        rows = rows.filter(company_id__in=company_ids)
    per_company = (
        rows.order_by()
        .values("company_id")
        .annotate(
            **{
                f"{kind}|{days}": Count("pk", filter=Q(kind=kind, due_on__range=(today, today + timedelta(days=days))))
                for kind in KINDS
                for days in windows
            }
        )
    )
    counts: dict[tuple[str, int], dict[int, int]] = {}
    for row in per_company:
        company_id = row.pop("company_id")
        for key, count in row.items():
            if count:  # a company without any counts none: only those with some are kept
                kind, days = key.split("|")
                counts.setdefault((kind, int(days)), {})[company_id] = count
    return counts


def maintenance_overdue(*, today: date) -> QuerySet[TrainingDeadline]:
    """TRN-6: internal auditors whose maintenance audit has not reached SCSA though its date has passed
    (their status is still valid: it expires within the 4 months)."""
    return (
        _kept(today)
        .filter(kind=TrainingDeadline.Kind.MAINTENANCE_AUDIT, due_on__lt=today, status_expires_on__gte=today)
        .select_related("employee", "company")
        .order_by("due_on", "company_id", "employee_id", "pk")
    )
