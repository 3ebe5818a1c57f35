"""Training pages of a company: the chart, records, trained employees, submissions, and the review queue.

Every company view is a `company_view`: the company is looked up in the user's scope and the role checked
before anything else (companies/access.py).
"""

from datetime import timedelta

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.vary import vary_on_headers

from companies.access import Need, company_view, require_post
from secor import query
from secor.company_keep import kept_for_company, viewer_variant
from secor.exports import Column, exported
from secor.paging import paged, window
from secor.reviews.forms import DecisionForm
from secor.roles import staff_or_auditor_required, staff_required
from secor.viewutils import REFUSED, call_service, confirmation_page, report, submitted
from training import deadlines, rules, selectors, services
from training.chart_pdf import chart_pdf as chart_pdf_of
from training.forms import (
    RECORD_DECISION,
    DesignationForm,
    ExtensionForm,
    RecordCorrectionForm,
    RecordForm,
    ResubmissionForm,
    SubmissionForm,
    SubmissionReviewForm,
)
from training.models import ProficiencySubmission, TrainingRecord
from training.rules import CourseCode

QUEUE_PAGE_SIZE = 25
CHART_TABLE_PAGE_SIZE = 25
DEADLINES_PAGE_SIZE = 50
DEADLINE_COLUMNS = [
    Column("Date", lambda deadline: deadline.due_on),
    Column("Deadline", lambda deadline: deadline.get_kind_display()),
    Column("Person", lambda deadline: str(deadline.employee)),
    Column("Company", lambda deadline: deadline.company.legal_name),
    Column("WCB account number", lambda deadline: deadline.company.wcb_account_number),
]


def _back_to_chart(company):
    return redirect("training:chart", company.pk)


def _after_review(request, company):
    """Reviewers work from the queue or from the company's chart; send them back where they were."""
    return redirect("training:verification_queue") if "from_queue" in request.POST else _back_to_chart(company)


@company_view(Need.READ)
def chart(request, company):
    if request.GET.get("records_page") or request.GET.get("submissions_page"):
        return _chart_response(request, company, _chart_page(request, company))
    # The chart's first page kept as rendered, for the company, the viewer and the day (secor.company_keep) until a
    # write names the company: rendering a big roster's chart and tables was most of the request.
    page = kept_for_company(
        company.pk,
        ["page"],
        lambda: {"page": _chart_page(request, company)},
        variant=f"training-chart:{viewer_variant(request)}",
    )["page"]
    return _chart_response(request, company, page)


def _chart_response(request, company, page: str):
    return render(request, "training/chart.html", {"company": company, "page": mark_safe(page)})


def _chart_page(request, company, designation_form=None) -> str:
    """The chart page's content, rendered (kept as it is by `chart`)."""
    access = request.access
    chart = selectors.training_chart(company=company, today=timezone.localdate())
    context = {
        "company": company,
        "access": access,
        "chart": chart,
        # The tables below the chart, a page at a time: a company's history grows every year.
        "records": window(
            selectors.records_for_company(company=company), request.GET.get("records_page"), CHART_TABLE_PAGE_SIZE
        ),
        "submissions": window(
            selectors.submissions_for_company(company=company),
            request.GET.get("submissions_page"),
            CHART_TABLE_PAGE_SIZE,
        ),
        "may_review_records": access.may_review(TrainingRecord.REVIEWERS),
        "may_review_submissions": access.may_review(ProficiencySubmission.REVIEWERS),
        # TRN-5, TRN-7: the trainings whose 8-month deadline staff may extend.
        "extendable": (CourseCode.SAFETY_AUDITOR, CourseCode.LSE),
        **_decision_forms(),
    }
    if access.may_edit:
        context["designation_form"] = designation_form or DesignationForm(company=company, chart=chart)
    return render_to_string("training/_chart_page.html", context, request)


def _decision_forms() -> dict:
    """The review decisions a row of the chart or the queue renders (reviews/_decision.html, compact), in the
    words record_review and submission_review read."""
    return {"record_decision": DecisionForm(words=RECORD_DECISION), "submission_decision": SubmissionReviewForm()}


@company_view(Need.READ)
def chart_pdf(request, company):
    today = timezone.localdate()
    response = HttpResponse(chart_pdf_of(company=company), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="secor-training-chart-{company.pk}-{today:%Y-%m-%d}.pdf"'
    return response


@company_view(Need.EDIT)
def record_add(request, company):
    form = RecordForm(request.POST or None, request.FILES or None, company=company, initial=_prefill(request))
    if submitted(request, form) and (
        (record := call_service(form, services.record_add, company=company, actor=request.user, **form.cleaned_data))
        is not REFUSED
    ):
        messages.success(request, f"{record.course} recorded for {record.employee}; SCSA will verify the certificate.")
        return _back_to_chart(company)
    return render(request, "training/record_form.html", {"form": form, "company": company})


def _prefill(request) -> dict:
    """A link from the company's to-do list names the person, and the course (by code) or submission kind."""
    prefill = {name: request.GET[name] for name in ("employee", "kind") if name in request.GET}
    if code := request.GET.get("course"):
        prefill["course"] = selectors.recordable_courses().filter(code=code).first()
    return prefill


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
    if (
        submitted(request, form)
        and call_service(form, services.record_correct, record=record, actor=request.user, **form.cleaned_data)
        is not REFUSED
    ):
        messages.success(
            request, f"Correction of the {record.course} of {record.employee} sent; SCSA will verify it again."
        )
        return _back_to_chart(company)
    return render(request, "training/record_form.html", {"form": form, "company": company, "record": record})


@company_view(TrainingRecord.REVIEWERS)
def record_review(request, company, record_pk: int):
    record = selectors.record_get_for_company(company=company, pk=record_pk)
    require_post(request)
    form = DecisionForm(request.POST, words=RECORD_DECISION)
    if form.is_valid():
        if form.accepted:
            call_service(form, services.record_verify, record=record, actor=request.user)
        else:
            call_service(form, services.record_reject, record=record, actor=request.user, reason=form.comments)
    done = "verified" if form.accepted else f"returned to {company} to correct"
    report(request, form, f"{record.course} of {record.employee} {done}.")
    return _after_review(request, company)


@company_view(Need.STAFF)
def deadline_extend(request, company, record_pk: int):
    record = selectors.record_get_for_company(company=company, pk=record_pk)
    require_post(request)
    form = ExtensionForm(request.POST)
    if form.is_valid():
        call_service(form, services.deadline_extend, record=record, actor=request.user, **form.cleaned_data)
    report(request, form, f"Deadline after the {record.course} of {record.employee} extended.")
    return _back_to_chart(company)


@company_view(Need.EDIT)
def designate(request, company):
    require_post(request)
    form = DesignationForm(request.POST, company=company)
    if form.is_valid():
        data = form.cleaned_data
        if (replaced := selectors.designations_replaced(company=company, **data)) and (
            asking := confirmation_page(
                request,
                question=f"Make {data['employee']} trained employee #{data['position']} in place of "
                f"{_names(dict.fromkeys(str(designation.employee) for designation in replaced))}?",
                consequences=[
                    *(
                        f"{designation.employee} is no longer trained employee #{designation.position} "
                        f"for {designation.course}."
                        for designation in replaced
                    ),
                    "Their course records stay on file; the chart shows the new trained employee's standing.",
                ],
                confirm_label="Yes, replace",
                cancel_url=reverse("training:chart", args=[company.pk]),
            )
        ):
            return asking
        if (
            call_service(form, services.trained_employee_designate, company=company, actor=request.user, **data)
            is not REFUSED
        ):
            courses = _names([course.name for course in data["courses"]])
            messages.success(
                request, f"{data['employee']} designated trained employee #{data['position']} for {courses}."
            )
            return _back_to_chart(company)
    # Refused: the chart again, with the choices kept and the reason by the field.
    return _chart_response(request, company, _chart_page(request, company, designation_form=form))


@company_view(Need.EDIT)
def designation_remove(request, company, designation_pk: int):
    designation = get_object_or_404(company.trained_employees.select_related("employee", "course"), pk=designation_pk)
    require_post(request)
    place = f"trained employee #{designation.position} for {designation.course}"
    if asking := confirmation_page(
        request,
        question=f"Remove {designation.employee} as {place}?",
        consequences=[
            f"{designation.course} counts only through the other trained employee, if there is one, until you "
            "designate someone.",
            f"{designation.employee}'s course records stay on file.",
        ],
        confirm_label="Yes, remove",
        cancel_url=reverse("training:chart", args=[company.pk]),
    ):
        return asking
    services.trained_employee_remove(designation=designation, actor=request.user)
    messages.success(request, f"{designation.employee} is no longer {place}.")
    return _back_to_chart(company)


def _names(names) -> str:
    """“A”, “A and B”, “A, B and C”."""
    names = list(names)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


@company_view(Need.EDIT)
def submission_add(request, company):
    form = SubmissionForm(request.POST or None, request.FILES or None, company=company, initial=_prefill(request))
    if submitted(request, form) and (
        (
            submission := call_service(
                form, services.submission_add, company=company, actor=request.user, **form.cleaned_data
            )
        )
        is not REFUSED
    ):
        messages.success(request, f"{submission.get_kind_display()} of {submission.employee} submitted for review.")
        return _back_to_chart(company)
    return render(request, "training/submission_form.html", {"form": form, "company": company})


@company_view(Need.EDIT)
def submission_resubmit(request, company, submission_pk: int):
    submission = selectors.submission_get_for_company(company=company, pk=submission_pk)
    form = ResubmissionForm(request.POST or None, request.FILES or None)
    if (
        submitted(request, form)
        and call_service(
            form, services.submission_resubmit, submission=submission, actor=request.user, **form.cleaned_data
        )
        is not REFUSED
    ):
        messages.success(
            request, f"Corrected {submission.kind_in_a_sentence} of {submission.employee} sent for review."
        )
        return _back_to_chart(company)
    return render(
        request, "training/submission_form.html", {"form": form, "company": company, "submission": submission}
    )


# What accepting a submission records (training.services.submissions.GRANTS), named as the reviewer reads it.
CERTIFICATES_RECORDED = {
    ProficiencySubmission.Kind.SELF_AUDIT: "Internal Auditor Certificate",
    ProficiencySubmission.Kind.LSE_PROFICIENCY: "LSE proficiency certificate",
}


@company_view(ProficiencySubmission.REVIEWERS)
def submission_review(request, company, submission_pk: int):
    submission = selectors.submission_get_for_company(company=company, pk=submission_pk)
    require_post(request)
    form = SubmissionReviewForm(request.POST, certificate=CERTIFICATES_RECORDED.get(submission.kind, ""))
    if form.is_valid():
        if form.accepted:
            call_service(
                form,
                services.submission_accept,
                submission=submission,
                actor=request.user,
                certificate_number=form.cleaned_data["certificate_number"],
            )
        else:
            call_service(
                form, services.submission_return, submission=submission, actor=request.user, comments=form.comments
            )
    done = "accepted" if form.accepted else f"returned to {company} for corrections"
    report(request, form, f"{submission.get_kind_display()} of {submission.employee} {done}.")
    return _after_review(request, company)


@company_view(Need.READ)
@vary_on_headers("HX-Request")
def review_versions(request, company, review_pk: int):
    """Every version of a course record or submission, newest first, with what the reviewers said: the rows of the
    chart and the queue show only the latest and link here. Opened inside a row (htmx), the versions alone."""
    reviewed = selectors.reviewed_get_for_company(company=company, review_pk=review_pk)
    name = reviewed.course if isinstance(reviewed, TrainingRecord) else reviewed.get_kind_display()
    template = "training/_versions_opened.html" if request.htmx else "training/review_versions.html"
    return render(
        request, template, {"company": company, "reviewed": reviewed, "name": name, "review": reviewed.review}
    )


@staff_or_auditor_required
def queue(request):
    """What waits for review, oldest first, a page at a time: staff verify records; staff and the assigned
    auditor review submissions, seeing each one's training date and deadline, versions and file.
    `?waiting=28` keeps what has waited at least that many days (the dashboard's overdue reviews)."""
    waiting_days = query.whole_number(request.GET.get("waiting"), at_most=9_999)
    records, submissions = selectors.verification_queue(user=request.user, waiting_days=waiting_days)
    records_page = paged(
        records.rows, request.GET.get("records_page"), QUEUE_PAGE_SIZE, keys=records.review_ids, key="review_id"
    )
    submissions_page = paged(
        submissions.rows, request.GET.get("page"), QUEUE_PAGE_SIZE, keys=submissions.review_ids, key="review_id"
    )
    deadlines = selectors.submission_deadlines(submissions_page)
    for submission in submissions_page:
        submission.deadline = deadlines[submission.pk]
    starts = selectors.record_deadlines(records_page)
    for record in records_page:
        record.starts = starts.get(record.pk)
    return render(
        request,
        "training/queue.html",
        {
            "records": records_page,
            "submissions": submissions_page,
            "today": timezone.localdate(),
            # A record whose deadline falls this soon is flagged: verifying it late leaves no time for the proficiency.
            "urgent_through": timezone.localdate() + timedelta(days=rules.VERIFY_URGENT_DAYS),
            "waiting_days": waiting_days,
            **_decision_forms(),
        },
    )


@staff_required
def deadlines_list(request):
    """Every training deadline of the next 30, 60 or 90 days, soonest first, or the overdue maintenance
    audits (`?overdue=1`); of one kind or all. The dashboard's counts link here."""
    today = timezone.localdate()
    within = query.one_of(request.GET.get("within"), deadlines.WINDOWS_DAYS, deadlines.WINDOWS_DAYS[0])
    kind = query.one_of(request.GET.get("kind"), deadlines.KINDS, "")
    overdue = request.GET.get("overdue") == "1"
    found = deadlines.maintenance_overdue(today=today) if overdue else deadlines.upcoming(today=today, days=within)
    if kind:
        found = found.filter(kind=kind)
    if export := exported(request, name="secor-training-deadlines", columns=DEADLINE_COLUMNS, objects=found.iterator()):
        return export
    page = paged(found, request.GET.get("page"), DEADLINES_PAGE_SIZE)
    return render(
        request,
        "training/deadlines.html",
        {
            "page": page,
            "count": page.paginator.count,
            "within": within,
            "within_choices": deadlines.WINDOWS_DAYS,
            "kind": kind,
            "kinds": deadlines.KINDS,
            "overdue": overdue,
            "today": today,
        },
    )
