"""The pages of the questions to SCSA: a company's own (ask, read the answers) and the staff queue."""

from dataclasses import dataclass

from django.contrib import messages
from django.shortcuts import redirect, render
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import mark_safe

from companies.access import Need, company_view
from companies.questions import rules, selectors, services
from companies.questions.forms import AnswerForm, QuestionForm
from companies.questions.models import Question
from secor.hooks import Topic
from secor.paging import kept_page, window
from secor.roles import staff_required
from secor.viewutils import REFUSED, call_service, submitted

QUEUE_PAGE_SIZE = 25
COMPANY_PAGE_SIZE = 20


def _with_waiting_days(questions, today) -> None:
    for question in questions:
        if not question.is_answered:
            question.waiting_days = rules.days_waiting(asked_on=timezone.localdate(question.asked_at), today=today)


@company_view(Need.EDIT)
def company_questions(request, company):
    """The company's questions to SCSA and the answers; its people ask a new one here, from the step whose
    "Ask SCSA" link brought them (`?step=`). Program auditors have no part in it."""
    form = QuestionForm(request.POST or None, initial={"step": request.GET.get("step", Question.Step.GENERAL)})
    if (
        submitted(request, form)
        and call_service(
            form,
            services.question_ask,
            company=company,
            actor=request.user,
            text=form.cleaned_data["text"],
            step=form.cleaned_data["step"],
        )
        is not REFUSED
    ):
        messages.success(request, "Your question is sent to SCSA. A Safety Advisor answers on this page and by email.")
        return redirect("companies:questions", company.pk)
    page = window(selectors.questions_of_company(company=company), request.GET.get("page"), COMPANY_PAGE_SIZE)
    _with_waiting_days(page, timezone.localdate())
    step = form["step"].value() if form.is_bound else form.initial["step"]
    return render(
        request,
        "companies/questions.html",
        {
            "company": company,
            "access": request.access,
            "form": form,
            "step_label": dict(Question.Step.choices).get(step, Question.Step.GENERAL.label),
            "page": page,
        },
    )


# What a row of the staff queue shows: the question and its answer, its company's name, who asked and answered.
QUEUE_READ = (Topic.COMPANY, Topic.ACCOUNTS)


@dataclass(frozen=True)
class QueueRow:
    """A question of the staff queue, rendered (with its age in days: kept for the day)."""

    pk: int
    html: str


def _queue_rows(questions) -> dict[int, QueueRow]:
    questions = list(questions)
    _with_waiting_days(questions, timezone.localdate())
    row = get_template("companies/_question_queue_row.html")
    return {question.pk: QueueRow(question.pk, mark_safe(row.render({"question": question}))) for question in questions}


@staff_required
def question_queue(request):
    """The questions of every company: those waiting first, the oldest first, each with its age in days. Its count
    and rows are kept until a write to what they show (only staff read it, all of it)."""
    show = request.GET.get("show", "")
    show = show if show in selectors.SHOWS else ""
    page = kept_page(
        selectors.question_queue(user=request.user, show=show),
        request.GET.get("page"),
        QUEUE_PAGE_SIZE,
        name=f"question-queue:{show}",
        topics=QUEUE_READ,
        render=_queue_rows,
    )
    return render(
        request, "companies/questions_queue.html", {"page": page, "show": show, "shows": selectors.SHOWS.items()}
    )


@staff_required
def question_answer(request, pk: int):
    question = selectors.question_get_for_user(user=request.user, pk=pk)
    form = AnswerForm(request.POST or None)
    if (
        submitted(request, form)
        and call_service(
            form, services.question_answer, question=question, actor=request.user, answer=form.cleaned_data["answer"]
        )
        is not REFUSED
    ):
        messages.success(request, f"Your answer is emailed to {question.asked_by} and kept on the company's timeline.")
        return redirect("companies:question_queue")
    if form.errors:
        question.refresh_from_db()  # another member of staff may have answered meanwhile: show their answer
    if question.is_answered:
        if form.non_field_errors():
            messages.error(request, " ".join(form.non_field_errors()))
        form = None
    else:
        _with_waiting_days([question], timezone.localdate())
    return render(
        request,
        "companies/questions_answer.html",
        {"question": question, "company": question.company, "form": form},
    )
