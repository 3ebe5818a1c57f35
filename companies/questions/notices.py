"""The email that carries SCSA's answer to the person who asked."""

from django.urls import reverse

from companies.notices import company_recipients
from companies.questions.models import Question
from secor.notices.kinds import Message, NoticeKind, Recipient, notice_kind, subject_pk
from secor.notices.text import render_text, site_url


def recipients_of_answer(question: Question) -> list[Recipient]:
    """The person who asked; the company's users if that login has since been closed."""
    asker = question.asked_by
    if asker.is_active:
        return [Recipient(asker.email, asker.get_full_name(), asker.pk)]
    return company_recipients(question.company)


def _question_answered(notice) -> Message:
    question = Question.objects.select_related("company", "answered_by").get(pk=subject_pk(notice.subject_key))
    url = site_url(reverse("companies:questions", args=[question.company_id]))
    return Message(
        subject=f"[SECOR] SCSA answered your question about {question.get_step_display().lower()}",
        body=render_text("email/question_answered.txt", {"question": question, "url": url}),
        link=url,
    )


QUESTION_ANSWERED = notice_kind(NoticeKind("question-answered", "Answer to a question", render=_question_answered))
