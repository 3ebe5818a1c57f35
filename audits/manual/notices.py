"""The notices of the manual's review (MAN-2, NTC-1): to the reviewer, to the company, and to staff when a
review is overdue."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from audits.manual.models import ManualSubmission
from audits.manual.selectors import manual_reviews_overdue
from companies.notices import company_recipients
from secor.core.notices import person, program_staff
from secor.dates import long_date
from secor.notices.editable import EditableText, editable_text, secors_own
from secor.notices.kinds import NoticeDraft, NoticeKind, notice_kind, subject_key, subject_pk
from secor.notices.services import notice_send
from secor.notices.text import site_url
from secor.reviews.models import ReviewVersion
from secor.reviews.rules import review_target_date


def manual_page(manual: ManualSubmission) -> str:
    return site_url(reverse("audits:manual", args=[manual.company_id]))


def _version(notice) -> tuple[ReviewVersion, ManualSubmission]:
    version = ReviewVersion.objects.select_related("review").get(pk=subject_pk(notice.subject_key))
    manual = ManualSubmission.objects.select_related("company").get(review=version.review)
    return version, manual


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


MANUAL_TO_REVIEW = notice_kind(NoticeKind("manual-to-review", "Manual to review", render=secors_own, rule="MAN-2"))
MANUAL_REVIEWED = notice_kind(NoticeKind("manual-reviewed", "Manual reviewed", render=secors_own, rule="MAN-2"))
MANUAL_REVIEW_OVERDUE = notice_kind(
    NoticeKind(
        "manual-review-overdue",
        "Manual review overdue (6 weeks)",
        render=secors_own,
        rule="MAN-2",
        find_due=_find_overdue,
        for_staff=True,
    )
)


def _to_review_values(notice) -> dict[str, str]:
    version, manual = _version(notice)
    submitted_on = timezone.localdate(version.submitted_at)
    return {
        "company": manual.company.display_name,
        "version": str(version.number),
        "submitted_on": long_date(submitted_on),
        "target_on": long_date(review_target_date(submitted_on)),
        "url": manual_page(manual),
    }


TO_REVIEW_PLACEHOLDERS = {
    "company": "the company's name",
    "version": "the manual's version number",
    "submitted_on": "the day that version was sent",
    "target_on": "SCSA's target for a decision (6 weeks later)",
    "url": "the company's manual page",
}
editable_text(
    EditableText(
        MANUAL_TO_REVIEW,
        TO_REVIEW_PLACEHOLDERS,
        _to_review_values,
        subject="[SECOR] Health & safety manual to review: {{ company }} (version {{ version }})",
        body="""Hello,

The health & safety manual of {{ company }} (version {{ version }}, sent {{ submitted_on }}) waits for your review. \
SCSA's target is a decision by {{ target_on }} (6 weeks).

Review it section by section: {{ url }}
""",
    )
)
editable_text(
    EditableText(
        MANUAL_REVIEW_OVERDUE,
        TO_REVIEW_PLACEHOLDERS,
        _to_review_values,
        subject="[SECOR] Health & safety manual overdue: {{ company }} (version {{ version }})",
        body="""Hello,

The review of the health & safety manual of {{ company }} (version {{ version }}, sent {{ submitted_on }}) is past \
SCSA's 6-week target, which ended {{ target_on }}.

Review it section by section: {{ url }}
""",
    )
)


def _reviewed_values(notice) -> dict[str, str]:
    version, manual = _version(notice)
    notes = [note for note in version.section_comments.all() if note.verdict == "corrections"]
    return {
        "company": manual.company.display_name,
        "version": str(version.number),
        "approved": "yes" if version.outcome == ReviewVersion.Outcome.ACCEPTED else "",
        "comments": version.comments,
        "corrections": "\n".join(f"- {note.section}: {note.comment}" for note in notes),
        "url": manual_page(manual),
    }


editable_text(
    EditableText(
        MANUAL_REVIEWED,
        {
            "company": "the company's name",
            "version": "the manual's version number",
            "approved": '"yes" when SCSA approved it, nothing when it returned it for corrections',
            "comments": "SCSA's comments on the whole manual (may be empty)",
            "corrections": 'the sections to correct, one line each: "- section: what to correct" (may be empty)',
            "url": "the company's manual page",
        },
        _reviewed_values,
        subject="[SECOR] Your health & safety manual is "
        "{% if approved %}approved{% else %}returned for corrections{% endif %} ({{ company }})",
        body="""Hello,

{% if approved %}SCSA has approved the health & safety manual of {{ company }} (version {{ version }}).

Next: once the other Milestone #1 requirements are met, request your Milestone #2 letter from the company page \
before your Milestone #1 letter expires.{% else %}SCSA has returned the health & safety manual of {{ company }} \
(version {{ version }}) for corrections.
{% if comments %}
{{ comments }}
{% endif %}{% if corrections %}
{{ corrections }}{% endif %}

Correct these sections and send the corrected files from the manual page; the sections you do not send again are \
kept from this version.{% endif %}

The manual page: {{ url }}
""",
    )
)
