"""The roadmap stage of every company, as SQL, for the lists and the dashboard (MIL-4): the first step of the
roadmap a registered company has not done."""

from datetime import date

from django.db import connection
from django.db.models import Case, Count, Exists, OuterRef, Q, QuerySet, Value, When

from audits.models import Audit, Certificate, ManualSubmission, certificate_ended
from companies.models import Company, status_in
from milestones import rules
from milestones.models import MilestoneLetter
from secor import hooks
from secor.compiled_sql import sql_built_once
from training.models import TrainingSummary
from training.summaries import summaries_refresh_all

Milestone = MilestoneLetter.Milestone


def _summary(**flags) -> Exists:
    return Exists(TrainingSummary.objects.filter(company=OuterRef("pk"), **flags))


def _steps_done(today: date) -> list[tuple[str, Exists]]:
    """MIL-4's steps in order, each with the condition that it is done (the training ones by the kept
    summaries), and then a certificate valid today (RCT-1: an expired one asks for the re-certification); a
    registered company's stage is the first not done. Each joins a company registered today: for it the recorded
    leaving of the program is its leaving today (CERT-2)."""
    baseline = Audit.objects.filter(company=OuterRef("pk"), purpose=Audit.Purpose.BASELINE)
    return [
        (rules.COURSES, _summary(courses_held=True)),
        (rules.PROFICIENCIES, _summary(proficiencies_held=True)),
        (rules.MANUAL, Exists(ManualSubmission.objects.filter(company=OuterRef("pk")))),
        (
            rules.MILESTONE_2,
            Exists(
                MilestoneLetter.objects.filter(
                    company=OuterRef("pk"), milestone=Milestone.SECOND, earlier_registration=False
                )
            ),
        ),
        (rules.BOOK_AUDIT, Exists(baseline.exclude(state=Audit.State.CANCELLED))),
        (rules.AUDIT, Exists(baseline.filter(achieved=True))),
        (
            rules.RECERTIFY,
            Exists(
                Certificate.objects.filter(
                    company=OuterRef("pk"), superseded_by__isnull=True, expires_on__gte=today
                ).exclude(certificate_ended(today=None))
            ),
        ),
    ]


def _stage(today: date, registered: Q) -> Case:
    """The first step of the roadmap a registered company has not done ("" for a company not registered)."""
    return Case(
        When(~registered, then=Value("")),
        *(When(~done, then=Value(step)) for step, done in _steps_done(today)),
        default=Value(rules.CERTIFIED),  # every step done: the achieved audit issued the certificate
    )


def in_stage(stage: str, today: date) -> Q:
    """The registered companies at `stage`, as a plain condition: every earlier step done and this one not
    (PostgreSQL joins each condition once, where a CASE would probe them company by company)."""
    condition = status_in([Company.Status.REGISTERED], today=today)
    for step, done in _steps_done(today):
        if step == stage:
            return condition & ~done
        condition &= done
    return condition


def with_stage(companies: QuerySet, *, today: date) -> QuerySet:
    """Annotate `roadmap_stage` (MIL-4) on any set of companies, every summary made current first."""
    summaries_refresh_all(today=today)
    return companies.annotate(roadmap_stage=_stage(today, status_in([Company.Status.REGISTERED], today=today)))


def companies_in_stage(companies: QuerySet, *, stage: str, today: date) -> QuerySet:
    """The company list's stage filter, every summary made current first."""
    summaries_refresh_all(today=today)
    return companies.filter(in_stage(stage, today))


def stages_of(companies: list[Company], *, today: date) -> dict[int, str]:
    """The stage of each company of a page of a list, in one query: call it once the page's summaries are
    current (training.summaries.summaries_for)."""
    ids = [company.pk for company in companies]
    if not ids:
        return {}
    # The CASE of seven EXISTS is built once a day for each size of page (secor.compiled_sql), over the stored
    # status: a company de-rolled by a lapse not recorded yet (MIL-3) is at no stage, as it will be.
    with connection.cursor() as cursor:
        cursor.execute(*sql_built_once(_stages, today, ids))
        stages = dict(cursor.fetchall())
    due = hooks.derolls_due(today=today)
    return {pk: "" if pk in due else stage for pk, stage in stages.items()}


def _stages(today: date, ids: list[int]) -> QuerySet:
    stage = _stage(today, Q(status=Company.Status.REGISTERED))
    return Company.objects.filter(pk__in=ids).annotate(stage=stage).values_list("pk", "stage")


def stage_counts(companies: QuerySet, *, today: date) -> dict[str, int]:
    """How many of `companies` stand at each roadmap stage (MIL-4) on `today`, in one query."""
    return dict(with_stage(companies, today=today).values_list("roadmap_stage").annotate(count=Count("pk")).order_by())
