"""Writes to course records and trained-employee designations (TRN-1 … TRN-4)."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from companies.access import CompanyAccess
from companies.models import Company, Employee
from secor import hooks
from secor.core.models import ProgramSettings, User
from secor.dates import long_date, outside_dates_problem, too_early_problem
from secor.documents.services import document_upload
from secor.reviews.models import Review
from secor.reviews.services import review_accept, review_open, review_resubmit, review_return
from secor.rule_ids import RuleWords, refusal
from secor.timeline.services import event_record
from training import events, notices, rules
from training.chart import TRN_2_CLASH, designee_problem
from training.models import Course, TrainedEmployee, TrainingRecord
from training.notices import review_notice_send
from training.rules import CourseCode
from training.selectors import courses_counting_as, trained_employee_claims


def check_employee(company: Company, employee: Employee) -> None:
    if employee.company_id != company.pk:
        raise ValidationError({"employee": "Choose a person on this company's roster."})


def _completions(employee: Employee, courses):
    """Dates of the person's completions of these courses that are not returned, earliest first."""
    return (
        TrainingRecord.objects.filter(employee=employee, course__in=courses)
        .exclude(review__state=Review.State.RETURNED)
        .order_by("completed_on")
        .values_list("completed_on", flat=True)
    )


def _prerequisite_problem(employee: Employee, auditor_training_on: date, *, exclude_pk=None, verified_only=False):
    """TRN-4 for a Safety Auditor Training on that date."""
    safety_management = _completions(employee, courses_counting_as(CourseCode.SAFETY_MANAGEMENT)).exclude(pk=exclude_pk)
    if verified_only:
        safety_management = safety_management.filter(review__state=Review.State.ACCEPTED)
    return rules.auditor_training_prerequisite_problem(
        safety_management_on=safety_management.first(), auditor_training_on=auditor_training_on
    )


def _check_completion(*, employee: Employee, course: Course, completed_on: date, exclude_pk: int | None) -> None:
    errors = {}
    if problem := outside_dates_problem(completed_on, latest=timezone.localdate()):
        errors["completed_on"] = f"A course is recorded once it is completed. {problem}"
    elif problem := too_early_problem(completed_on):
        errors["completed_on"] = problem
    elif course.code == CourseCode.SAFETY_AUDITOR:
        if problem := _prerequisite_problem(employee, completed_on, exclude_pk=exclude_pk):
            errors["completed_on"] = refusal(problem)
    elif course.code in courses_counting_as(CourseCode.SAFETY_MANAGEMENT).values_list("code", flat=True):
        earliest_auditor_training = (
            _completions(employee, Course.objects.filter(code=CourseCode.SAFETY_AUDITOR)).exclude(pk=exclude_pk).first()
        )
        if earliest_auditor_training is not None and earliest_auditor_training <= completed_on:
            errors["completed_on"] = refusal(
                RuleWords(
                    f"Safety Management must come before Safety Auditor Training, which this person completed on "
                    f"{long_date(earliest_auditor_training)}.",
                    "TRN-4",
                )
            )
    if course.code in CourseCode.FROM_SUBMISSION:
        errors["course"] = f"{course.name} is recorded by SCSA when it accepts the submission; upload that instead."
    if errors:
        raise ValidationError(errors)


# --- course completions -------------------------------------------------------------------------------


def _refuse_duplicate(*, employee: Employee, course: Course, completed_on: date, number: str) -> None:
    """The same completion twice (a form sent again with Back) is refused, pointing at the one on record."""
    existing = TrainingRecord.objects.filter(
        employee=employee, course=course, completed_on=completed_on, certificate_number__iexact=number
    ).first()
    if existing is not None:
        url = reverse("training:chart", args=[existing.company_id]) + f"#record-{existing.pk}"
        raise ValidationError(
            format_html(
                '{} of {} completed on {} is already recorded (<a href="{}">see it on the training chart</a>).',
                course.name,
                employee,
                long_date(completed_on),
                url,
            )
        )


def _record_data(completed_on: date, certificate_number: str, expires_on: date | None) -> dict:
    """What a version of a record says, kept with the version."""
    data = {"completed_on": completed_on.isoformat(), "certificate_number": certificate_number}
    return data | ({"expires_on": expires_on.isoformat()} if expires_on else {})


def _check_expiry(*, course: Course, completed_on: date, expires_on: date | None) -> None:
    """TRN-8: only an Energy Safety Canada certificate (a SCOT equivalent) expires here, after it was earned."""
    if expires_on is None:
        return
    if course.counts_as is None or course.counts_as.code != CourseCode.SCOT:
        raise ValidationError({"expires_on": "Only an Energy Safety Canada certificate has an expiry date here."})
    if problem := outside_dates_problem(expires_on, earliest=completed_on + timedelta(days=1)):
        raise ValidationError({"expires_on": f"A certificate expires after the day it was earned. {problem}"})


def _certificate(*, company: Company, actor: User, course: Course, employee: Employee, upload):
    return document_upload(
        company=company, kind="certificate", name=f"{course.code}-{employee}", upload=upload, actor=actor
    )


@transaction.atomic
def record_add(
    *,
    company: Company,
    actor: User,
    employee: Employee,
    course: Course,
    completed_on: date,
    certificate_number: str,
    certificate_file,
    expires_on: date | None = None,
) -> TrainingRecord:
    check_employee(company, employee)
    _check_completion(employee=employee, course=course, completed_on=completed_on, exclude_pk=None)
    _check_expiry(course=course, completed_on=completed_on, expires_on=expires_on)
    if not certificate_file:
        raise ValidationError({"certificate_file": "Upload the certificate (a scan or PDF)."})
    certificate_number = certificate_number.strip()
    _refuse_duplicate(employee=employee, course=course, completed_on=completed_on, number=certificate_number)
    review = review_open(
        company=company,
        kind=TrainingRecord.REVIEW_KIND,
        actor=actor,
        document=_certificate(company=company, actor=actor, course=course, employee=employee, upload=certificate_file),
        data=_record_data(completed_on, certificate_number, expires_on),
    )
    try:
        with transaction.atomic():
            record = TrainingRecord.objects.create(
                company=company,
                employee=employee,
                course=course,
                completed_on=completed_on,
                certificate_number=certificate_number,
                expires_on=expires_on,
                review=review,
            )
    except IntegrityError:  # the same form saved twice at the same moment: the other one won
        _refuse_duplicate(employee=employee, course=course, completed_on=completed_on, number=certificate_number)
        raise
    event_record(
        kind=events.TRAINING,
        company=company,
        subject=record,
        actor=actor,
        summary=f"{course.name} recorded for {employee}",
        detail=f"Completed {long_date(completed_on)}; waiting for SCSA to verify the certificate.",
    )
    hooks.changed(hooks.Topic.TRAINING, company_ids=[company.pk])
    return record


@transaction.atomic
def record_correct(
    *,
    record: TrainingRecord,
    actor: User,
    completed_on: date,
    certificate_number: str,
    certificate_file=None,
    expires_on: date | None = None,
) -> TrainingRecord:
    """Correct and resubmit a record as a new version; the earlier versions stay as they were."""
    record = TrainingRecord.objects.select_for_update().select_related("course", "employee", "review").get(pk=record.pk)
    if record.source_submission_id is not None:
        raise ValidationError("This certificate comes from an accepted submission; it is not corrected here.")
    staff = CompanyAccess(actor, record.company).is_staff
    if record.status == TrainingRecord.Status.VERIFIED and not staff:
        raise ValidationError("This record is verified; ask SCSA if it needs a correction.")
    _check_completion(employee=record.employee, course=record.course, completed_on=completed_on, exclude_pk=record.pk)
    _check_expiry(course=record.course, completed_on=completed_on, expires_on=expires_on)
    certificate_number = certificate_number.strip()
    document = (
        _certificate(
            company=record.company, actor=actor, course=record.course, employee=record.employee, upload=certificate_file
        )
        if certificate_file
        else record.document
    )
    # A correction may also come before SCSA's review; only staff reopen a verified record.
    correctable = (Review.State.SUBMITTED, Review.State.ACCEPTED) if staff else (Review.State.SUBMITTED,)
    review_resubmit(
        review=record.review,
        actor=actor,
        document=document,
        data=_record_data(completed_on, certificate_number, expires_on),
        from_states=correctable,
    )
    record.completed_on, record.certificate_number, record.expires_on = completed_on, certificate_number, expires_on
    record.save()
    event_record(
        kind=events.TRAINING,
        company=record.company,
        subject=record,
        actor=actor,
        summary=f"{record.course.name} of {record.employee} corrected",
        detail="Resubmitted for verification.",
    )
    hooks.changed(hooks.Topic.TRAINING, company_ids=[record.company_id])
    return record


def _locked_for_review(record: TrainingRecord, actor: User) -> TrainingRecord:
    record = TrainingRecord.objects.select_for_update().select_related("course", "employee", "review").get(pk=record.pk)
    if not CompanyAccess(actor, record.company).may_review(TrainingRecord.REVIEWERS):
        raise ValidationError("Only SCSA staff verify training records.")
    return record


@transaction.atomic
def record_verify(*, record: TrainingRecord, actor: User) -> TrainingRecord:
    record = _locked_for_review(record, actor)
    if record.course.code == CourseCode.SAFETY_AUDITOR and (
        problem := _prerequisite_problem(record.employee, record.completed_on, verified_only=True)
    ):
        raise refusal(RuleWords(f"Verify the Safety Management first. {problem}", problem.rule))
    record.review = review_accept(review=record.review, actor=actor)
    event_record(
        kind=events.TRAINING,
        company=record.company,
        subject=record,
        actor=actor,
        summary=f"{record.course.name} of {record.employee} verified",
    )
    hooks.changed(hooks.Topic.TRAINING, company_ids=[record.company_id])
    return record


@transaction.atomic
def record_reject(*, record: TrainingRecord, actor: User, reason: str) -> TrainingRecord:
    if not reason.strip():
        raise ValidationError({"reason": "Tell the company what is wrong and what to send instead."})
    record = _locked_for_review(record, actor)
    record.review = review_return(review=record.review, actor=actor, comments=reason, field="reason")
    event_record(
        kind=events.TRAINING,
        company=record.company,
        subject=record,
        actor=actor,
        summary=f"{record.course.name} of {record.employee} returned",
        detail=reason.strip(),
    )
    review_notice_send(record.review.latest_version, notices.RECORD_RETURNED)
    hooks.changed(hooks.Topic.TRAINING, company_ids=[record.company_id])
    return record


@transaction.atomic
def deadline_extend(*, record: TrainingRecord, actor: User, extended_to: date, reason: str) -> TrainingRecord:
    """TRN-5, TRN-7 (DOMAIN section 8): staff give one person more time to have the self-audit or the LSE
    proficiency accepted, for a review SCSA itself delayed; the reason is kept on the timeline."""
    record = TrainingRecord.objects.select_for_update().select_related("course", "employee", "review").get(pk=record.pk)
    if not CompanyAccess(actor, record.company).is_staff:
        raise ValidationError("Only SCSA staff extend a deadline.")
    if record.course.code not in (CourseCode.SAFETY_AUDITOR, CourseCode.LSE) or not record.is_accepted:
        raise ValidationError("Only a verified Safety Auditor Training or LSE has an 8-month deadline to extend.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the deadline is extended (for example: SCSA's review was late)."})
    if problem := rules.extension_problem(training_on=record.completed_on, extended_to=extended_to):
        raise ValidationError({"extended_to": problem})
    record.extended_deadline, record.extension_reason, record.extension_granted_by = extended_to, reason.strip(), actor
    record.save()
    event_record(
        kind=events.TRAINING,
        company=record.company,
        subject=record,
        actor=actor,
        summary=f"Deadline after the {record.course.name} of {record.employee} extended to {long_date(extended_to)}",
        detail=record.extension_reason,
    )
    hooks.changed(hooks.Topic.TRAINING, company_ids=[record.company_id])
    return record


# --- trained employees (TRN-1, TRN-2, TRN-3) ------------------------------------------------------------


def trained_employee_problem(company: Company, employee: Employee) -> RuleWords | None:
    """TRN-1 and TRN-2 for a person about to be designated (by the chart's form, or an import of SCSA's records)."""
    owners_qualify = ProgramSettings.current().owners_may_be_trained_employees
    if problem := designee_problem(employee, today=timezone.localdate(), owners_qualify=owners_qualify):
        return problem
    # TRN-2: a person is recognised across companies by their email address.
    if not employee.email:
        return RuleWords(
            f"Add {employee}'s email address to the roster first: SECOR recognises a trained employee across "
            "companies by email, since a person may be the trained employee for one WCB account number only.",
            "TRN-2",
        )
    # The company that designated the person first keeps them (as the chart shows).
    claims = trained_employee_claims(emails=[employee.email], today=timezone.localdate()).get(
        employee.email.lower(), []
    )
    ours = min((claim.designated_at for claim in claims if claim.company_id == company.pk), default=timezone.now())
    if any(claim.company_id != company.pk and claim.designated_at < ours for claim in claims):
        return RuleWords(f"{employee} ({employee.email}): {TRN_2_CLASH}", TRN_2_CLASH.rule)
    return None


@transaction.atomic
def trained_employee_designate(
    *, company: Company, actor: User, courses: list[Course], position: int, employee: Employee
) -> list[TrainedEmployee]:
    """Designate the person as trained employee #position for each of the required courses given."""
    check_employee(company, employee)
    if not courses or any(course.code not in CourseCode.DESIGNATED for course in courses):
        raise ValidationError({"courses": "Choose among the required courses of the training chart."})
    if problem := trained_employee_problem(company, employee):
        raise ValidationError({"employee": refusal(problem)})
    held_elsewhere = TrainedEmployee.objects.filter(company=company, course__in=courses, employee=employee).exclude(
        position=position
    )
    if held_elsewhere.exists():
        names = ", ".join(str(designation.course) for designation in held_elsewhere.select_related("course"))
        raise ValidationError({"employee": f"{employee} already holds the other place for {names}."})
    designations, replaced = [], {}
    for course in courses:
        designation = (
            TrainedEmployee.objects.filter(company=company, course=course, position=position)
            .select_related("employee")
            .first()
        )
        if designation is None or designation.employee_id != employee.pk:
            if designation is not None:
                replaced[designation.employee_id] = str(designation.employee)
            # A new person in the place: a new designation date (TRN-2 gives the place to the earliest).
            designation = designation or TrainedEmployee(company=company, course=course, position=position)
            designation.employee, designation.designated_by, designation.designated_at = employee, actor, timezone.now()
            designation.save()
        designations.append(designation)
    event_record(
        kind=events.TRAINING,
        company=company,
        actor=actor,
        summary=f"{employee} designated trained employee #{position}"
        + (f" in place of {', '.join(replaced.values())}" if replaced else ""),
        detail=", ".join(course.name for course in courses),
    )
    hooks.changed(hooks.Topic.TRAINING, company_ids=[company.pk], emails=[employee.email])
    return designations


@transaction.atomic
def trained_employee_remove(*, designation: TrainedEmployee, actor: User) -> None:
    event_record(
        kind=events.TRAINING,
        company=designation.company,
        actor=actor,
        summary=f"{designation.employee} no longer trained employee #{designation.position} for {designation.course}",
    )
    designation.delete()
    hooks.changed(hooks.Topic.TRAINING, company_ids=[designation.company_id], emails=[designation.employee.email])
