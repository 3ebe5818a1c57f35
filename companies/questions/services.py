"""Every write of the questions to SCSA: an employer asks, staff answer (emailed, and kept on the timeline)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from companies import events
from companies.access import CompanyAccess
from companies.models import Company
from companies.questions import notices
from companies.questions.models import ANSWER_MAX_CHARS, QUESTION_MAX_CHARS, Question
from secor import hooks
from secor.core.models import User
from secor.dates import long_date
from secor.notices.services import notice_send
from secor.timeline.models import Event
from secor.timeline.services import event_record


def _text(value: str, *, field: str, limit: int, missing: str) -> str:
    value = value.strip()
    if not value:
        raise ValidationError({field: missing})
    if len(value) > limit:
        raise ValidationError({field: f"Keep it to {limit:,} characters (it has {len(value):,})."})
    return value


def question_asked_event(question: Question) -> Event:
    """The timeline's line for a question asked (the demo dates it in the past)."""
    return event_record(
        company=question.company,
        actor=question.asked_by,
        kind=events.QUESTIONS,
        subject=question,
        summary=f"Question asked of SCSA from: {question.get_step_display()}",
        detail=question.text,
    )


def question_answered_event(question: Question) -> Event:
    """The timeline's line for an answer, with the question it answers."""
    return event_record(
        company=question.company,
        actor=question.answered_by,
        kind=events.QUESTIONS,
        subject=question,
        summary=f"SCSA answered the question of {question.asked_by} (from: {question.get_step_display()})",
        detail=f"Question: {question.text}\n\nAnswer: {question.answer}",
    )


@transaction.atomic
def question_ask(*, company: Company, actor: User, text: str, step: str = Question.Step.GENERAL) -> Question:
    """An employer of the company asks an SCSA Safety Advisor; it waits in the staff queue."""
    if not CompanyAccess(actor, company).is_member:
        raise ValidationError(
            "Questions are asked by the company's own people; SCSA answers them from the questions queue."
        )
    question = Question.objects.create(
        company=company,
        asked_by=actor,
        step=step if step in Question.Step.values else Question.Step.GENERAL,
        text=_text(text, field="text", limit=QUESTION_MAX_CHARS, missing="Write your question."),
    )
    question_asked_event(question)
    hooks.changed(hooks.Topic.COMPANY, company_ids=[company.pk])
    return question


@transaction.atomic
def question_answer(*, question: Question, actor: User, answer: str) -> Question:
    """Staff answer a question once: the answer is emailed to the person who asked and, with the question,
    goes on the company's timeline."""
    if not actor.is_program_staff:
        raise ValidationError("Only SCSA staff answer the questions of companies.")
    answer = _text(answer, field="answer", limit=ANSWER_MAX_CHARS, missing="Write the answer; it is emailed as it is.")
    # Read under the row lock: two staff answering at once, the second is told the first answered.
    question = (
        Question.objects.select_for_update(of=("self",))
        .select_related("company", "asked_by", "answered_by")
        .get(pk=question.pk)
    )
    if question.is_answered:
        raise ValidationError(
            f"{question.answered_by} already answered this question on "
            f"{long_date(timezone.localdate(question.answered_at))}; the answer is below."
        )
    question.answer, question.answered_by, question.answered_at = answer, actor, timezone.now()
    question.save(update_fields=["answer", "answered_by", "answered_at"])
    question_answered_event(question)
    hooks.changed(hooks.Topic.COMPANY, company_ids=[question.company_id])
    notice_send(
        kind=notices.QUESTION_ANSWERED,
        recipients=notices.recipients_of_answer(question),
        subject=question,
        company=question.company,
    )
    return question
