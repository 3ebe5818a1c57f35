"""One decision form for every review page, in each page's own words; one way to give a review to a reviewer."""

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from audits.maintenance.forms import DECISION as PACKAGE
from companies.access import Action, GivenToPolicy
from secor.reviews.forms import DecisionForm, Words
from secor.reviews.models import Review
from secor.reviews.services import review_accept, review_assign, review_open
from tests.factories import AuditorFactory
from training.forms import RECORD_DECISION, SubmissionReviewForm


@pytest.mark.parametrize(
    ("words", "post", "accepted"),
    [
        (PACKAGE, {"outcome": "approve"}, True),
        (PACKAGE, {"outcome": "corrections"}, False),
        (Words(), {"decision": "accept"}, True),
        (Words(), {"decision": "return", "comments": "Unsigned"}, False),
        (RECORD_DECISION, {"verify": "1", "from_queue": "1"}, True),
        (RECORD_DECISION, {"reason": "Wrong person", "from_queue": "1"}, False),
    ],
)
def test_each_page_posts_its_own_words_and_the_form_reads_one_decision(words, post, accepted):
    form = DecisionForm(post, words=words)
    assert form.is_valid(), form.errors
    assert form.accepted is accepted
    assert form.comments == post.get(words.comments, "")


def test_a_decision_missing_or_unknown_is_refused_by_the_pages_field_in_its_words():
    form = DecisionForm({"comments": "ok"}, words=PACKAGE)
    assert list(form.errors) == ["outcome"]
    form = DecisionForm({"outcome": "accept"}, words=PACKAGE)  # another page's word
    assert list(form.errors) == ["outcome"] and not form.accepted
    assert "Select a valid choice" in form.errors["outcome"][0]


def test_a_course_record_returned_without_a_reason_is_refused_by_the_reason():
    form = DecisionForm({"from_queue": "1"}, words=RECORD_DECISION)
    assert form.errors == {"reason": ["Tell the company what is wrong and what to send instead."]}


def test_the_decision_renders_with_the_names_the_page_posts():
    page = DecisionForm(words=PACKAGE).decision_field.as_widget()
    assert 'name="outcome"' in page and 'value="approve"' in page and 'value="corrections"' in page
    assert ">Choose the outcome…<" in page and ">Returned for corrections<" in page
    assert DecisionForm(words=PACKAGE).comments_field.label == "Comments (what to correct, when returned)"
    form = SubmissionReviewForm({"decision": "accept", "certificate_number": "SA-1"})
    assert form.is_valid() and form.accepted and list(form.fields) == ["decision", "certificate_number", "comments"]


@pytest.mark.parametrize("from_queue", [False, True], ids=["chart", "queue"])
def test_a_row_of_the_chart_or_the_queue_renders_the_same_partial_with_the_names_its_review_reads(from_queue):
    def row(form, **extra):
        return render_to_string(
            "reviews/_decision.html", {"form": form, "action": "/review/", "from_queue": from_queue, **extra}
        )

    record = row(
        DecisionForm(words=RECORD_DECISION), placeholder="Why", label="Reason to return", about="SM", person="Jo"
    )
    assert record.count('action="/review/"') == 2  # verified by its button; returned by the other form, with a reason
    assert 'name="verify" value="1">Verify<' in record and 'name="reason" placeholder="Why"' in record
    assert 'aria-label="Reason to return SM of Jo"' in record
    assert record.count('name="from_queue"') == (2 if from_queue else 0)
    submission = row(SubmissionReviewForm(), placeholder="Comments", extra="training/_certificate_to_issue.html")
    assert 'name="decision" value="accept">Accept<' in submission
    assert 'name="decision" value="return">Return for corrections<' in submission
    assert 'name="comments"' in submission and 'name="certificate_number"' in submission
    assert "<select" not in record + submission and "Record the review" not in record + submission


KIND = "course_record"


@pytest.fixture
def waiting(company, employer):
    return review_open(company=company, kind=KIND, actor=employer)


def test_review_assign_gives_a_waiting_review_to_an_auditor_who_then_decides_it(waiting, staff_user):
    auditor, other = AuditorFactory(), AuditorFactory()
    assert review_assign(review=waiting, reviewer=auditor, actor=staff_user, what="manual") is True
    waiting.refresh_from_db()
    assert waiting.reviewer == auditor and waiting.assigned_at is not None
    reviews = GivenToPolicy(Review, given_to="reviewer")
    assert reviews.user_can(auditor, Action.ACT, waiting) and reviews.user_can(staff_user, Action.ACT, waiting)
    assert not reviews.user_can(other, Action.ACT, waiting)
    assert waiting.history.first().reviewer == auditor  # who gave it to whom, kept with the review's history


def test_review_assign_tells_nobody_when_staff_take_the_review_themselves(waiting, staff_user):
    assert review_assign(review=waiting, reviewer=staff_user, actor=staff_user, what="manual") is False
    assert Review.objects.get(pk=waiting.pk).reviewer == staff_user


def test_review_assign_refuses_someone_who_cannot_review_by_the_reviewer_field(waiting, staff_user, employer):
    with pytest.raises(ValidationError) as refused:
        review_assign(review=waiting, reviewer=employer, actor=staff_user, what="manual")
    assert refused.value.message_dict == {
        "reviewer": ["Give the review to an active program auditor or SCSA staff member."]
    }
    assert Review.objects.get(pk=waiting.pk).reviewer is None


def test_review_assign_refuses_a_review_already_decided(waiting, staff_user):
    review_accept(review=waiting, actor=staff_user)
    with pytest.raises(ValidationError, match=r"Only a package waiting for review can be given to a reviewer\."):
        review_assign(review=waiting, reviewer=AuditorFactory(), actor=staff_user, what="package")
    assert Review.objects.get(pk=waiting.pk).reviewer is None
