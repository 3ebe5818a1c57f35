"""One review workflow: submit → accept, or return with comments → a corrected new version; nothing lost."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from secor.reviews.inputs import SectionVerdict
from secor.reviews.models import Review, ReviewVersion, SectionComment
from secor.reviews.services import review_accept, review_open, review_resubmit, review_return
from tests.clock import on
from tests.factories import DocumentFactory

KIND = "course_record"


@pytest.fixture
def opened(company, employer):
    with on(date(2026, 3, 2), 10):
        return review_open(
            company=company, kind=KIND, actor=employer, document=DocumentFactory(company=company), data={"n": 1}
        )


def test_a_return_and_a_correction_keep_both_versions_and_the_first_date(opened, company, employer, staff_user):
    review_return(review=opened, actor=staff_user, comments="Wrong person on the certificate")
    with on(date(2026, 3, 20), 10):
        corrected = review_resubmit(
            review=opened, actor=employer, document=DocumentFactory(company=company), data={"n": 2}
        )
    assert (corrected.state, corrected.first_submitted_on) == (Review.State.SUBMITTED, date(2026, 3, 2))
    first, second = corrected.versions.order_by("number")
    assert (first.outcome, first.comments, first.data) == ("returned", "Wrong person on the certificate", {"n": 1})
    assert (second.outcome, second.data, corrected.latest_version) == ("", {"n": 2}, second)
    assert first.document != second.document


def test_man_2_the_review_keeps_when_its_latest_version_was_sent(opened, company, employer, staff_user):
    """The queues and the dashboard read how long a review waited from the review itself (no join of versions):
    it is the latest version's time, from the first version through each correction and the decisions."""
    stored = Review.objects.select_related("latest_version").get(pk=opened.pk)
    assert stored.latest_submitted_at == stored.latest_version.submitted_at
    assert timezone.localdate(stored.latest_submitted_at) == date(2026, 3, 2)
    review_return(review=opened, actor=staff_user, comments="Wrong person on the certificate")
    with on(date(2026, 3, 20), 10):
        review_resubmit(review=opened, actor=employer, document=DocumentFactory(company=company))
    review_accept(review=opened, actor=staff_user)
    stored = Review.objects.select_related("latest_version").get(pk=opened.pk)
    assert (stored.latest_version.number, stored.latest_submitted_at) == (2, stored.latest_version.submitted_at)
    assert timezone.localdate(stored.latest_submitted_at) == date(2026, 3, 20)


def test_an_accepted_review_records_who_and_the_date(opened, staff_user):
    with on(date(2026, 4, 1), 23, 30):
        accepted = review_accept(review=opened, actor=staff_user)
    assert (accepted.state, accepted.accepted_on, accepted.decided_by) == ("accepted", date(2026, 4, 1), staff_user)
    assert accepted.latest_version.outcome == ReviewVersion.Outcome.ACCEPTED


def test_a_review_is_decided_once(opened, staff_user):
    review_accept(review=opened, actor=staff_user)
    with pytest.raises(ValidationError, match="not waiting for review"):
        review_return(review=opened, actor=staff_user, comments="Changed my mind")


def test_a_return_says_what_to_correct(opened, staff_user):
    with pytest.raises(ValidationError) as error:
        review_return(review=opened, actor=staff_user, comments="  ")
    assert "Say what needs correcting" in error.value.message_dict["comments"][0]
    assert Review.objects.get(pk=opened.pk).state == Review.State.SUBMITTED


def test_comments_per_section_are_kept_with_the_version(opened, staff_user):
    review_return(
        review=opened,
        actor=staff_user,
        comments="",
        sections=[
            SectionVerdict("1. Company Health & Safety Policy", SectionComment.Verdict.ACCEPTED),
            SectionVerdict("2. Hazard Assessment", SectionComment.Verdict.CORRECTIONS, "No hazard ranking."),
        ],
    )
    notes = list(opened.latest_version.section_comments.values_list("section", "verdict", "comment"))
    assert notes == [
        ("1. Company Health & Safety Policy", "accepted", ""),
        ("2. Hazard Assessment", "corrections", "No hazard ranking."),
    ]


def test_a_section_needing_corrections_needs_a_comment(opened, staff_user):
    with pytest.raises(ValidationError, match=r"Say what to correct in: 2\. Hazard Assessment"):
        review_return(
            review=opened,
            actor=staff_user,
            comments="See below",
            sections=[SectionVerdict("2. Hazard Assessment", SectionComment.Verdict.CORRECTIONS)],
        )


def test_a_correction_before_the_review_replaces_the_waiting_version_when_allowed(opened, employer):
    with pytest.raises(ValidationError, match="cannot be corrected now"):
        review_resubmit(review=opened, actor=employer, data={"n": 2})
    review_resubmit(review=opened, actor=employer, data={"n": 2}, from_states=[Review.State.SUBMITTED])
    assert list(opened.versions.order_by("number").values_list("outcome", flat=True)) == ["superseded", ""]


def test_an_undeclared_kind_is_a_programming_error(company, employer):
    with pytest.raises(ValueError, match="Undeclared review kind"):
        review_open(company=company, kind="gossip", actor=employer)
