"""Emails to a company's employer users when SCSA returns or accepts their training documents."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from training.models import ProficiencySubmission, TrainingRecord


def review_notice_send(*, company, subject: str, context: dict) -> None:
    recipients = list(company.memberships.values_list("user__email", flat=True))
    if not recipients:
        return
    url = f"{settings.SITE_URL.rstrip('/')}{reverse('training:chart', args=[company.pk])}"
    send_mail(
        subject=f"[SECOR] {subject}",
        message=render_to_string("email/training_review.txt", {**context, "company": company, "url": url}),
        from_email=None,
        recipient_list=recipients,
    )


def record_returned_send(*, record: TrainingRecord) -> None:
    review_notice_send(
        company=record.company,
        subject=f"{record.course} of {record.employee} returned for correction",
        context={"what": f"the {record.course} record of {record.employee}", "reason": record.rejection_reason},
    )


def submission_reviewed_send(*, submission: ProficiencySubmission) -> None:
    what = f"the {submission.get_kind_display().lower()} of {submission.employee}"
    returned = submission.status == ProficiencySubmission.Status.RETURNED
    review_notice_send(
        company=submission.company,
        subject=f"{submission.get_kind_display()} of {submission.employee} "
        + ("returned for corrections" if returned else "accepted"),
        context={"what": what, "reason": submission.reviewer_comments if returned else "", "accepted": not returned},
    )
