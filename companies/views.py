import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from companies import rules, selectors, services
from companies.forms import (
    AuditorAssignForm,
    CompanyDetailsForm,
    EmployeeForm,
    InviteForm,
    StatusChangeForm,
)
from companies.models import Company
from companies.rules import EmploymentType
from secor.tenancy import (
    company_get_for_user,
    is_company_owner,
    may_edit_company_records,
    staff_or_auditor_required,
    staff_required,
)
from secor.viewutils import call_service, submitted
from training import selectors as training_selectors

PAGE_SIZE = 25


def _filters_from(request) -> selectors.CompanyFilters:
    def param(name: str, default: str = "") -> str:
        # PostgreSQL text cannot hold NUL; a pasted one would otherwise fail the whole query.
        return request.GET.get(name, default).replace("\x00", "")

    sort = param("sort", "name")
    return selectors.CompanyFilters(
        search=param("q"),
        status=param("status"),
        member=param("member"),
        over_limit=param("over_limit") == "1",
        training=param("training"),
        sort=sort.lstrip("-"),
        descending=sort.startswith("-"),
    )


@staff_or_auditor_required
def company_list(request):
    filters = _filters_from(request)
    companies = selectors.company_list(user=request.user, filters=filters, today=timezone.localdate())
    page = Paginator(companies, PAGE_SIZE).get_page(request.GET.get("page"))
    training = training_selectors.training_summaries(companies=page.object_list, today=timezone.localdate())
    for company in page:
        company.training_summary = training[company.pk]
        company.no_longer_qualifies = bool(company.qualification_problems(headcount=company.headcount))
    query = request.GET.copy()
    query.pop("page", None)
    unsorted_query = query.copy()
    unsorted_query.pop("sort", None)
    return render(
        request,
        "companies/company_list.html",
        {
            "page": page,
            "filters": filters,
            "statuses": Company.Status.choices,
            "query": query.urlencode(),
            "unsorted_query": unsorted_query.urlencode(),
            "limit": rules.MAX_SECOR_WORKERS,
        },
    )


@staff_or_auditor_required
def company_export(request):
    """CSV of the company list with the current search and filters (all pages)."""
    companies = selectors.company_list(user=request.user, filters=_filters_from(request), today=timezone.localdate())
    response = HttpResponse(content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="secor-companies-{timezone.localdate():%Y-%m-%d}.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "Legal name",
            "Operating name",
            "WCB account number",
            "City",
            "Status",
            "SCSA member",
            "Saskatchewan workers",
            "Over the SECOR limit",
            "Registration date",
            "Phone",
            "Email",
        ]
    )
    for company in companies.iterator():
        writer.writerow(
            [
                company.legal_name,
                company.operating_name,
                company.wcb_account_number,
                company.city,
                company.get_status_display(),
                "yes" if company.is_scsa_member else "no",
                company.headcount,
                "yes" if company.qualification_problems(headcount=company.headcount) else "no",
                company.registration_date or "",
                company.phone,
                company.email,
            ]
        )
    return response


@login_required
def company_detail(request, pk: int):
    company = selectors.company_with_people(user=request.user, pk=pk)
    today = timezone.localdate()
    headcount = selectors.company_headcount(company=company, today=today)
    context = {
        "company": company,
        "headcount": headcount,
        "limit": rules.MAX_SECOR_WORKERS,
        "qualification_problems": company.qualification_problems(headcount=headcount),
        "cor_advice": rules.COR_ADVICE,
        "application": selectors.latest_application(company=company),
        "timeline": selectors.timeline_for_company(company=company)[:50],
        "may_edit": may_edit_company_records(request.user),
        "is_owner": is_company_owner(request.user, company),
        "reregistration_date": rules.reregistration_date(company.derolled_on) if company.derolled_on else None,
        "may_reregister": rules.may_reregister(derolled_on=company.derolled_on, today=today),
        "training_summary": training_selectors.training_chart(company=company, today=today).summary,
    }
    if request.user.is_program_staff:
        context["status_form"] = StatusChangeForm()
        context["status_changes"] = services.status_changes_for(company)
        context["assign_form"] = AuditorAssignForm()
    return render(request, "companies/company_detail.html", context)


@login_required
def company_edit(request, pk: int):
    company = company_get_for_user(user=request.user, pk=pk)
    if not may_edit_company_records(request.user):
        raise Http404
    staff = request.user.is_program_staff
    form = CompanyDetailsForm(request.POST or None, instance=company, wcb_editable=staff, membership_editable=staff)
    if submitted(request, form) and call_service(
        form, services.company_update_details, company=company, actor=request.user, data=form.cleaned_data
    ):
        messages.success(request, "Company details saved.")
        return redirect("companies:detail", pk)
    return render(request, "companies/company_form.html", {"form": form, "company": company})


@staff_required
@require_POST
def company_status(request, pk: int):
    company = company_get_for_user(user=request.user, pk=pk)
    form = StatusChangeForm(request.POST)
    if form.is_valid() and call_service(
        form, services.company_change_status, company=company, actor=request.user, **form.cleaned_data
    ):
        messages.success(request, "Status change recorded.")
    else:
        messages.error(request, " ".join(message for errors in form.errors.values() for message in errors))
    return redirect("companies:detail", pk)


@staff_required
@require_POST
def company_auditors(request, pk: int):
    company = company_get_for_user(user=request.user, pk=pk)
    if "remove" in request.POST:
        removal = AuditorAssignForm({"auditor": request.POST["remove"]})
        auditor = removal.cleaned_data["auditor"] if removal.is_valid() else None
        if auditor:
            services.auditor_unassign(company=company, auditor=auditor, actor=request.user)
            messages.success(request, f"{auditor} is no longer assigned.")
        return redirect("companies:detail", pk)
    form = AuditorAssignForm(request.POST)
    if form.is_valid() and call_service(
        form, services.auditor_assign, company=company, actor=request.user, **form.cleaned_data
    ):
        messages.success(request, f"{form.cleaned_data['auditor']} assigned.")
    else:
        messages.error(request, "Choose a program auditor to assign.")
    return redirect("companies:detail", pk)


@login_required
def roster(request, pk: int):
    company = company_get_for_user(user=request.user, pk=pk)
    today = timezone.localdate()
    counted_types = selectors.counted_employment_types()
    rows = [
        (employee, employee.counts_toward_headcount(today=today, counted_types=counted_types))
        for employee in selectors.roster_for_company(company=company)
    ]
    headcount = sum(counted for _, counted in rows)
    return render(
        request,
        "companies/roster.html",
        {
            "company": company,
            "rows": rows,
            "headcount": headcount,
            "limit": rules.MAX_SECOR_WORKERS,
            "qualification_problems": company.qualification_problems(headcount=headcount),
            "cor_advice": rules.COR_ADVICE,
            "may_edit": may_edit_company_records(request.user),
            "consultants_counted": EmploymentType.CONSULTANT in counted_types,
        },
    )


@login_required
def employee_add(request, pk: int):
    company = company_get_for_user(user=request.user, pk=pk)
    if not may_edit_company_records(request.user):
        raise Http404
    form = EmployeeForm(request.POST or None)
    if submitted(request, form) and (
        employee := call_service(
            form, services.employee_add, company=company, actor=request.user, data=form.cleaned_data
        )
    ):
        messages.success(request, f"{employee} added to the roster.")
        return redirect("companies:roster", pk)
    return render(request, "companies/employee_form.html", {"form": form, "company": company})


@login_required
def employee_edit(request, pk: int, employee_pk: int):
    company = company_get_for_user(user=request.user, pk=pk)
    if not may_edit_company_records(request.user):
        raise Http404
    employee = selectors.employee_get_for_company(company=company, pk=employee_pk)
    form = EmployeeForm(request.POST or None, instance=employee)
    if submitted(request, form) and call_service(
        form, services.employee_update, employee=employee, actor=request.user, data=form.cleaned_data
    ):
        messages.success(request, f"Roster entry for {employee} saved.")
        return redirect("companies:roster", pk)
    return render(request, "companies/employee_form.html", {"form": form, "company": company, "employee": employee})


@login_required
def member_invite(request, pk: int):
    company = company_get_for_user(user=request.user, pk=pk)
    if not (request.user.is_program_staff or is_company_owner(request.user, company)):
        raise Http404
    form = InviteForm(request.POST or None)
    if submitted(request, form) and call_service(
        form, services.member_invite, company=company, actor=request.user, **form.cleaned_data
    ):
        messages.success(request, f"Invitation sent to {form.cleaned_data['email']}.")
        return redirect("companies:detail", pk)
    return render(request, "companies/invite_form.html", {"form": form, "company": company})
