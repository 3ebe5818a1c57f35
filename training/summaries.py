"""The companies' training summaries (TRN-9) for lists: exact, fast, never stale.

A summary is deleted whenever something its chart reads changes, in the same transaction (the writes say so
through secor.hooks, where training's app registers the two listeners below), computed again once that
transaction commits, and is valid on a day only between the day it was computed and its `holds_until`. Reads
compute the missing and expired ones first, a few hundred charts per batch of queries; the daily refresh keeps
that work off the pages.
"""

from datetime import date

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone

from companies.models import Company
from secor.hooks import Change
from secor.request_memo import once_per_request
from training.chart import Chart
from training.models import TrainedEmployee, TrainingDeadline, TrainingSummariesState, TrainingSummary
from training.person import PersonTraining
from training.rules import CourseCode
from training.selectors import charts_of

BATCH = 300
STATE = 1  # the primary key of the one TrainingSummariesState row
DeadlineKind = TrainingDeadline.Kind


def _valid_on(today: date) -> Q:
    return Q(computed_on__lte=today) & (Q(holds_until__isnull=True) | Q(holds_until__gte=today))


def companies_sharing_people(change: Change) -> QuerySet:
    """The ids of the companies with a trained employee of an email the change names or its companies designated:
    their charts change with it (TRN-2 gives a person to the company that designated them first)."""
    emails = set(change.emails)
    designees = TrainedEmployee.objects.annotate(email=Lower("employee__email"))
    if change.company_ids:
        emails |= set(designees.filter(company_id__in=change.company_ids).values_list("email", flat=True))
    return designees.filter(email__in=emails - {""}).values_list("company_id", flat=True)


def summaries_invalidate(change: Change) -> None:
    """Forget the summaries this change may alter: the companies', and those of every company sharing a trained
    employee with them; and once the change commits, compute them again, so that the pages that follow a write
    (nearly every page of a working day) find them current instead of each computing them."""
    company_ids = set(change.company_ids) | set(companies_sharing_people(change))
    TrainingSummary.objects.filter(company_id__in=company_ids).delete()
    TrainingDeadline.objects.filter(company_id__in=company_ids).delete()  # kept with the summary, computed with it
    today = timezone.localdate()
    generation, was_current = _summaries_changed(today)
    if 0 < len(company_ids) <= BATCH:  # more (an import) are left to the reads and the daily refresh
        current = generation if was_current else None
        transaction.on_commit(lambda: _refresh_after_commit(company_ids, today, current), robust=True)


def _refresh_after_commit(company_ids: set[int], today: date, generation: int | None) -> None:
    """The forgotten summaries computed from the committed change (a read in between computes them itself; either
    writes the same). When every summary was current before the change (`generation` is the one it moved to)
    and no change came since, the day is all current again: the next read need not search every company."""
    summaries_refresh(Company.objects.filter(pk__in=company_ids), today=today)
    if generation is not None:
        TrainingSummariesState.objects.filter(pk=STATE, generation=generation).update(all_current_on=today)


def summaries_invalidate_all(change: Change) -> None:
    """After a change to the program settings or the course catalogue, which every chart reads (a worker then
    computes them all again: training's app hands it the work once the change commits)."""
    TrainingSummary.objects.all().delete()
    TrainingDeadline.objects.all().delete()
    _summaries_changed(timezone.localdate())


def _summaries_changed(today: date) -> tuple[int | None, bool]:
    """Some summaries were forgotten: no day is 'all current' until a whole refresh finds them so again. The
    generation this moved to, and whether `today` was all current before."""
    with transaction.atomic():  # locked from the read to the writer's commit, as the update alone was
        state = TrainingSummariesState.objects.select_for_update().filter(pk=STATE).first()
        if state is None:
            return None, False
        was_current = state.all_current_on == today
        state.generation += 1
        state.all_current_on = None
        state.save(update_fields=["generation", "all_current_on"])
    return state.generation, was_current


def summaries_refresh_all(*, today: date) -> int:
    """Every company's summary current on `today` (once per request); the search for stale ones is skipped
    on a day a whole refresh already found them all current, and no invalidation came since (one query)."""
    return once_per_request(f"training-summaries-current-{today}", lambda: _refresh_all(today))


def _refresh_all(today: date) -> int:
    state, _ = TrainingSummariesState.objects.get_or_create(pk=STATE)
    if state.all_current_on == today:
        return 0
    refreshed = summaries_refresh(Company.objects.all(), today=today)
    # Only if nothing was forgotten meanwhile: the UPDATE waits for a concurrent invalidation to commit and
    # then finds the generation moved.
    TrainingSummariesState.objects.filter(pk=STATE, generation=state.generation).update(all_current_on=today)
    return refreshed


def summaries_refresh(companies: QuerySet, *, today: date) -> int:
    """Compute the summaries of these companies that are missing or expired on `today`. Returns how many."""
    stale = companies.exclude(Exists(TrainingSummary.objects.filter(_valid_on(today), company=OuterRef("pk"))))
    refreshed = 0
    while batch := list(stale.order_by("pk")[:BATCH]):
        _summaries_store(batch, today)
        refreshed += len(batch)
        if len(batch) < BATCH:  # the last of them: searching again (every company, ~30 ms) would find none
            break
    return refreshed


def _summaries_store(companies: list[Company], today: date) -> list[TrainingSummary]:
    """Compute and keep the summaries (and the people's deadlines) of these companies; returns the summaries."""
    charts = charts_of(companies, today)
    summaries = [
        TrainingSummary(
            company_id=pk,
            complete=chart.summary.complete,
            courses_held=chart.held(CourseCode.FROM_COURSES),
            proficiencies_held=chart.held(CourseCode.FROM_SUBMISSION),
            unmet=chart.summary.unmet,
            computed_on=today,
            holds_until=chart.summary.holds_until,
        )
        for pk, chart in charts.items()
    ]
    # A kept value written, not a change to the data: nothing to say through secor.hooks. One transaction for
    # the three writes (a page that refreshes a summary paid a round trip for each one's own).
    with transaction.atomic():
        TrainingSummary.objects.bulk_create(
            summaries,
            update_conflicts=True,
            unique_fields=["company"],
            update_fields=["complete", "courses_held", "proficiencies_held", "unmet", "computed_on", "holds_until"],
        )
        TrainingDeadline.objects.filter(company_id__in=charts).delete()
        TrainingDeadline.objects.bulk_create(row for chart in charts.values() for row in _deadlines_of(chart, today))
    return summaries


def summaries_for(companies, *, today: date) -> dict[int, TrainingSummary]:
    """The current summary of each company (a page of a list): those kept, and the missing or stale ones
    computed now. What is computed is used as computed, not read back: another request's write may forget
    it in between (summaries_invalidate, through secor.hooks), and the page must still have it."""
    companies = list(companies)
    current = TrainingSummary.objects.filter(_valid_on(today), company_id__in=[company.pk for company in companies])
    summaries = {summary.company_id: summary for summary in current}
    if missing := [company for company in companies if company.pk not in summaries]:
        summaries |= {summary.company_id: summary for summary in _summaries_store(missing, today)}
    return summaries


def training_complete() -> Exists:
    """TRN-9 as a filter on companies, by their kept summaries (refresh them first: summaries_refresh_all)."""
    return Exists(TrainingSummary.objects.filter(company=OuterRef("pk"), complete=True))


def companies_with_training(companies: QuerySet, *, complete: bool, today: date) -> QuerySet:
    """TRN-9: the companies whose training is complete (or not), for the company list's filter."""
    summaries_refresh_all(today=today)
    return companies.filter(training_complete()) if complete else companies.exclude(training_complete())


def _deadlines_of(chart: Chart, today: date) -> list[TrainingDeadline]:
    """The chart's people's next deadlines, kept for staff lists: what the sweep's finders look for, for
    people still employed at a company in the program (TRN-5, TRN-6, TRN-7)."""
    if chart.company.status not in Company.ACTIVE_STATUSES:
        return []
    return [
        TrainingDeadline(
            company_id=chart.company.pk, employee=person.employee, kind=kind, due_on=due_on, status_expires_on=expires
        )
        for person in chart.people.values()
        if person.employee.end_date is None or person.employee.end_date >= today
        for kind, due_on, expires in _person_deadlines(person)
    ]


def _person_deadlines(person: PersonTraining):
    """(kind, date, status expiry) of a person's open proficiencies and internal auditor status."""
    for kind, training, proficiency in (
        (DeadlineKind.SELF_AUDIT, person.auditor_training()[0], CourseCode.INTERNAL_AUDITOR_CERTIFICATE),
        (DeadlineKind.LSE_PROFICIENCY, person.latest(CourseCode.LSE), CourseCode.LSE_PROFICIENCY),
    ):
        if training is not None and person.first_after(proficiency, training.completed_on) is None:
            yield kind, person.deadline(training), None
    if current := person.auditor_cycle():
        cycle = current[1]
        if not cycle.audit_sent:
            yield DeadlineKind.MAINTENANCE_AUDIT, cycle.audit_due, cycle.expires_on
        yield DeadlineKind.AUDITOR_EXPIRY, cycle.expires_on, None
