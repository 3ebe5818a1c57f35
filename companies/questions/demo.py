"""Questions to SCSA for the demo companies of `load_demo`: one answered, one waiting in the staff queue."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from companies.models import Company
from companies.questions.models import Question
from companies.questions.services import question_answered_event, question_asked_event
from secor.core.models import User

# Per demo company (by WCB number): (step, days ago asked, question, days ago answered or None, answer).
QUESTIONS = {
    "1093377": [
        (
            Question.Step.TRAINING,
            12,
            "Chantal took her SCOT course with Energy Safety Canada last year. Does that certificate count, or "
            "does she need to take SCOT again?",
            10,
            "It counts while it is valid: record it on the chart with its certificate and its expiry date, and "
            "SCSA verifies it like any other course. Once it expires she takes SCOT (or renews it) again.",
        ),
        (
            Question.Step.MANUAL,
            2,
            "Our manual uses our own hazard assessment form. Must it follow the sample form from the course "
            "material, or is our own layout acceptable?",
            None,
            "",
        ),
    ],
}


def _at(today: date, days_ago: int) -> datetime:
    return timezone.make_aware(datetime.combine(today - timedelta(days=days_ago), time(10)))


def _dated(event, at: datetime) -> None:
    # The timeline is ordered by `at`, which is now on insert; move it to when this happened.
    event.at = at
    event.save(update_fields=["at"])


def add_demo_questions(*, company: Company, owner: User, staff: User, today: date) -> None:
    """Recorded as the services record them, dated in the past, without emailing an answer nobody waits for."""
    for step, asked_days_ago, text, answered_days_ago, answer in QUESTIONS.get(company.wcb_account_number, []):
        question = Question.objects.create(
            company=company, asked_by=owner, step=step, text=text, asked_at=_at(today, asked_days_ago)
        )
        _dated(question_asked_event(question), question.asked_at)
        if answered_days_ago is None:
            continue
        question.answer, question.answered_by, question.answered_at = answer, staff, _at(today, answered_days_ago)
        question.save(update_fields=["answer", "answered_by", "answered_at"])
        _dated(question_answered_event(question), question.answered_at)
