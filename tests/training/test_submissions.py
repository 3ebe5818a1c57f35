"""Self-audits, maintenance audits and LSE proficiencies: TRN-5, TRN-6, TRN-7 at upload and review."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from secor.reviews.models import Review
from tests.clock import on
from tests.factories import (
    SubmissionFactory,
    TrainedEmployeeFactory,
    TrainingRecordFactory,
    course,
    pdf_upload,
)
from training import services
from training.models import ProficiencySubmission, TrainingRecord
from training.rules import CourseCode

pytestmark = pytest.mark.django_db


def submit(company, actor, employee, kind):
    return services.submission_add(company=company, actor=actor, employee=employee, kind=kind, file=pdf_upload())


@pytest.fixture
def auditor_trained(company, worker):
    TrainingRecordFactory(employee=worker, course=course(CourseCode.SAFETY_MANAGEMENT), completed_on=date(2026, 1, 5))
    return TrainingRecordFactory(
        employee=worker, course=course(CourseCode.SAFETY_AUDITOR), completed_on=date(2026, 1, 15)
    )


def test_trn_5_accepting_the_self_audit_grants_the_internal_auditor_certificate(
    company, employer, worker, auditor, auditor_trained
):
    submission = services.submission_add(
        company=company,
        actor=employer,
        employee=worker,
        kind=ProficiencySubmission.Kind.SELF_AUDIT,
        file=pdf_upload("self-audit.pdf"),
    )
    with on(date(2026, 9, 15), 16):
        services.submission_accept(submission=submission, actor=auditor, certificate_number="IA-77")
    certificate = TrainingRecord.objects.get(course__code=CourseCode.INTERNAL_AUDITOR_CERTIFICATE)
    assert (certificate.completed_on, certificate.certificate_number, certificate.status) == (
        date(2026, 9, 15),
        "IA-77",
        TrainingRecord.Status.VERIFIED,
    )
    assert certificate.source_submission == submission


def test_trn_5_a_self_audit_cannot_be_accepted_after_the_eight_months(company, worker, staff_user, auditor_trained):
    submission = SubmissionFactory(employee=worker, submitted_on=date(2026, 9, 1))
    with (
        on(date(2026, 9, 16), 9),
        pytest.raises(ValidationError, match="The 8-month deadline, September 15, 2026, has passed"),
    ):
        services.submission_accept(submission=submission, actor=staff_user)
    submission.refresh_from_db()
    assert submission.status == ProficiencySubmission.Status.SUBMITTED
    assert not TrainingRecord.objects.filter(course__code=CourseCode.INTERNAL_AUDITOR_CERTIFICATE).exists()


def test_a_submission_needs_its_training_first(company, employer, worker):
    with pytest.raises(ValidationError) as error:
        submit(company, employer, worker, ProficiencySubmission.Kind.LSE_PROFICIENCY)
    assert "no verified Leadership for Safety Excellence (LSE) at the moment" in error.value.message_dict["kind"][0]


def test_a_returned_submission_is_corrected_and_resubmitted(company, employer, worker, staff_user, auditor_trained):
    submission = SubmissionFactory(employee=worker)
    with pytest.raises(ValidationError):
        services.submission_return(submission=submission, actor=staff_user, comments="")
    services.submission_return(submission=submission, actor=staff_user, comments="Section 4 is incomplete.")
    services.submission_resubmit(submission=submission, actor=employer, file=pdf_upload("fixed.pdf"))
    submission.refresh_from_db()
    assert submission.status == ProficiencySubmission.Status.SUBMITTED
    returned, corrected = submission.review.versions.order_by("number")
    assert (returned.outcome, returned.comments) == ("returned", "Section 4 is incomplete.")
    assert (corrected.outcome, corrected.submitted_by) == ("", employer)
    assert corrected.document != returned.document
    assert [h.state for h in submission.review.history.order_by("history_date")] == [
        "submitted",
        "returned",
        "submitted",
    ]


def test_employers_cannot_review_submissions(company, employer, worker, auditor_trained):
    with pytest.raises(ValidationError, match="Only SCSA staff or the company's assigned program auditor"):
        services.submission_accept(submission=SubmissionFactory(employee=worker), actor=employer)


def test_a_program_auditor_reviews_only_the_submissions_of_assigned_companies(
    company, worker, auditor, unassigned_auditor, auditor_trained
):
    submission = SubmissionFactory(employee=worker)
    with pytest.raises(ValidationError, match="assigned program auditor"):
        services.submission_accept(submission=submission, actor=unassigned_auditor)
    services.submission_accept(submission=submission, actor=auditor)
    submission.refresh_from_db()
    assert submission.status == ProficiencySubmission.Status.ACCEPTED


def test_a_second_self_audit_waits_for_the_first_review(company, employer, worker, auditor_trained):
    SubmissionFactory(employee=worker)
    with pytest.raises(ValidationError, match="already under review"):
        submit(company, employer, worker, ProficiencySubmission.Kind.SELF_AUDIT)


def test_a_self_audit_is_not_accepted_while_its_training_is_not_verified(company, worker, staff_user, auditor_trained):
    submission = SubmissionFactory(employee=worker)
    Review.objects.filter(pk=auditor_trained.review_id).update(state=Review.State.SUBMITTED, accepted_on=None)
    with pytest.raises(ValidationError, match="no verified Safety Auditor Training at the moment"):
        services.submission_accept(submission=submission, actor=staff_user)


def test_trn_5_a_self_audit_after_the_deadline_is_refused_at_upload_with_the_date(
    company, employer, worker, auditor_trained
):
    with (
        on(date(2026, 9, 16), 9),
        pytest.raises(ValidationError) as error,
    ):
        submit(company, employer, worker, ProficiencySubmission.Kind.SELF_AUDIT)
    assert "The 8-month deadline, September 15, 2026, has passed" in error.value.message_dict["kind"][0]
    assert not ProficiencySubmission.objects.exists()


def test_trn_6_a_maintenance_audit_needs_a_valid_internal_auditor_status(company, employer, worker, auditor_trained):
    TrainingRecordFactory(
        employee=worker, course=course(CourseCode.INTERNAL_AUDITOR_CERTIFICATE), completed_on=date(2026, 6, 1)
    )

    def submit_audit():
        return submit(company, employer, worker, ProficiencySubmission.Kind.MAINTENANCE_AUDIT)

    with on(date(2028, 6, 1), 9):
        assert submit_audit().pk
    ProficiencySubmission.objects.all().delete()
    with on(date(2029, 1, 16), 9), pytest.raises(ValidationError) as error:
        submit_audit()
    assert "internal auditor status is not valid" in error.value.message_dict["kind"][0]
    assert error.value.error_dict["kind"][0].code == "TRN-6"


def test_trn_6_a_maintenance_audit_sent_on_the_last_valid_day_is_accepted_after_expiry(
    company, employer, worker, staff_user, auditor_trained
):
    TrainingRecordFactory(
        employee=worker, course=course(CourseCode.INTERNAL_AUDITOR_CERTIFICATE), completed_on=date(2026, 6, 1)
    )
    TrainingRecordFactory(
        employee=worker, course=course(CourseCode.AUDITOR_RECERTIFICATION), completed_on=date(2028, 12, 1)
    )
    with on(date(2029, 1, 15), 15):  # expiry day of the 2026-01-15 training
        submission = submit(company, employer, worker, ProficiencySubmission.Kind.MAINTENANCE_AUDIT)
    with on(date(2029, 1, 20), 10):
        services.submission_accept(submission=submission, actor=staff_user)
    submission.refresh_from_db()
    assert submission.status == ProficiencySubmission.Status.ACCEPTED


def test_trn_5_a_self_audit_sent_for_a_lapsed_training_does_not_count_for_the_retake(
    company, employer, worker, staff_user, auditor_trained
):
    old = SubmissionFactory(employee=worker, submitted_on=date(2026, 3, 1))
    TrainingRecordFactory(employee=worker, course=course(CourseCode.SAFETY_AUDITOR), completed_on=date(2026, 5, 1))
    with pytest.raises(ValidationError, match="before the Safety Auditor Training of May 1, 2026"):
        services.submission_accept(submission=old, actor=staff_user)
    assert submit(company, employer, worker, ProficiencySubmission.Kind.SELF_AUDIT)


def test_the_company_is_emailed_when_its_submission_is_returned_or_accepted(
    company, employer, worker, staff_user, auditor_trained, django_capture_on_commit_callbacks
):
    submission = SubmissionFactory(employee=worker)
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_return(submission=submission, actor=staff_user, comments="Section 4 is blank.")
    assert mail.outbox[-1].to == [employer.email]
    assert "returned for corrections" in mail.outbox[-1].subject
    assert "What to correct: Section 4 is blank." in mail.outbox[-1].body
    services.submission_resubmit(submission=submission, actor=employer, file=pdf_upload("fixed.pdf"))
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_accept(submission=submission, actor=staff_user)
    assert "accepted" in mail.outbox[-1].subject
    assert "/training/" in mail.outbox[-1].body


# --- DOMAIN section 8: a returned submission keeps its first date; staff may extend a deadline --------------


def test_trn_5_a_self_audit_sent_in_time_and_returned_may_be_corrected_after_the_deadline(
    company, employer, worker, staff_user, auditor_trained
):
    """Deadline 2026-09-15. Sent on 2026-09-01, returned, corrected on 2026-09-20: the upload is taken, with
    its first date; accepting it needs the deadline extended, as the acceptance is what must be in time."""
    submission = SubmissionFactory(employee=worker, submitted_on=date(2026, 9, 1))
    services.submission_return(submission=submission, actor=staff_user, comments="Section 4 is blank.")
    with on(date(2026, 9, 20), 10):
        services.submission_resubmit(submission=submission, actor=employer, file=pdf_upload("fixed.pdf"))
        submission.refresh_from_db()
        assert (submission.status, submission.submitted_on) == ("submitted", date(2026, 9, 1))
        with pytest.raises(ValidationError, match="unless SCSA extends the deadline"):
            services.submission_accept(submission=submission, actor=staff_user)
        services.deadline_extend(
            record=auditor_trained, actor=staff_user, extended_to=date(2026, 10, 15), reason="Our review was late"
        )
        services.submission_accept(submission=submission, actor=staff_user)
    submission.refresh_from_db()
    assert submission.status == ProficiencySubmission.Status.ACCEPTED
    assert company.events.filter(summary__contains="extended to October 15, 2026").get().detail == "Our review was late"


def test_trn_5_only_staff_extend_a_deadline_and_only_later_within_reason(
    company, employer, worker, staff_user, auditor_trained
):
    with pytest.raises(ValidationError, match="Only SCSA staff"):
        services.deadline_extend(record=auditor_trained, actor=employer, extended_to=date(2026, 10, 1), reason="x")
    with pytest.raises(ValidationError) as earlier:
        services.deadline_extend(record=auditor_trained, actor=staff_user, extended_to=date(2026, 9, 1), reason="x")
    assert "later than the deadline, September 15, 2026" in earlier.value.message_dict["extended_to"][0]
    with pytest.raises(ValidationError) as far:
        services.deadline_extend(record=auditor_trained, actor=staff_user, extended_to=date(2027, 9, 1), reason="x")
    assert "cannot go past May 15, 2027" in far.value.message_dict["extended_to"][0]
    with pytest.raises(ValidationError) as no_reason:
        services.deadline_extend(record=auditor_trained, actor=staff_user, extended_to=date(2026, 10, 1), reason=" ")
    assert "reason" in no_reason.value.message_dict


def test_a_returned_self_audit_shows_returned_with_the_date_never_a_plain_due(
    login, company, employer, worker, staff_user, auditor_trained
):
    TrainedEmployeeFactory(employee=worker, course=course(CourseCode.INTERNAL_AUDITOR_CERTIFICATE))
    submission = SubmissionFactory(employee=worker, submitted_on=date(2026, 5, 1))
    services.submission_return(submission=submission, actor=staff_user, comments="Section 4 is blank.")
    chart = login(employer).get(reverse("training:chart", args=[company.pk]))
    cell = next(
        row for row in chart.context["chart"].rows if row.course.code == CourseCode.INTERNAL_AUDITOR_CERTIFICATE
    )
    assert cell.cells[0].standing.note == "Returned for corrections: correct and resubmit by September 15, 2026."
    assert "returned — correct and resubmit by <details" in chart.text
    assert "<summary>September 15, 2026</summary>" in chart.text
