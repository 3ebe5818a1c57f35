"""Reads of training data. Callers pass a company already fetched through companies.access."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Lower
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from companies.access import scoped
from companies.models import Company, Employee
from secor.core.models import ProgramSettings
from secor.dates import Reckoning
from secor.request_memo import shared
from secor.reviews.models import Review
from secor.reviews.selectors import last_return_comments, versions_prefetch
from training import rules
from training.chart import Chart, Claim, build_chart
from training.models import Course, ProficiencySubmission, TrainedEmployee, TrainingRecord, TrainingSummary
from training.person import PersonTraining
from training.rules import CourseCode


def courses() -> list[Course]:
    return shared(Course.CATALOGUE_KEY, lambda: list(Course.objects.all()))


def chart_courses() -> QuerySet[Course]:
    return Course.objects.filter(code__in=CourseCode.DESIGNATED)


def courses_counting_as(code: str) -> QuerySet[Course]:
    """The course and the equivalents accepted in its place (TRN-4 always, TRN-8 as SCSA decides)."""
    equivalents = [course for course in Course.objects.filter(counts_as__code=code)]
    accepted = [
        course.pk
        for course in equivalents
        if rules.equivalent_accepted(counts_as=code, accepted_by_staff=course.equivalence_accepted)
    ]
    return Course.objects.filter(Q(code=code) | Q(pk__in=accepted))


def recordable_courses() -> QuerySet[Course]:
    """Courses an employer records from a certificate (the others come from accepted submissions)."""
    return Course.objects.exclude(code__in=CourseCode.FROM_SUBMISSION)


def trained_employee_claims(*, emails, today: date) -> dict[str, list[Claim]]:
    """TRN-2: for each email, the trained-employee places it holds today.

    A place counts while the person is employed there and the company is in the program.
    """
    claims = defaultdict(list)
    rows = (
        TrainedEmployee.objects.annotate(email=Lower("employee__email"))
        .filter(email__in={email.lower() for email in emails if email}, company__status__in=Company.ACTIVE_STATUSES)
        .exclude(employee__end_date__lt=today)
        .values_list("email", "company_id", "designated_at", "employee__end_date")
    )
    for email, company_id, designated_at, ends_on in rows:
        claims[email].append(Claim(company_id, designated_at, ends_on))
    return claims


def charts_of(companies: list[Company], today: date) -> dict[int, Chart]:
    """Charts of several companies in six queries, whatever their number and size."""
    ids = [company.pk for company in companies]
    catalogue = courses()
    grouped = {name: defaultdict(list) for name in ("employees", "records", "submissions", "designations")}
    for employee in Employee.objects.filter(company_id__in=ids).order_by("last_name", "first_name"):
        grouped["employees"][employee.company_id].append(employee)
    by_pk = {course.pk: course for course in catalogue}
    for record in TrainingRecord.objects.filter(company_id__in=ids).select_related("review"):
        record.course = by_pk[record.course_id]  # from the kept catalogue: a record's course is read one by one
        grouped["records"][record.company_id].append(record)
    for submission in ProficiencySubmission.objects.filter(company_id__in=ids).select_related("review"):
        grouped["submissions"][submission.company_id].append(submission)
    for designation in TrainedEmployee.objects.filter(company_id__in=ids).select_related("employee"):
        grouped["designations"][designation.company_id].append(designation)
    owners_qualify = ProgramSettings.current().owners_may_be_trained_employees
    claims = trained_employee_claims(
        emails=[d.employee.email for rows in grouped["designations"].values() for d in rows], today=today
    )
    return {
        company.pk: build_chart(
            company=company,
            today=today,
            courses=catalogue,
            claims=claims,
            owners_qualify=owners_qualify,
            **{name: rows[company.pk] for name, rows in grouped.items()},
        )
        for company in companies
    }


def person_training(*, employee: Employee) -> PersonTraining:
    """One person's training facts, for a service's check (TRN-6)."""
    return people_training([employee])[employee.pk]


def training_chart(*, company: Company, today: date) -> Chart:
    return charts_of([company], today)[company.pk]


def _with_latest_version(rows: QuerySet) -> QuerySet:
    """What a row shows of its review: the latest version, who sent it and its document, and what the last return
    said. The earlier versions are the review's history page (reviewed_get_for_company), so a list's queries and
    time do not grow with them."""
    return rows.select_related("review__latest_version__document", "review__latest_version__submitted_by").annotate(
        last_return_comments=last_return_comments()
    )


def records_for_company(*, company: Company) -> QuerySet[TrainingRecord]:
    return _with_latest_version(company.training_records.select_related("employee", "course"))


def submissions_for_company(*, company: Company) -> QuerySet[ProficiencySubmission]:
    return _with_latest_version(company.proficiency_submissions.select_related("employee"))


def reviewed_get_for_company(*, company: Company, review_pk: int) -> TrainingRecord | ProficiencySubmission:
    """The company's course record or proficiency submission under the review `review_pk`, with every version of
    it newest first; another company's review, or one of another kind, answers 404 like a missing one."""
    for rows in (records_for_company(company=company), submissions_for_company(company=company)):
        if reviewed := rows.filter(review_id=review_pk).prefetch_related(versions_prefetch()).first():
            return reviewed
    raise Http404


def designations_replaced(
    *, company: Company, courses: list[Course], position: int, employee: Employee
) -> list[TrainedEmployee]:
    """The places another person holds that designating `employee` as #position for `courses` would take."""
    return list(
        company.trained_employees.filter(course__in=courses, position=position)
        .exclude(employee=employee)
        .select_related("employee", "course")
        .order_by("course__chart_order")
    )


def record_get_for_company(*, company: Company, pk: int) -> TrainingRecord:
    return get_object_or_404(records_for_company(company=company), pk=pk)


def submission_get_for_company(*, company: Company, pk: int) -> ProficiencySubmission:
    return get_object_or_404(submissions_for_company(company=company), pk=pk)


def _waiting_reviews(user, waiting_days: int | None = None):
    """Reviews waiting for a decision within the user's scope (for at least `waiting_days` since the latest
    version came), read from the index of the reviews waiting: joining every record to its review first costs
    ~70 ms at province scale."""
    reviews = scoped(Review.objects.filter(state=Review.State.SUBMITTED), user)
    if waiting_days is not None:
        reviews = reviews.filter(latest_submitted_at__lte=timezone.now() - timedelta(days=waiting_days))
    return reviews


SUBMISSION_REVIEW_KINDS = tuple(ProficiencySubmission.Kind.values)


@dataclass(frozen=True)
class Queue:
    """What waits in a queue: the rows with all the page shows, and their reviews' ids oldest first, which
    are counted and paged from the reviews' (state, kind) index (joining 8,000 rows to sort them is not)."""

    rows: QuerySet
    review_ids: QuerySet


def verification_queue(*, user, waiting_days: int | None = None) -> tuple[Queue, Queue]:
    """Records waiting for staff, and submissions waiting for staff or the company's assigned auditor."""
    reviews = _waiting_reviews(user, waiting_days).order_by("first_submitted_on", "pk")
    record_reviews = reviews.filter(kind=TrainingRecord.REVIEW_KIND) if user.is_program_staff else reviews.none()
    submission_reviews = reviews.filter(kind__in=SUBMISSION_REVIEW_KINDS)
    return (
        Queue(
            _with_latest_version(TrainingRecord.objects.select_related("company", "employee", "course")),
            record_reviews.values_list("pk", flat=True),
        ),
        Queue(
            _with_latest_version(ProficiencySubmission.objects.select_related("company", "employee")),
            submission_reviews.values_list("pk", flat=True),
        ),
    )


def _queue_kinds(user) -> tuple[str, ...]:
    return (*SUBMISSION_REVIEW_KINDS, *((TrainingRecord.REVIEW_KIND,) if user.is_program_staff else ()))


def waiting_for_review(*, user) -> QuerySet[Review]:
    """The reviews of the records and submissions waiting in the user's queue, to count (the navigation's:
    the (state, kind) index answers it)."""
    return _waiting_reviews(user).filter(kind__in=_queue_kinds(user))


def waiting_longer_than(*, user, days: tuple[int, ...]) -> dict[int, int]:
    """For each number of days, how many records and submissions in the user's queue have waited at least
    that long (the queue's `?waiting=` filter counts the same): one query."""
    now = timezone.now()
    counts = (
        _waiting_reviews(user)
        .filter(kind__in=_queue_kinds(user))
        .aggregate(
            **{f"over_{n}": Count("pk", filter=Q(latest_submitted_at__lte=now - timedelta(days=n))) for n in days}
        )
    )
    return {n: counts[f"over_{n}"] for n in days}


@dataclass(frozen=True)
class SubmissionDeadline:
    """What a reviewer needs beside a submission: the training it counts for, and the date that matters."""

    training_on: date | None
    due_on: date | None
    label: str


def submission_deadlines(submissions) -> dict[int, SubmissionDeadline]:
    """For a page of submissions: each one's training date and deadline (TRN-5, TRN-7), or for a
    maintenance audit its person's status expiry (TRN-6). Three queries whatever the page holds."""
    submissions = list(submissions)
    people = people_training([submission.employee for submission in submissions])
    deadlines = {}
    for submission in submissions:
        person = people[submission.employee_id]
        if submission.kind == ProficiencySubmission.Kind.MAINTENANCE_AUDIT:
            current = person.auditor_cycle()
            cycle = current and current[1]
            deadlines[submission.pk] = SubmissionDeadline(
                current and current[0].completed_on, cycle and cycle.expires_on, "status expires"
            )
            continue
        training = person.training_for(submission.kind)
        deadlines[submission.pk] = SubmissionDeadline(
            training and training.completed_on, training and person.deadline(training), "to be accepted by"
        )
    return deadlines


# The 8-month window a training record opens once verified (TRN-5, TRN-7).
WINDOW_OF_TRAINING = {CourseCode.SAFETY_AUDITOR: rules.SELF_AUDIT_WINDOW, CourseCode.LSE: rules.LSE_WINDOW}


def record_deadlines(records) -> dict[int, Reckoning]:
    """For a page of course records waiting for verification: the 8-month deadline each one starts (TRN-5,
    TRN-7), counted from the date recorded, so the verifier sees how little time verifying may take. A Safety
    Auditor Training retaken while the person's status is valid starts none (DOMAIN section 8). Three queries
    whatever the page holds, and none for a page without such a record."""
    records = [record for record in records if record.course.code in WINDOW_OF_TRAINING]
    people = people_training([record.employee for record in records]) if records else {}
    deadlines = {}
    for record in records:
        if record.course.code == CourseCode.SAFETY_AUDITOR:
            current = people[record.employee_id].auditor_cycle()
            if current is not None and record.completed_on <= current[1].expires_on:
                continue
        window = WINDOW_OF_TRAINING[record.course.code]
        deadlines[record.pk] = rules.proficiency_reckoning(record.completed_on, window=window, pending=True)
    return deadlines


def people_training(employees) -> dict[int, PersonTraining]:
    """The training facts of these people, from three queries whatever their number."""
    ids = {employee.pk for employee in employees}
    records, submissions = defaultdict(list), defaultdict(list)
    for record in TrainingRecord.objects.filter(employee_id__in=ids).select_related("review"):
        records[record.employee_id].append(record)
    for submission in ProficiencySubmission.objects.filter(employee_id__in=ids).select_related("review"):
        submissions[submission.employee_id].append(submission)
    catalogue = {course.pk: course for course in courses()}
    return {
        employee.pk: PersonTraining(employee, records[employee.pk], submissions[employee.pk], catalogue)
        for employee in employees
    }


def submissions_in_review() -> QuerySet[Review]:
    """Every proficiency submission sent and waiting for its review, whoever reviews it."""
    return Review.objects.filter(state=Review.State.SUBMITTED, kind__in=SUBMISSION_REVIEW_KINDS)


def unmet_requirements() -> QuerySet:
    """The program report: for each registered company whose training is incomplete (TRN-9, by the kept summaries
    the nightly job refreshes), (its unmet requirements, its registration date)."""
    return TrainingSummary.objects.filter(
        complete=False, company__status=Company.Status.REGISTERED, company__registration_date__isnull=False
    ).values_list("unmet", "company__registration_date")
