"""Training pages of a company: the chart, records, trained employees, submissions, and the review queue.

Every company view is a `company_view`: the company is looked up in the user's scope and the role checked
before anything else (companies/access.py).
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from companies.access import Need, company_view, require_post
from secor.pdf import render_pdf
from secor.roles import staff_or_auditor_required
from secor.viewutils import action_form, call_service, submitted
from training import selectors, services
from training.forms import (
    DesignationForm,
    ExtensionForm,
    RecordCorrectionForm,
    RecordForm,
    RejectForm,
    ResubmissionForm,
    SubmissionForm,
    SubmissionReviewForm,
)
from training.models import ProficiencySubmission, TrainingRecord
from training.rules import CourseCode

QUEUE_PAGE_SIZE = 25


def _back_to_chart(company):
    return redirect("training:chart", company.pk)


def _after_review(request, company):
    """Reviewers work from the queue or from the company's chart; send them back where they were."""
    return redirect("verification_queue") if "from_queue" in request.POST else _back_to_chart(company)


@company_view(Need.READ)
def chart(request, company):
    return _render_chart(request, company)


def _render_chart(request, company, designation_form=None):
    access = request.access
    context = {
        "company": company,
        "access": access,
        "chart": selectors.training_chart(company=company, today=timezone.localdate()),
        "records": selectors.records_for_company(company=company),
        "submissions": selectors.submissions_for_company(company=company),
        "may_review_records": access.may_review(TrainingRecord.REVIEWERS),
        "may_review_submissions": access.may_review(ProficiencySubmission.REVIEWERS),
        # TRN-5, TRN-7: the trainings whose 8-month deadline staff may extend.
        "extendable": (CourseCode.SAFETY_AUDITOR, CourseCode.LSE),
    }
    if access.may_edit:
        context["designation_form"] = designation_form or DesignationForm(company=company)
    return render(request, "training/chart.html", context)


@company_view(Need.READ)
def chart_pdf(request, company):
    today = timezone.localdate()
    pdf = render_pdf(
        "pdf/training_chart.html", {"chart": selectors.training_chart(company=company, today=today), "today": today}
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="secor-training-chart-{company.pk}-{today:%Y-%m-%d}.pdf"'
    return response


@company_view(Need.EDIT)
def record_add(request, company):
    form = RecordForm(request.POST or None, request.FILES or None, company=company)
    if submitted(request, form) and (
        record := call_service(form, services.record_add, company=company, actor=request.user, **form.cleaned_data)
    ):
        messages.success(request, f"{record.course} recorded for {record.employee}; SCSA will verify the certificate.")
        return _back_to_chart(company)
    return render(request, "training/record_form.html", {"form": form, "company": company})


@company_view(Need.EDIT)
def record_correct(request, company, record_pk: int):
    record = selectors.record_get_for_company(company=company, pk=record_pk)
    form = RecordCorrectionForm(
        request.POST or None,
        request.FILES or None,
        initial={
            "completed_on": record.completed_on,
            "certificate_number": record.certificate_number,
            "expires_on": record.expires_on,
        },
    )
    if submitted(request, form) and call_service(
        form, services.record_correct, record=record, actor=request.user, **form.cleaned_data
    ):
        messages.success(request, "Correction sent; SCSA will verify the record again.")
        return _back_to_chart(company)
    return render(request, "training/record_form.html", {"form": form, "company": company, "record": record})


@company_view(TrainingRecord.REVIEWERS)
def record_review(request, company, record_pk: int):
    record = selectors.record_get_for_company(company=company, pk=record_pk)
    require_post(request)
    if "verify" in request.POST:
        form = action_form(request)
        call_service(form, services.record_verify, record=record, actor=request.user)
    else:
        form = RejectForm(request.POST)
        if form.is_valid():
            call_service(form, services.record_reject, record=record, actor=request.user, **form.cleaned_data)
    _report(request, form, "Record reviewed.")
    return _after_review(request, company)


@company_view(Need.STAFF)
def deadline_extend(request, company, record_pk: int):
    record = selectors.record_get_for_company(company=company, pk=record_pk)
    require_post(request)
    form = ExtensionForm(request.POST)
    if form.is_valid():
        call_service(form, services.deadline_extend, record=record, actor=request.user, **form.cleaned_data)
    _report(request, form, f"Deadline after the {record.course} of {record.employee} extended.")
    return _back_to_chart(company)


@company_view(Need.EDIT)
def designate(request, company):
    require_post(request)
    form = DesignationForm(request.POST, company=company)
    if form.is_valid() and call_service(
        form, services.trained_employee_designate, company=company, actor=request.user, **form.cleaned_data
    ):
        messages.success(request, "Trained employee designated.")
        return _back_to_chart(company)
    # Refused: the chart again, with the choices kept and the reason by the field.
    return _render_chart(request, company, designation_form=form)


@company_view(Need.EDIT)
def designation_remove(request, company, designation_pk: int):
    designation = get_object_or_404(company.trained_employees, pk=designation_pk)
    require_post(request)
    services.trained_employee_remove(designation=designation, actor=request.user)
    messages.success(request, "Designation removed.")
    return _back_to_chart(company)


@company_view(Need.EDIT)
def submission_add(request, company):
    form = SubmissionForm(request.POST or None, request.FILES or None, company=company)
    if submitted(request, form) and (
        submission := call_service(
            form, services.submission_add, company=company, actor=request.user, **form.cleaned_data
        )
    ):
        messages.success(request, f"{submission.get_kind_display()} submitted for review.")
        return _back_to_chart(company)
    return render(request, "training/submission_form.html", {"form": form, "company": company})


@company_view(Need.EDIT)
def submission_resubmit(request, company, submission_pk: int):
    submission = selectors.submission_get_for_company(company=company, pk=submission_pk)
    form = ResubmissionForm(request.POST or None, request.FILES or None)
    if submitted(request, form) and call_service(
        form, services.submission_resubmit, submission=submission, actor=request.user, **form.cleaned_data
    ):
        messages.success(request, "Corrected file submitted for review.")
        return _back_to_chart(company)
    return render(
        request, "training/submission_form.html", {"form": form, "company": company, "submission": submission}
    )


@company_view(ProficiencySubmission.REVIEWERS)
def submission_review(request, company, submission_pk: int):
    submission = selectors.submission_get_for_company(company=company, pk=submission_pk)
    require_post(request)
    form = SubmissionReviewForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        if data["decision"] == "accept":
            call_service(
                form,
                services.submission_accept,
                submission=submission,
                actor=request.user,
                certificate_number=data["certificate_number"],
            )
        else:
            call_service(
                form, services.submission_return, submission=submission, actor=request.user, comments=data["comments"]
            )
    _report(request, form, "Review recorded.")
    return _after_review(request, company)


@staff_or_auditor_required
def queue(request):
    """What waits for review, oldest first, a page at a time: staff verify records; staff and the assigned
    auditor review submissions, seeing each one's training date and deadline, versions and file."""
    records, submissions = selectors.verification_queue(user=request.user)
    records_page = Paginator(records, QUEUE_PAGE_SIZE).get_page(request.GET.get("records_page"))
    submissions_page = Paginator(submissions, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    deadlines = selectors.submission_deadlines(submissions_page)
    for submission in submissions_page:
        submission.deadline = deadlines[submission.pk]
    return render(
        request,
        "training/queue.html",
        {
            "records": records_page,
            "submissions": submissions_page,
            "today": timezone.localdate(),
        },
    )


def _report(request, form, success: str) -> None:
    """Refused actions say why, as a message on the page the user returns to."""
    if form.errors:
        messages.error(request, " ".join(str(message) for errors in form.errors.values() for message in errors))
    else:
        messages.success(request, success)
