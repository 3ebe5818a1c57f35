"""The email that carries SCSA's answer to the person who asked."""

from django.urls import reverse
from django.utils import timezone

from companies.notices import company_recipients
from companies.questions.models import Question
from secor.dates import long_date
from secor.notices.editable import EditableText, editable_text, secors_own
from secor.notices.kinds import NoticeKind, Recipient, notice_kind, subject_pk
from secor.notices.text import site_url


def recipients_of_answer(question: Question) -> list[Recipient]:
    """The person who asked; the company's users if that login has since been closed."""
    asker = question.asked_by
    if asker.is_active:
        return [Recipient(asker.email, asker.get_full_name(), asker.pk)]
    return company_recipients(question.company)


QUESTION_ANSWERED = notice_kind(NoticeKind("question-answered", "Answer to a question", render=secors_own))


def _answer_values(notice) -> dict[str, str]:
    question = Question.objects.select_related("company", "answered_by", "asked_by").get(
        pk=subject_pk(notice.subject_key)
    )
    return {
        "company": question.company.display_name,
        "asked_by": str(question.asked_by),
        "asked_on": long_date(timezone.localdate(question.asked_at)),
        "step": question.get_step_display().lower(),
        "question": question.text,
        "answered_by": str(question.answered_by),
        "answer": question.answer,
        "url": site_url(reverse("companies:questions", args=[question.company_id])),
    }


editable_text(
    EditableText(
        QUESTION_ANSWERED,
        placeholders={
            "company": "the company's name",
            "asked_by": "who asked",
            "asked_on": "the day it was asked",
            "step": "the step of the company's journey it was asked from",
            "question": "the question",
            "answered_by": "who answered at SCSA",
            "answer": "SCSA's answer",
            "url": "the company's questions page",
        },
        values=_answer_values,
        subject="[SECOR] SCSA answered your question about {{ step }}",
        body="""Hello,

{{ answered_by }} of SCSA answered the question {{ asked_by }} asked on {{ asked_on }} about {{ step }}.

The question:
{{ question }}

The answer:
{{ answer }}

{{ company }}'s questions and SCSA's answers: {{ url }}
""",
    )
)
