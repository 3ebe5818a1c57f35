"""Writes to self-audits, maintenance audits and LSE proficiencies (TRN-5, TRN-6, TRN-7)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from companies.access import CompanyAccess
from companies.models import Company, Employee
from secor import hooks
from secor.core.models import User
from secor.dates import long_date
from secor.documents.services import document_upload
from secor.reviews.models import Review
from secor.reviews.services import review_accept, review_open, review_resubmit, review_return
from secor.rule_ids import RuleWords, refusal
from secor.timeline.services import event_record
from training import events, notices
from training.models import Course, ProficiencySubmission, TrainingRecord
from training.notices import review_notice_send
from training.rules import CourseCode
from training.selectors import person_training
from training.services.records import check_employee

# --- proficiency submissions (TRN-5, TRN-6, TRN-7) --------------------------------------------------------

PREREQUISITE = {
    ProficiencySubmission.Kind.SELF_AUDIT: CourseCode.SAFETY_AUDITOR,
    ProficiencySubmission.Kind.LSE_PROFICIENCY: CourseCode.LSE,
    ProficiencySubmission.Kind.MAINTENANCE_AUDIT: CourseCode.INTERNAL_AUDITOR_CERTIFICATE,
}
# A maintenance audit keeps a status already held; the others obtain something within 8 months of a training.
KINDS_KEEPING_STATUS = ProficiencySubmission.Kind.MAINTENANCE_AUDIT
# What SCSA records when it accepts a submission (the maintenance audit keeps the status, TRN-6).
GRANTS = {
    ProficiencySubmission.Kind.SELF_AUDIT: CourseCode.INTERNAL_AUDITOR_CERTIFICATE,
    ProficiencySubmission.Kind.LSE_PROFICIENCY: CourseCode.LSE_PROFICIENCY,
}


def _submission_problem(*, employee: Employee, kind: str, submitted_on: date, today: date) -> str | RuleWords | None:
    """Why this person's submission of this kind, first sent on `submitted_on`, cannot count on `today`
    (TRN-5, TRN-6, TRN-7). Checking an upload, `today` is the day it reaches SCSA; checking SCSA's acceptance,
    the day of the review: the deadline is for the acceptance (DOMAIN section 8)."""
    person = person_training(employee=employee)
    training = person.latest(PREREQUISITE[kind]) if kind == KINDS_KEEPING_STATUS else person.training_for(kind)
    if training is None:
        course = Course.objects.get(code=PREREQUISITE[kind])
        return f"{employee} has no verified {course.name} at the moment; it comes first."
    if submitted_on < training.completed_on:
        return (
            f"This was submitted on {long_date(submitted_on)}, before the {training.course.name} of "
            f"{long_date(training.completed_on)} it would count for; submit a new one."
        )
    if kind == KINDS_KEEPING_STATUS:
        # The audit counts if the status was valid when it first reached SCSA, however long the review takes.
        standing, _ = person.standing(CourseCode.SAFETY_AUDITOR, submitted_on)
        if not standing.status.counts_as_held:
            return RuleWords(
                f"{employee}'s internal auditor status is not valid ({standing.note or standing.status}); a personal "
                "maintenance audit keeps a valid status only.",
                "TRN-6",
            )
        return None
    if kind == ProficiencySubmission.Kind.SELF_AUDIT and person.first_after(
        CourseCode.INTERNAL_AUDITOR_CERTIFICATE, training.completed_on
    ):
        return RuleWords(
            f"{employee} is already an internal auditor: a personal maintenance audit keeps the status.", "TRN-6"
        )
    deadline = person.deadline(training)
    if today > deadline:
        return (
            f"The 8-month deadline, {long_date(deadline)}, has passed: the {training.course.name} of "
            f"{long_date(training.completed_on)} has lapsed and must be repeated, unless SCSA extends the deadline "
            "for a review it delayed."
        )
    return None


def _file(*, company: Company, actor: User, employee: Employee, kind: str, upload):
    return document_upload(
        company=company, kind=kind.replace("_", "-"), name=f"{kind}-{employee}", upload=upload, actor=actor
    )


@transaction.atomic
def submission_add(*, company: Company, actor: User, employee: Employee, kind: str, file) -> ProficiencySubmission:
    check_employee(company, employee)
    today = timezone.localdate()
    if problem := _submission_problem(employee=employee, kind=kind, submitted_on=today, today=today):
        raise ValidationError({"kind": refusal(problem)})
    person = person_training(employee=employee)
    training = person.latest(PREREQUISITE[kind]) if kind == KINDS_KEEPING_STATUS else person.training_for(kind)
    if ProficiencySubmission.objects.filter(
        employee=employee,
        kind=kind,
        review__state=Review.State.SUBMITTED,
        review__first_submitted_on__gte=training.completed_on,
    ).exists():
        raise ValidationError({"kind": "One is already under review for this person; wait for the review."})
    review = review_open(
        company=company,
        kind=kind,
        actor=actor,
        document=_file(company=company, actor=actor, employee=employee, kind=kind, upload=file),
    )
    submission = ProficiencySubmission.objects.create(company=company, employee=employee, kind=kind, review=review)
    event_record(
        kind=events.TRAINING,
        company=company,
        subject=submission,
        actor=actor,
        summary=f"{submission.get_kind_display()} of {employee} submitted",
    )
    hooks.changed(hooks.Topic.TRAINING, company_ids=[company.pk])
    return submission


def _locked(submission: ProficiencySubmission) -> ProficiencySubmission:
    return ProficiencySubmission.objects.select_for_update().select_related("employee", "review").get(pk=submission.pk)


@transaction.atomic
def submission_resubmit(*, submission: ProficiencySubmission, actor: User, file) -> ProficiencySubmission:
    """The corrected file, as a new version; the submission keeps its first submission date (DOMAIN §8)."""
    submission = _locked(submission)
    if submission.status != ProficiencySubmission.Status.RETURNED:
        raise ValidationError("Only a submission returned for corrections can be resubmitted.")
    # It keeps its first submission date (DOMAIN section 8): sent in time, it may be corrected after the date.
    if problem := _submission_problem(
        employee=submission.employee,
        kind=submission.kind,
        submitted_on=submission.submitted_on,
        today=submission.submitted_on,
    ):
        raise refusal(problem)
    document = _file(
        company=submission.company, actor=actor, employee=submission.employee, kind=submission.kind, upload=file
    )
    submission.review = review_resubmit(review=submission.review, actor=actor, document=document)
    event_record(
        kind=events.TRAINING,
        company=submission.company,
        subject=submission,
        actor=actor,
        summary=f"{submission.get_kind_display()} of {submission.employee} resubmitted",
    )
    hooks.changed(hooks.Topic.TRAINING, company_ids=[submission.company_id])
    return submission


def _locked_for_review(submission: ProficiencySubmission, actor: User) -> ProficiencySubmission:
    submission = _locked(submission)
    if not CompanyAccess(actor, submission.company).may_review(ProficiencySubmission.REVIEWERS):
        raise ValidationError("Only SCSA staff or the company's assigned program auditor review submissions.")
    if submission.status != ProficiencySubmission.Status.SUBMITTED:
        raise ValidationError("This submission is not waiting for review.")
    return submission


@transaction.atomic
def submission_accept(
    *, submission: ProficiencySubmission, actor: User, certificate_number: str = ""
) -> ProficiencySubmission:
    submission = _locked_for_review(submission, actor)
    today = timezone.localdate()
    if problem := _submission_problem(
        employee=submission.employee, kind=submission.kind, submitted_on=submission.submitted_on, today=today
    ):
        raise refusal(problem)
    submission.review = review_accept(review=submission.review, actor=actor)
    if granted := GRANTS.get(submission.kind):
        _record_granted(submission, actor, Course.objects.get(code=granted), certificate_number.strip(), today)
    event_record(
        kind=events.TRAINING,
        company=submission.company,
        subject=submission,
        actor=actor,
        summary=f"{submission.get_kind_display()} of {submission.employee} accepted",
    )
    review_notice_send(submission.review.latest_version, notices.SUBMISSION_REVIEWED)
    hooks.changed(hooks.Topic.TRAINING, company_ids=[submission.company_id])
    return submission


def _record_granted(submission, actor: User, course: Course, certificate_number: str, today: date) -> TrainingRecord:
    """The certificate SCSA grants on accepting the submission: recorded and verified by the reviewer."""
    review = review_open(
        company=submission.company,
        kind=TrainingRecord.REVIEW_KIND,
        actor=actor,
        data={"completed_on": today.isoformat(), "certificate_number": certificate_number, "submission": submission.pk},
    )
    review_accept(review=review, actor=actor, comments=f"Granted on accepting the {submission.get_kind_display()}.")
    return TrainingRecord.objects.create(
        company=submission.company,
        employee=submission.employee,
        course=course,
        completed_on=today,
        certificate_number=certificate_number,
        source_submission=submission,
        review=review,
    )


@transaction.atomic
def submission_return(*, submission: ProficiencySubmission, actor: User, comments: str) -> ProficiencySubmission:
    if not comments.strip():
        raise ValidationError({"comments": "Say what needs correcting, so the company can resubmit."})
    submission = _locked_for_review(submission, actor)
    submission.review = review_return(review=submission.review, actor=actor, comments=comments)
    event_record(
        kind=events.TRAINING,
        company=submission.company,
        subject=submission,
        actor=actor,
        summary=f"{submission.get_kind_display()} of {submission.employee} returned for corrections",
        detail=comments.strip(),
    )
    review_notice_send(submission.review.latest_version, notices.SUBMISSION_REVIEWED)
    hooks.changed(hooks.Topic.TRAINING, company_ids=[submission.company_id])
    return submission
