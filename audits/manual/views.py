"""The manual's pages: the company's manual with every version, sending it, giving it to a reviewer, the
review by section, and the reviewers' queue (MAN-1, MAN-2)."""

from functools import partial

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from audits.manual import forms, selectors, services
from audits.manual.access import MANUALS
from audits.manual.selectors import sections_to_correct
from audits.program_documents.selectors import MANUAL_STEP, current_program_documents
from audits.reviewing.pages import give_review, review_queue, version_age, with_ages
from audits.tool.selectors import audit_tool_on, sections_of
from companies.access import Action, Need, Reviewers, company_object_view, company_view
from secor.reviews.forms import ReviewerAssignForm
from secor.reviews.models import Review
from secor.roles import staff_or_auditor_required
from secor.viewutils import REFUSED, call_service, submitted


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
        "may_decide": current is not None and MANUALS.user_can(request.user, Action.ACT, current),
        "tool": current.tool if current else audit_tool_on(today),
        "not_sendable": selectors.manual_not_sendable(company=company, today=today),
    }
    if current is not None and request.access.is_staff and current.review.state == Review.State.SUBMITTED:
        context["assign_form"] = ReviewerAssignForm(initial={"reviewer": current.review.reviewer_id})
    return render(request, "audits/manual.html", context)


@company_view(Need.EDIT)
def manual_submit(request, company):
    return _manual_files_page(
        request,
        company,
        tool=audit_tool_on(timezone.localdate()),
        send=partial(services.manual_submit, company=company),
        sent=f"The health & safety manual of {company} was sent for review.",
    )


@company_view(Need.EDIT)
def manual_resubmit(request, company, manual_pk: int):
    manual = selectors.manual_get_for_company(company=company, pk=manual_pk)
    version = manual.review.latest_version
    return _manual_files_page(
        request,
        company,
        tool=manual.tool,
        send=partial(services.manual_resubmit, manual=manual),
        sent=f"The corrected manual of {company} was sent for review.",
        returned=lambda: {
            "manual": manual,
            "returned": version.section_comments.all(),
            "to_correct": sections_to_correct(version),
        },
    )


def _manual_files_page(request, company, *, tool, send, sent: str, returned=dict):
    """The manual's files by section, sent for review (`send`: the service sending the first manual or a
    corrected one) and back to the manual's page, or the form again with the reasons. `returned` adds what the
    form shows of a returned manual, read only when the form is shown."""
    sections = sections_of(tool)
    form = forms.ManualFilesForm(
        request.POST or None, request.FILES or None, sections=sections, rows=forms.file_rows(request.GET.get("rows"))
    )
    if (
        submitted(request, form)
        and call_service(form, send, actor=request.user, parts=form.cleaned_data["parts"]) is not REFUSED
    ):
        messages.success(request, sent)
        return redirect("audits:manual", company.pk)
    context = {
        "form": form,
        "company": company,
        "not_sendable": selectors.manual_not_sendable(company=company, today=timezone.localdate()),
        "tool": tool,
        "sections": sections,
        **returned(),
        "program_documents": current_program_documents(MANUAL_STEP),
    }
    return render(request, "audits/manual_form.html", context)


@company_view(Need.STAFF)
def manual_assign(request, company, manual_pk: int):
    manual = selectors.manual_get_for_company(company=company, pk=manual_pk)
    return give_review(
        request,
        company,
        assign=services.manual_assign,
        what="manual review",
        queue="audits:manual_queue",
        page="audits:manual",
        manual=manual,
    )


# An assigned auditor who was not given this review: not theirs to decide (404).
@company_object_view(
    MANUALS,
    need=Reviewers.STAFF_OR_ASSIGNED_AUDITOR,
    action=Action.ACT,
    get=selectors.manual_get_for_company,
    kwarg="manual_pk",
)
def manual_review(request, company, manual):
    sections = sections_of(manual.tool)
    carry_over = selectors.review_carry_over(manual)
    form = forms.ManualReviewForm(request.POST or None, sections=sections, previous=carry_over.verdicts)
    if (
        submitted(request, form)
        and call_service(
            form,
            services.manual_decide,
            manual=manual,
            actor=request.user,
            verdicts=form.cleaned_data["verdicts"],
            comments=form.comments,
        )
        is not REFUSED
    ):
        outcome = "approved" if form.accepted else "returned for corrections"
        messages.success(request, f"The health & safety manual of {company} was {outcome}.")
        return redirect("audits:manual", company.pk)
    version = manual.review.latest_version
    return render(
        request,
        "audits/manual_review.html",
        {
            "form": form,
            "company": company,
            "manual": manual,
            "version": version,
            "age": version_age(version),
            "carry_over": carry_over,
        },
    )


@staff_or_auditor_required
def manual_queue(request):
    """MAN-2: manuals waiting for review, with their ages against the 4-week warning and 6-week target."""
    return review_queue(request, waiting_for=selectors.manual_queue, template="audits/manual_queue.html")
