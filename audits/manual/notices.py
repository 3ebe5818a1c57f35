"""The notices of the manual's review (MAN-2, NTC-1): to the reviewer, to the company, and to staff when a
review is overdue."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from audits.manual.models import ManualSubmission
from audits.manual.selectors import manual_reviews_overdue
from companies.notices import company_recipients
from secor.core.notices import person, program_staff
from secor.notices.kinds import Message, NoticeDraft, NoticeKind, notice_kind, subject_key, subject_pk
from secor.notices.services import notice_send
from secor.notices.text import render_text, site_url
from secor.reviews.models import ReviewVersion
from secor.reviews.rules import review_target_date


def manual_page(manual: ManualSubmission) -> str:
    return site_url(reverse("audits:manual", args=[manual.company_id]))


def _version(notice) -> tuple[ReviewVersion, ManualSubmission]:
    version = ReviewVersion.objects.select_related("review").get(pk=subject_pk(notice.subject_key))
    manual = ManualSubmission.objects.select_related("company").get(review=version.review)
    return version, manual


def _to_review(notice) -> Message:
    version, manual = _version(notice)
    submitted_on = timezone.localdate(version.submitted_at)
    context = {
        "company": manual.company,
        "version": version,
        "submitted_on": submitted_on,
        "target_on": review_target_date(submitted_on),
        "overdue": notice.kind == MANUAL_REVIEW_OVERDUE,
        "url": manual_page(manual),
    }
    what = "overdue" if context["overdue"] else "to review"
    return Message(
        subject=f"[SECOR] Health & safety manual {what}: {manual.company.display_name} (version {version.number})",
        body=render_text("email/manual_to_review.txt", context),
        link=context["url"],
    )


def _reviewed(notice) -> Message:
    version, manual = _version(notice)
    approved = version.outcome == ReviewVersion.Outcome.ACCEPTED
    context = {
        "company": manual.company,
        "version": version,
        "approved": approved,
        "corrections": [note for note in version.section_comments.all() if note.verdict == "corrections"],
        "url": manual_page(manual),
    }
    outcome = "approved" if approved else "returned for corrections"
    return Message(
        subject=f"[SECOR] Your health & safety manual is {outcome} ({manual.company.display_name})",
        body=render_text("email/manual_reviewed.txt", context),
        link=context["url"],
    )


def manual_to_review_send(*, manual: ManualSubmission, version: ReviewVersion) -> None:
    """Tell the reviewer a manual (or its corrected version) waits for them."""
    notice_send(
        kind=MANUAL_TO_REVIEW, recipients=[person(manual.review.reviewer)], subject=version, company=manual.company
    )


def manual_reviewed_send(*, manual: ManualSubmission, version: ReviewVersion) -> None:
    notice_send(
        kind=MANUAL_REVIEWED, recipients=company_recipients(manual.company), subject=version, company=manual.company
    )


def _find_overdue(today: date) -> list[NoticeDraft]:
    """MAN-2, NTC-1: each version still waiting past its 6-week target, to SCSA staff and its reviewer."""
    staff = program_staff()
    drafts = []
    for manual in manual_reviews_overdue(today=today).select_related("review__reviewer", "review__latest_version"):
        version = manual.review.latest_version
        target_on = review_target_date(timezone.localdate(version.submitted_at))
        reviewer = manual.review.reviewer
        reviewers = staff + ([person(reviewer)] if reviewer else [])
        drafts += [
            NoticeDraft(
                MANUAL_REVIEW_OVERDUE,
                recipient,
                subject_key(version),
                target_on,
                target_on + timedelta(days=1),
                manual.company_id,
            )
            for recipient in reviewers
        ]
    return drafts


MANUAL_TO_REVIEW = notice_kind(NoticeKind("manual-to-review", "Manual to review", render=_to_review, rule="MAN-2"))
MANUAL_REVIEWED = notice_kind(NoticeKind("manual-reviewed", "Manual reviewed", render=_reviewed, rule="MAN-2"))
MANUAL_REVIEW_OVERDUE = notice_kind(
    NoticeKind(
        "manual-review-overdue",
        "Manual review overdue (6 weeks)",
        render=_to_review,
        rule="MAN-2",
        find_due=_find_overdue,
        for_staff=True,
    )
)
