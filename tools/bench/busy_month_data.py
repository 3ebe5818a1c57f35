"""The work a busy month leaves waiting for SCSA, for `make bench` (issue 23): the queues full, as on a working day
(5,000 course records to verify, 2,000 applications to decide, 5,000 manuals and 2,000 maintenance packages to
review), and one company with a long history (tools/bench/long_history_data.py). Loaded once, added to a bench
database the earlier loaders filled; each queue is topped up to its size, so the province stays coherent: the
applications are the applied companies', the manuals registered companies' that had none sent (or had theirs
returned: they send the correction), the packages those of anniversaries passed or coming with none sent."""

import random
from datetime import timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from audits.models import Anniversary, MaintenancePackage, ManualSubmission
from audits.tool.selectors import audit_tool_on, sections_of
from companies import rules as company_rules
from companies.models import Application, AuditorAssignment, Company, Employee, Membership
from companies.rules import EmploymentType
from secor import hooks
from secor.core.models import ProgramSettings, User
from secor.documents.models import Document
from secor.reviews.models import Review
from tools.bench import long_history_data
from tools.bench.data import BATCH, BENCH_TODAY, _days_ago, uploaded_pdf
from tools.bench.reviewed import Sent, first_versions, manuals_make, packages_make, sent_at
from training.models import Course, ProficiencySubmission, TrainingRecord
from training.rules import CourseCode

RECORDS_WAITING = 5_000
APPLICATIONS_PENDING = 2_000
MANUALS_WAITING = 5_000
PACKAGES_WAITING = 2_000
# What a busy month leaves: sent over the last 8 weeks, so some have waited past the 4-week warning and the
# 6-week review target (MAN-2), as the dashboard's overdue counts and the queues' filters show them.
WAITED_DAYS = (0, 56)


@transaction.atomic
def load(stdout) -> None:
    rng = random.Random(2034)
    now = timezone.now()
    owners = dict(Membership.objects.filter(is_owner=True).values_list("company_id", "user_id"))
    auditors = list(
        User.objects.filter(role=User.Role.AUDITOR, email__startswith="reviewer").values_list("pk", flat=True)
    )
    submissions_sent(owners)
    history = long_history_data.load(stdout)  # first: the company whose life it rewrites takes no queue's item
    registered = set(
        Company.objects.filter(status=Company.Status.REGISTERED, left_program_on__isnull=True)
        .exclude(pk=history.pk)
        .values_list("pk", flat=True)
    )
    _records_waiting(rng, registered, owners, stdout)
    _applications_pending(rng, owners, stdout)
    _manuals_waiting(rng, registered, owners, auditors, now, stdout)
    _packages_waiting(rng, registered, owners, auditors, now, stdout)
    # What each part changed: the kept summaries and figures are computed again. Thousands of companies each, too
    # many to name, as a bulk import says them: named, each would have its chart PDF rendered at the commit (by a
    # worker in production, in this process here, for an hour).
    for topic in (hooks.Topic.TRAINING, hooks.Topic.COMPANY_STATUS, hooks.Topic.AUDITS):
        hooks.changed(topic)
    hooks.changed(hooks.Topic.MILESTONES, company_ids=[history.pk])
    hooks.changed(hooks.Topic.NOTICES, company_ids=[history.pk])


def submissions_sent(owners: dict) -> int:
    """The proficiency submissions the first loader made without a version: each gets the version sending makes,
    with its file (a company's training chart links each submission's file)."""
    unsent = list(
        Review.objects.filter(latest_version__isnull=True, kind__in=ProficiencySubmission.Kind.values).order_by("pk")
    )
    documents = Document.objects.bulk_create(
        [
            uploaded_pdf(
                company_id=review.company_id,
                kind=review.kind.replace("_", "-"),
                name=f"{review.kind}-{review.pk}",
                file=f"{review.kind}-{review.pk}",
                size=300_000,
            )
            for review in unsent
        ],
        batch_size=BATCH,
    )
    first_versions(unsent, documents, owners=owners)
    return len(unsent)


def _records_waiting(rng: random.Random, registered: set[int], owners: dict, stdout) -> None:
    """Course records entered in the last 8 weeks with their certificate, waiting for staff to verify them: SCOT
    for full-time people mostly, a management or LSE course for the first people of a company."""
    count = RECORDS_WAITING - TrainingRecord.objects.filter(review__state=Review.State.SUBMITTED).count()
    if count <= 0:
        return
    stdout.write(f"Course records waiting for verification ({count:,})…")
    courses = {course.code: course for course in Course.objects.all()}
    people = list(
        Employee.objects.filter(company_id__in=registered)
        .order_by("pk")
        .values_list("pk", "company_id", "employment_type")
    )
    chosen = rng.sample(people, count)
    plans = []
    for n, (employee_id, company_id, kind) in enumerate(chosen):
        code = (
            CourseCode.SCOT
            if kind == EmploymentType.FULL_TIME
            else rng.choice([CourseCode.SAFETY_MANAGEMENT, CourseCode.LSE])
        )
        sent_on = _days_ago(rng, *WAITED_DAYS)
        plans.append(
            (employee_id, company_id, courses[code], sent_on - timedelta(days=rng.randint(1, 20)), f"W-{n}", sent_on)
        )
    reviews = Review.objects.bulk_create(
        [
            Review(company_id=company_id, kind=TrainingRecord.REVIEW_KIND, first_submitted_on=sent_on)
            for _, company_id, _, _, _, sent_on in plans
        ],
        batch_size=BATCH,
    )
    documents = Document.objects.bulk_create(
        [
            uploaded_pdf(
                company_id=company_id,
                kind="certificate",
                name=f"{course.code}-{number}",
                file=f"certificate-{number}",
                size=250_000,
            )
            for _, company_id, course, _, number, _ in plans
        ],
        batch_size=BATCH,
    )
    first_versions(
        reviews,
        documents,
        owners=owners,
        data=[
            {"completed_on": completed_on.isoformat(), "certificate_number": number}
            for _, _, _, completed_on, number, _ in plans
        ],
    )
    TrainingRecord.objects.bulk_create(
        [
            TrainingRecord(
                company_id=company_id,
                employee_id=employee_id,
                course=course,
                completed_on=completed_on,
                certificate_number=number,
                review=review,
            )
            for review, (employee_id, company_id, course, completed_on, number, _) in zip(reviews, plans, strict=True)
        ],
        batch_size=BATCH,
    )


def _applications_pending(rng: random.Random, owners: dict, stdout) -> None:
    """Applications waiting for SCSA's decision: the applied companies', each as applying leaves it (with no
    registration date until staff accept it), sent over the last 8 weeks."""
    pending = Application.objects.filter(company=OuterRef("pk"), decision=Application.Decision.PENDING)
    applied = list(Company.objects.filter(status=Company.Status.APPLIED).exclude(Exists(pending)).order_by("pk"))
    count = APPLICATIONS_PENDING - Application.objects.filter(decision=Application.Decision.PENDING).count()
    chosen = rng.sample(applied, min(max(count, 0), len(applied)))
    if not chosen:
        return
    stdout.write(f"Applications pending ({len(chosen):,})…")
    settings = ProgramSettings.current()
    applications = []
    for company in chosen:
        office, field = 1, rng.randint(0, 8)
        at = sent_at(_days_ago(rng, *WAITED_DAYS))
        applications.append(
            Application(
                company=company,
                submitted_by_id=owners[company.pk],
                submitted_at=at,
                workers={key: 0 for key in company_rules.DECLARED_WORKER_KEYS}
                | {"owners_office": office, "full_time_field": field},
                registration_fee=settings.registration_fee(is_scsa_member=company.is_scsa_member),
                agreement_signed_name=f"Owner of {company.legal_name}",
                agreement_signed_at=at,
            )
        )
        company.registration_date = None
    Application.objects.bulk_create(applications, batch_size=BATCH)
    Company.objects.bulk_update(chosen, ["registration_date"], batch_size=BATCH)


def _manuals_waiting(rng: random.Random, registered: set[int], owners: dict, auditors: list[int], now, stdout) -> None:
    """Manuals sent in the last 8 weeks, each given to a program auditor (who is assigned the company): first
    from registered companies with none sent, past their first month; then from those whose manual was returned
    (their correction starts a new review here: the returned one stays as it was decided)."""
    count = MANUALS_WAITING - ManualSubmission.objects.filter(review__state=Review.State.SUBMITTED).count()
    if count <= 0:
        return
    sent_any = set(ManualSubmission.objects.values_list("company_id", flat=True))
    returned = set(
        ManualSubmission.objects.filter(review__state=Review.State.RETURNED).values_list("company_id", flat=True)
    ) - set(ManualSubmission.objects.filter(review__state=Review.State.SUBMITTED).values_list("company_id", flat=True))
    old_enough = set(
        Company.objects.filter(pk__in=registered, registration_date__lt=BENCH_TODAY - timedelta(days=30)).values_list(
            "pk", flat=True
        )
    )
    candidates = sorted(old_enough - sent_any) + sorted(returned & registered)
    chosen = candidates[:count] if len(candidates) <= count else rng.sample(candidates, count)
    stdout.write(f"Manuals waiting for review ({len(chosen):,})…")
    tool = audit_tool_on(BENCH_TODAY)
    sent = [Sent(pk, Review.State.SUBMITTED, _days_ago(rng, *WAITED_DAYS), rng.choice(auditors)) for pk in chosen]
    for start in range(0, len(sent), BATCH):
        manuals_make(sent[start : start + BATCH], tool=tool, sections=sections_of(tool), owners=owners, now=now)
    AuditorAssignment.objects.bulk_create(
        [AuditorAssignment(company_id=item.company_id, auditor_id=item.reviewer_id) for item in sent],
        batch_size=BATCH,
        ignore_conflicts=True,
    )


def _packages_waiting(rng: random.Random, registered: set[int], owners: dict, auditors: list[int], now, stdout) -> None:
    """Maintenance packages sent for anniversaries from 60 days ago to 90 days ahead that had none, each sent
    before its anniversary (or, for one passed, late) and given to a program auditor."""
    count = PACKAGES_WAITING - MaintenancePackage.objects.filter(review__state=Review.State.SUBMITTED).count()
    if count <= 0:
        return
    open_anniversaries = list(
        Anniversary.objects.filter(
            company_id__in=registered,
            package__isnull=True,
            owed_by__isnull=False,
            on__range=(BENCH_TODAY - timedelta(days=60), BENCH_TODAY + timedelta(days=90)),
        ).order_by("pk")
    )
    first_person = dict(Employee.objects.order_by("company_id", "-pk").values_list("company_id", "pk"))
    candidates = [anniversary for anniversary in open_anniversaries if anniversary.company_id in first_person]
    chosen = rng.sample(candidates, min(count, len(candidates)))
    stdout.write(f"Maintenance packages waiting for review ({len(chosen):,})…")
    packages = []
    for anniversary in chosen:
        sent_on = min(anniversary.on - timedelta(days=rng.randint(-20, 60)), BENCH_TODAY)
        sent_on = max(sent_on, BENCH_TODAY - timedelta(days=WAITED_DAYS[1]))
        packages.append(
            (anniversary, Sent(anniversary.company_id, Review.State.SUBMITTED, sent_on, rng.choice(auditors)))
        )
    for start in range(0, len(packages), BATCH):
        chunk = packages[start : start + BATCH]
        packages_make(chunk, internal_auditors=first_person, owners=owners, now=now)
    AuditorAssignment.objects.bulk_create(
        [AuditorAssignment(company_id=item.company_id, auditor_id=item.reviewer_id) for _, item in packages],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
