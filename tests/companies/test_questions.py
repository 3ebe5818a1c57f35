"""Ask SCSA for help: an employer asks a Safety Advisor from any step of the journey, staff answer in SECOR from
their queue, the answer is emailed and kept on the company's timeline, and the employer reads it on a page of
their own (the seed: "the SCSA Safety Advisors are available to assist you")."""

from datetime import date, datetime, time

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from companies.questions.models import QUESTION_MAX_CHARS, Question
from secor.timeline.models import Event
from tests.clock import REGINA, on
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 7)


def asked(company, user, *, days_ago: int, step=Question.Step.TRAINING, text="How do I record a course?") -> Question:
    day = date.fromordinal(TODAY.toordinal() - days_ago)
    return Question.objects.create(
        company=company,
        asked_by=user,
        step=step,
        text=text,
        asked_at=datetime.combine(day, time(9), tzinfo=REGINA),
    )


def answered(question: Question, staff, text="Use Record a course on the chart.") -> Question:
    question.answer, question.answered_by, question.answered_at = text, staff, timezone.now()
    question.save()
    return question


@pytest.mark.parametrize(
    ("page", "step"),
    [
        ("companies:detail", "next-steps"),
        ("training:chart", "training"),
        ("audits:manual", "manual"),
        ("audits:audit_request", "audit-request"),
        ("audits:maintenance", "maintenance"),
        ("audits:maintenance_submit", "maintenance"),
    ],
)
def test_each_step_of_the_employers_journey_offers_ask_scsa_with_its_step(
    login, company, employer, staff_user, page, step
):
    link = f"{reverse('companies:questions', args=[company.pk])}?step={step}#ask"
    assert link in login(employer).get(reverse(page, args=[company.pk])).text
    # Staff answer questions; they do not ask them.
    assert "Ask an SCSA Safety Advisor" not in login(staff_user).get(reverse(page, args=[company.pk])).text


def test_an_employer_asks_from_a_step_and_the_question_is_kept_with_the_company_asker_time_and_step(
    login, company, employer
):
    client = login(employer)
    url = reverse("companies:questions", args=[company.pk])
    with on(TODAY):
        form = client.get(url, {"step": "training"})
        assert "About: <strong>Training chart</strong>" in form.text
        response = client.post(url, {"step": "training", "text": "  Does a CPR course count for first aid?  "})
    assert response.url == url
    question = Question.objects.get()
    assert (question.company, question.asked_by, question.step, question.text) == (
        company,
        employer,
        Question.Step.TRAINING,
        "Does a CPR course count for first aid?",
    )
    assert timezone.localdate(question.asked_at) == TODAY
    page = client.get(url).text
    assert "Does a CPR course count for first aid?" in page
    assert "A Safety Advisor will answer here and by email." in page
    event = Event.objects.get(company=company, kind="questions")
    assert (event.actor, event.summary, event.detail) == (
        employer,
        "Question asked of SCSA from: Training chart",
        question.text,
    )


def test_a_step_the_links_do_not_name_is_kept_as_a_general_question(login, company, employer):
    login(employer).post(reverse("companies:questions", args=[company.pk]), {"step": "nowhere", "text": "Hello?"})
    assert Question.objects.get().step == Question.Step.GENERAL


def test_an_empty_question_is_refused_by_its_field_and_the_step_kept(login, company, employer):
    response = login(employer).post(
        reverse("companies:questions", args=[company.pk]), {"step": "manual", "text": "   "}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["text"] == ["Write your question: what you want to know, and about what."]
    assert "About: <strong>Health &amp; safety manual</strong>" in response.text
    assert not Question.objects.exists()


def test_a_question_too_long_is_refused_with_its_text_kept(login, company, employer):
    text = " ".join(["Why?"] * 500)  # 2,499 characters
    response = login(employer).post(reverse("companies:questions", args=[company.pk]), {"step": "manual", "text": text})
    assert response.context["form"].errors["text"] == [f"Keep it to {QUESTION_MAX_CHARS:,} characters (it has 2499)."]
    assert "Why? Why? Why?" in response.text  # what was typed is back in the box
    assert not Question.objects.exists()


def test_staff_cannot_ask_in_a_companys_name(login, company, staff_user):
    response = login(staff_user).post(reverse("companies:questions", args=[company.pk]), {"text": "On their behalf"})
    assert response.status_code == 200
    assert "Questions are asked by the company&#x27;s own people" in response.text
    assert not Question.objects.exists()


def test_an_employer_sees_only_their_companys_questions_and_a_program_auditor_none(
    login, company, employer, other_company, other_employer, auditor
):
    asked(company, employer, days_ago=1, text="Alice's question")
    asked(other_company, other_employer, days_ago=1, text="Charlie's question")
    page = login(employer).get(reverse("companies:questions", args=[company.pk])).text
    assert "Alice&#x27;s question" in page and "Charlie" not in page
    assert login(employer).get(reverse("companies:questions", args=[other_company.pk])).status_code == 404
    assert login(auditor).get(reverse("companies:questions", args=[company.pk])).status_code == 404
    assert login(auditor).get(reverse("companies:question_queue")).status_code == 404


def test_the_staff_queue_lists_those_waiting_first_oldest_first_with_their_age_and_step(
    login, company, employer, other_company, other_employer, staff_user
):
    recent = asked(company, employer, days_ago=2, step=Question.Step.MANUAL)
    oldest = asked(other_company, other_employer, days_ago=9, step=Question.Step.AUDIT_REQUEST)
    done = answered(asked(company, employer, days_ago=20), staff_user)
    client = login(staff_user)
    with on(TODAY):
        everything = client.get(reverse("companies:question_queue"))
        waiting = client.get(reverse("companies:question_queue"), {"show": "waiting"})
        answered_only = client.get(reverse("companies:question_queue"), {"show": "answered"})
    assert [row.pk for row in everything.context["page"]] == [oldest.pk, recent.pk, done.pk]
    assert 'data-waiting-days="9">waiting 9 days</span>' in everything.text
    assert 'data-waiting-days="2">waiting 2 days</span>' in everything.text
    assert "from <em>Audit request</em>" in everything.text
    assert [row.pk for row in waiting.context["page"]] == [oldest.pk, recent.pk]
    assert [row.pk for row in answered_only.context["page"]] == [done.pk]


def test_staff_answer_the_asker_is_emailed_and_the_answer_is_on_the_timeline_and_the_companys_page(
    login, company, employer, staff_user, django_capture_on_commit_callbacks
):
    colleague = MembershipFactory(company=company, is_owner=False, user=UserFactory(email="erin@roofing.example"))
    question = asked(company, colleague.user, days_ago=3, step=Question.Step.MAINTENANCE, text="Which SWPs count?")
    client = login(staff_user)
    url = reverse("companies:question_answer", args=[question.pk])
    assert "Which SWPs count?" in client.get(url).text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"answer": "Any two written for your own work."})
    assert response.url == reverse("companies:question_queue")
    question.refresh_from_db()
    assert (question.answer, question.answered_by) == ("Any two written for your own work.", staff_user)
    (email,) = mail.outbox
    assert email.to == ["erin@roofing.example"]
    assert email.subject == "[SECOR] SCSA answered your question about annual maintenance package"
    assert "Which SWPs count?" in email.body and "Any two written for your own work." in email.body
    assert reverse("companies:questions", args=[company.pk]) in email.body
    event = Event.objects.filter(company=company, kind="questions").get()
    assert event.actor == staff_user
    assert event.detail == "Question: Which SWPs count?\n\nAnswer: Any two written for your own work."
    # The company's page shows the answer to every one of its people, not only the one who asked.
    page = login(employer).get(reverse("companies:questions", args=[company.pk])).text
    assert "Any two written for your own work." in page
    assert f"Answered by {staff_user}" in page


def test_a_question_is_answered_once(login, company, employer, staff_user, django_capture_on_commit_callbacks):
    question = answered(asked(company, employer, days_ago=1), staff_user, text="The first answer.")
    with django_capture_on_commit_callbacks(execute=True):
        response = login(staff_user).post(
            reverse("companies:question_answer", args=[question.pk]), {"answer": "A second one."}, follow=True
        )
    assert "already answered this question" in response.text
    assert "The first answer." in response.text
    question.refresh_from_db()
    assert question.answer == "The first answer."
    assert not mail.outbox


def test_an_empty_answer_is_refused_by_its_field(login, company, employer, staff_user):
    question = asked(company, employer, days_ago=1)
    response = login(staff_user).post(reverse("companies:question_answer", args=[question.pk]), {"answer": ""})
    assert response.context["form"].errors["answer"] == ["Write the answer; it is emailed as it is."]
    question.refresh_from_db()
    assert not question.is_answered


def test_the_staff_navigation_counts_the_questions_waiting_as_the_queue_lists_them(
    login, company, employer, staff_user
):
    first = asked(company, employer, days_ago=3)
    asked(company, employer, days_ago=1)
    client = login(staff_user)
    page = client.get(reverse("pages:dashboard"))
    assert page.context["waiting"]["questions"] == 2
    assert 'data-waiting="questions">2<span class="visually-hidden"> waiting for an answer</span>' in page.text
    assert client.get(reverse("companies:question_queue"), {"show": "waiting"}).context["page"].paginator.count == 2
    # Answered through the page, the count (kept until data changes) follows at once.
    client.post(reverse("companies:question_answer", args=[first.pk]), {"answer": "Done."})
    assert client.get(reverse("pages:dashboard")).context["waiting"]["questions"] == 1


def test_the_staff_queue_is_kept_as_rendered_until_a_question_is_answered(login, company, employer, staff_user):
    """Its count and rows are kept (issue 23: rendering them was most of the page), until a write to the companies
    (asking and answering say so): an answer is on the queue at once."""
    question = asked(company, employer, days_ago=3)
    client = login(staff_user)
    queue = reverse("companies:question_queue")
    with on(TODAY):
        assert "Answer it" in client.get(queue).text
        with CaptureQueriesContext(connection) as kept:
            client.get(queue)
        assert not [query for query in kept.captured_queries if '"companies_question"."text"' in query["sql"]]
        client.post(reverse("companies:question_answer", args=[question.pk]), {"answer": "Use Record a course."})
        page = client.get(queue)
    assert "Answered by" in page.text and "Answer it" not in page.text
