"""Writes to self-audits, maintenance audits and LSE proficiencies (TRN-5, TRN-6, TRN-7)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from companies.access import CompanyAccess
from companies.models import Company, Employee
from secor.core.models import User
from secor.dates import long_date
from secor.timeline.services import event_record
from secor.uploads import attach_upload
from training import events, rules
from training.models import Course, ProficiencySubmission, TrainingRecord
from training.rules import CourseCode
from training.selectors import person_training
from training.services.records import check_employee
from training.tasks import send_submission_reviewed

# --- proficiency submissions (TRN-5, TRN-6, TRN-7) --------------------------------------------------------

PREREQUISITE = {
    ProficiencySubmission.Kind.SELF_AUDIT: CourseCode.SAFETY_AUDITOR,
    ProficiencySubmission.Kind.LSE_PROFICIENCY: CourseCode.LSE,
    ProficiencySubmission.Kind.MAINTENANCE_AUDIT: CourseCode.INTERNAL_AUDITOR_CERTIFICATE,
}
# What SCSA records when it accepts a submission (the maintenance audit keeps the status, TRN-6).
GRANTS = {
    ProficiencySubmission.Kind.SELF_AUDIT: CourseCode.INTERNAL_AUDITOR_CERTIFICATE,
    ProficiencySubmission.Kind.LSE_PROFICIENCY: CourseCode.LSE_PROFICIENCY,
}


def _submission_problem(*, employee: Employee, kind: str, submitted_on: date, today: date) -> str | None:
    """Why this person's submission of this kind, sent on `submitted_on`, cannot count today (TRN-5, -6, -7)."""
    training = _latest_verified(employee, PREREQUISITE[kind])
    if training is None:
        course = Course.objects.get(code=PREREQUISITE[kind])
        return f"{employee} has no verified {course.name} at the moment; it comes first."
    if submitted_on < training.completed_on:
        return (
            f"This was submitted on {long_date(submitted_on)}, before the {training.course.name} of "
            f"{long_date(training.completed_on)} it would count for; submit a new one."
        )
    if kind == ProficiencySubmission.Kind.MAINTENANCE_AUDIT:
        # The audit counts if the status was valid when it reached SCSA, however long the review takes.
        standing, _ = person_training(employee=employee).standing(CourseCode.SAFETY_AUDITOR, submitted_on)
        if not standing.status.counts_as_held:
            return (
                f"{employee}'s internal auditor status is not valid ({standing.note or standing.status}); a personal "
                "maintenance audit keeps a valid status only (TRN-6)."
            )
        return None
    deadline = rules.proficiency_deadline(training.completed_on)
    if today > deadline:
        return (
            f"The 8-month deadline, {long_date(deadline)}, has passed: the {training.course.name} of "
            f"{long_date(training.completed_on)} has lapsed and must be repeated before a new submission counts."
        )
    return None


def _latest_verified(employee: Employee, code: str) -> TrainingRecord | None:
    return (
        TrainingRecord.objects.filter(employee=employee, course__code=code, status=TrainingRecord.Status.VERIFIED)
        .order_by("-completed_on")
        .first()
    )


@transaction.atomic
def submission_add(*, company: Company, actor: User, employee: Employee, kind: str, file) -> ProficiencySubmission:
    check_employee(company, employee)
    today = timezone.localdate()
    if problem := _submission_problem(employee=employee, kind=kind, submitted_on=today, today=today):
        raise ValidationError({"kind": problem})
    training = _latest_verified(employee, PREREQUISITE[kind])
    if ProficiencySubmission.objects.filter(
        employee=employee,
        kind=kind,
        status=ProficiencySubmission.Status.SUBMITTED,
        submitted_on__gte=training.completed_on,
    ).exists():
        raise ValidationError({"kind": "One is already under review for this person; wait for the review."})
    submission = ProficiencySubmission(
        company=company, employee=employee, kind=kind, submitted_on=timezone.localdate(), submitted_by=actor
    )
    attach_upload(submission, "file", file)
    submission.save()
    event_record(
        kind=events.TRAINING,
        company=company,
        subject=submission,
        actor=actor,
        summary=f"{submission.get_kind_display()} of {employee} submitted",
    )
    return submission


@transaction.atomic
def submission_resubmit(*, submission: ProficiencySubmission, actor: User, file) -> ProficiencySubmission:
    submission = ProficiencySubmission.objects.select_for_update().get(pk=submission.pk)
    if submission.status != ProficiencySubmission.Status.RETURNED:
        raise ValidationError("Only a submission returned for corrections can be resubmitted.")
    today = timezone.localdate()
    if problem := _submission_problem(
        employee=submission.employee, kind=submission.kind, submitted_on=today, today=today
    ):
        raise ValidationError(problem)
    attach_upload(submission, "file", file)
    submission.status = ProficiencySubmission.Status.SUBMITTED
    submission.submitted_on = timezone.localdate()
    submission.submitted_by = actor
    submission.save()
    event_record(
        kind=events.TRAINING,
        company=submission.company,
        subject=submission,
        actor=actor,
        summary=f"{submission.get_kind_display()} of {submission.employee} resubmitted",
    )
    return submission


def _check_reviewer(actor: User, submission: ProficiencySubmission) -> None:
    if not CompanyAccess(actor, submission.company).may_review(ProficiencySubmission.REVIEWERS):
        raise ValidationError("Only SCSA staff or the company's assigned program auditor review submissions.")


@transaction.atomic
def submission_accept(
    *, submission: ProficiencySubmission, actor: User, certificate_number: str = ""
) -> ProficiencySubmission:
    _check_reviewer(actor, submission)
    submission = ProficiencySubmission.objects.select_for_update().select_related("employee").get(pk=submission.pk)
    if submission.status != ProficiencySubmission.Status.SUBMITTED:
        raise ValidationError("This submission is not waiting for review.")
    today = timezone.localdate()
    if problem := _submission_problem(
        employee=submission.employee, kind=submission.kind, submitted_on=submission.submitted_on, today=today
    ):
        raise ValidationError(problem)
    granted = GRANTS.get(submission.kind)
    submission.status = ProficiencySubmission.Status.ACCEPTED
    submission.accepted_on = today
    submission.reviewed_by, submission.reviewed_at = actor, timezone.now()
    submission.save()
    if granted:
        TrainingRecord.objects.create(
            company=submission.company,
            employee=submission.employee,
            course=Course.objects.get(code=granted),
            completed_on=today,
            certificate_number=certificate_number.strip(),
            source_submission=submission,
            status=TrainingRecord.Status.VERIFIED,
            submitted_by=actor,
            reviewed_by=actor,
            reviewed_at=timezone.now(),
        )
    event_record(
        kind=events.TRAINING,
        company=submission.company,
        subject=submission,
        actor=actor,
        summary=f"{submission.get_kind_display()} of {submission.employee} accepted",
    )
    send_submission_reviewed.delay_on_commit(submission.pk)
    return submission


@transaction.atomic
def submission_return(*, submission: ProficiencySubmission, actor: User, comments: str) -> ProficiencySubmission:
    _check_reviewer(actor, submission)
    if not comments.strip():
        raise ValidationError({"comments": "Say what needs correcting, so the company can resubmit."})
    submission = ProficiencySubmission.objects.select_for_update().select_related("employee").get(pk=submission.pk)
    if submission.status != ProficiencySubmission.Status.SUBMITTED:
        raise ValidationError("This submission is not waiting for review.")
    submission.status = ProficiencySubmission.Status.RETURNED
    submission.reviewer_comments = comments.strip()
    submission.reviewed_by, submission.reviewed_at = actor, timezone.now()
    submission.save()
    event_record(
        kind=events.TRAINING,
        company=submission.company,
        subject=submission,
        actor=actor,
        summary=f"{submission.get_kind_display()} of {submission.employee} returned for corrections",
        detail=submission.reviewer_comments,
    )
    send_submission_reviewed.delay_on_commit(submission.pk)
    return submission
