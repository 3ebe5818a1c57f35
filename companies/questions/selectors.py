"""Reads of the questions to SCSA, starting from what the user may see."""

from django.db.models import F, QuerySet
from django.shortcuts import get_object_or_404

from companies.access import scoped
from companies.questions.models import Question

WAITING, ANSWERED = "waiting", "answered"
# The queue's filter: what each choice lists, in its order ("" lists every question, those waiting first).
SHOWS = {"": "Every question", WAITING: "Waiting for an answer", ANSWERED: "Answered"}


def _scoped(user) -> QuerySet[Question]:
    return scoped(Question.objects.all(), user)


def question_queue(*, user, show: str = "") -> QuerySet[Question]:
    """The staff queue: the questions waiting, oldest first, then (unless `show` says otherwise) those
    answered, the latest answer first. The navigation and the dashboard count `show=WAITING`."""
    questions = _scoped(user)
    if show == WAITING:
        questions = questions.filter(answered_at__isnull=True)
    elif show == ANSWERED:
        questions = questions.filter(answered_at__isnull=False)
    return questions.select_related("company", "asked_by", "answered_by").order_by(
        F("answered_at").desc(nulls_first=True), "asked_at", "pk"
    )


def questions_of_company(*, company) -> QuerySet[Question]:
    """A company's own questions and answers, the latest asked first."""
    return company.questions.select_related("asked_by", "answered_by").order_by("-asked_at", "-pk")


def question_get_for_user(*, user, pk: int) -> Question:
    return get_object_or_404(_scoped(user).select_related("company", "asked_by", "answered_by"), pk=pk)
