"""The manual's pages: the company's manual with every version, sending it, giving it to a reviewer, the
review by section, and the reviewers' queue (MAN-1, MAN-2)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from audits.manual import forms, selectors, services
from audits.manual.services import may_decide, sections_to_correct
from audits.program_documents.selectors import MANUAL_STEP, current_program_documents
from audits.tool.selectors import audit_tool_on, sections_of
from companies.access import Need, Reviewers, company_view, require_post
from secor.paging import paged
from secor.reviews.models import Review
from secor.reviews.rules import REVIEW_TARGET_DAYS, REVIEW_WARNING_DAYS, review_age
from secor.roles import staff_or_auditor_required
from secor.viewutils import call_service, report_errors, submitted

QUEUE_PAGE_SIZE = 25


def with_ages(reviewed, today) -> None:
    """Each manual or package waiting, with its age against the 4-week warning and the 6-week target (MAN-2)."""
    for item in reviewed:
        item.age = review_age(submitted_on=timezone.localdate(item.review.latest_version.submitted_at), today=today)


def reviewer_choices() -> list[tuple[str, str]]:
    """The reviewers a queue offers by each item, read once for the page, not once per item listed."""
    return [
        (choice.value if choice else "", label)
        for choice, label in forms.ReviewerAssignForm().fields["reviewer"].choices
    ]


@company_view(Need.READ)
def manual(request, company):
    manuals = selectors.manuals_of_company(company=company)
    today = timezone.localdate()
    waiting = [m for m in manuals if m.review.state == Review.State.SUBMITTED]
    with_ages(waiting, today)
    current = manuals[0] if manuals else None
    context = {
        "company": company,
        "access": request.access,
        "manuals": manuals,
        "current": current,
        "may_decide": current is not None and may_decide(current, request.user),
        "tool": current.tool if current else audit_tool_on(today),
    }
    if current is not None and request.access.is_staff and current.review.state == Review.State.SUBMITTED:
        context["assign_form"] = forms.ReviewerAssignForm(initial={"reviewer": current.reviewer_id})
    return render(request, "audits/manual.html", context)


@company_view(Need.EDIT)
def manual_submit(request, company):
    tool = audit_tool_on(timezone.localdate())
    sections = sections_of(tool)
    form = forms.ManualFilesForm(
        request.POST or None, request.FILES or None, sections=sections, rows=forms.file_rows(request.GET.get("rows"))
    )
    if submitted(request, form) and call_service(
        form, services.manual_submit, company=company, actor=request.user, parts=form.cleaned_data["parts"]
    ):
        messages.success(request, f"The health & safety manual of {company} was sent for review.")
        return redirect("audits:manual", company.pk)
    context = {
        "form": form,
        "company": company,
        "tool": tool,
        "sections": sections,
        "program_documents": current_program_documents(MANUAL_STEP),
    }
    return render(request, "audits/manual_form.html", context)


@company_view(Need.EDIT)
def manual_resubmit(request, company, manual_pk: int):
    manual = selectors.manual_get_for_company(company=company, pk=manual_pk)
    sections = sections_of(manual.tool)
    version = manual.review.latest_version
    form = forms.ManualFilesForm(
        request.POST or None, request.FILES or None, sections=sections, rows=forms.file_rows(request.GET.get("rows"))
    )
    if submitted(request, form) and call_service(
        form, services.manual_resubmit, manual=manual, actor=request.user, parts=form.cleaned_data["parts"]
    ):
        messages.success(request, f"The corrected manual of {company} was sent for review.")
        return redirect("audits:manual", company.pk)
    context = {
        "form": form,
        "company": company,
        "tool": manual.tool,
        "sections": sections,
        "manual": manual,
        "returned": version.section_comments.all(),
        "to_correct": sections_to_correct(version),
        "program_documents": current_program_documents(MANUAL_STEP),
    }
    return render(request, "audits/manual_form.html", context)


def give_review(request, company, *, assign, what: str, queue: str, page: str, **item):
    """Staff give a review (a manual, a maintenance package: `item` names it to the `assign` service) to a
    reviewer, from its queue or its page, and go back where they were."""
    require_post(request)
    form = forms.ReviewerAssignForm(request.POST)
    if form.is_valid() and call_service(
        form, assign, **item, reviewer=form.cleaned_data["reviewer"], actor=request.user
    ):
        reviewer = form.cleaned_data["reviewer"]
        messages.success(request, f"The {what} of {company} is given to {reviewer.get_full_name()}.")
    else:
        report_errors(request, form)
    return redirect(queue) if request.POST.get("next") == "queue" else redirect(page, company.pk)


@company_view(Need.STAFF)
def manual_assign(request, company, manual_pk: int):
    manual = selectors.manual_get_for_company(company=company, pk=manual_pk)
    return give_review(
        request,
        company,
        assign=services.manual_assign,
        what="manual review",
        queue="manual_queue",
        page="audits:manual",
        manual=manual,
    )


@company_view(Reviewers.STAFF_OR_ASSIGNED_AUDITOR)
def manual_review(request, company, manual_pk: int):
    manual = selectors.manual_get_for_company(company=company, pk=manual_pk)
    if not may_decide(manual, request.user):
        raise Http404  # an assigned auditor who was not given this review: not theirs to decide
    sections = sections_of(manual.tool)
    form = forms.ManualReviewForm(request.POST or None, sections=sections)
    if submitted(request, form) and call_service(
        form,
        services.manual_decide,
        manual=manual,
        actor=request.user,
        approve=form.cleaned_data["outcome"] == "approve",
        verdicts=form.cleaned_data["verdicts"],
        comments=form.cleaned_data["comments"],
    ):
        outcome = "approved" if form.cleaned_data["outcome"] == "approve" else "returned for corrections"
        messages.success(request, f"The health & safety manual of {company} was {outcome}.")
        return redirect("audits:manual", company.pk)
    version = manual.review.latest_version
    age = review_age(submitted_on=timezone.localdate(version.submitted_at), today=timezone.localdate())
    return render(
        request,
        "audits/manual_review.html",
        {"form": form, "company": company, "manual": manual, "version": version, "age": age},
    )


@staff_or_auditor_required
def manual_queue(request):
    """MAN-2: manuals waiting for review, the longest waiting first, each with its age against the 4-week
    warning and 6-week target; staff give each to a reviewer."""
    # `?waiting=28` or `42`: only the manuals past the 4-week warning or the 6-week target (the dashboard).
    waiting = request.GET.get("waiting", "")
    waited_more_than = int(waiting) if waiting in (str(REVIEW_WARNING_DAYS), str(REVIEW_TARGET_DAYS)) else None
    manuals = selectors.manual_queue(user=request.user, waited_more_than=waited_more_than)
    page = paged(manuals, request.GET.get("page"), QUEUE_PAGE_SIZE)
    with_ages(page, timezone.localdate())
    context = {"page": page, "waited_more_than": waited_more_than}
    if request.user.is_program_staff:
        context["reviewer_choices"] = reviewer_choices()
    return render(request, "audits/manual_queue.html", context)
