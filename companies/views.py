"""Pages of one company: details, status changes, auditors, roster and colleagues.

The company page and the company list combine apps and live with the pages (secor/pages).
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from companies import rules, selectors, services
from companies.access import Need, company_view, require_post
from companies.forms import (
    AuditorAssignForm,
    AuditorRemoveForm,
    CompanyDetailsForm,
    CorHandoffForm,
    EmployeeForm,
    InviteForm,
    StatusChangeForm,
)
from companies.inputs import STATUS_CHANGES
from companies.rules import EmploymentType
from secor.core.models import ProgramSettings
from secor.documents.responses import document_response
from secor.documents.selectors import document_get_for_company
from secor.notices.selectors import notices_for_company
from secor.viewutils import REFUSED, call_service, confirmation_page, submitted

NOTICES_PAGE_SIZE = 25
# The roster form's second button: save this person and open a blank form for the next.
ADD_ANOTHER = "add_another"


@company_view(Need.EDIT)
def company_edit(request, company):
    staff = request.access.is_staff
    form = CompanyDetailsForm(request.POST or None, instance=company, wcb_editable=staff, membership_editable=staff)
    if (
        submitted(request, form)
        and call_service(
            form, services.company_update_details, company=company, actor=request.user, data=form.cleaned_data
        )
        is not REFUSED
    ):
        messages.success(request, "Company details saved.")
        return redirect("companies:detail", company.pk)
    return render(request, "companies/company_form.html", {"form": form, "company": company})


@company_view(Need.STAFF)
def company_status(request, company):
    require_post(request)
    form = StatusChangeForm(request.POST)
    if form.is_valid():
        action = form.cleaned_data["action"]
        change = STATUS_CHANGES[action]
        # A change the company's status does not allow is refused by the service without asking first.
        if action in selectors.status_changes_for(company, today=timezone.localdate()) and (
            asking := confirmation_page(
                request,
                question=f"{change.label} {company}?",
                consequences=selectors.status_change_consequences(
                    company=company, action=action, effective_on=form.cleaned_data["effective_on"]
                ),
                confirm_label=f"Yes, {change.label.lower()}",
                cancel_url=reverse("companies:detail", args=[company.pk]),
            )
        ):
            return asking
        if (
            changed := call_service(
                form, services.company_change_status, company=company, actor=request.user, **form.cleaned_data
            )
        ) is not REFUSED:
            messages.success(
                request, f"{change.label} of {changed} recorded: it is now “{changed.get_status_display()}”."
            )
            return redirect("companies:detail", company.pk)
    messages.error(request, " ".join(message for errors in form.errors.values() for message in errors))
    return redirect("companies:detail", company.pk)


@company_view(Need.EDIT)
def cor_handoff(request, company):
    """ELIG-3/ELIG-4: the company tells SCSA when it expects to register for COR, and sees whom to contact."""
    today = timezone.localdate()
    handoff = selectors.cor_handoff_of(company=company)
    form = CorHandoffForm(request.POST or None, instance=handoff)
    if (
        submitted(request, form)
        and call_service(
            form,
            services.cor_handoff_tell,
            company=company,
            actor=request.user,
            expected_on=form.cleaned_data["expected_on"],
            note=form.cleaned_data["note"],
        )
        is not REFUSED
    ):
        messages.success(request, "SCSA is told when you expect to register for COR.")
        return redirect("companies:detail", company.pk)
    headcount = selectors.company_headcount(company=company, today=today)
    return render(
        request,
        "companies/cor_handoff_form.html",
        {
            "form": form,
            "company": company,
            "handoff": handoff,
            "qualification_problems": company.qualification_problems(headcount=headcount, today=today),
            "cor_contact": ProgramSettings.current().cor_contact,
            "cor_advice": rules.COR_ADVICE,
        },
    )


@company_view(Need.STAFF)
def company_auditors(request, company):
    require_post(request)
    if "remove" in request.POST:
        removal = AuditorRemoveForm(request.POST)
        if removal.is_valid():
            auditor = removal.cleaned_data["remove"]
            services.auditor_unassign(company=company, auditor=auditor, actor=request.user)
            messages.success(request, f"{auditor} is no longer assigned to {company}.")
        else:
            messages.error(request, "Choose a program auditor assigned to the company to remove.")
        return redirect("companies:detail", company.pk)
    form = AuditorAssignForm(request.POST)
    if (
        form.is_valid()
        and call_service(form, services.auditor_assign, company=company, actor=request.user, **form.cleaned_data)
        is not REFUSED
    ):
        messages.success(request, f"{form.cleaned_data['auditor']} assigned to {company}.")
    else:
        messages.error(request, "Choose a program auditor to assign.")
    return redirect("companies:detail", company.pk)


@company_view(Need.READ)
def roster(request, company):
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
            "access": request.access,
            "rows": rows,
            "headcount": headcount,
            "limit": rules.MAX_SECOR_WORKERS,
            "qualification_problems": company.qualification_problems(headcount=headcount, today=today),
            "cor_advice": rules.COR_ADVICE,
            "cor_contact": ProgramSettings.current().cor_contact,
            "consultants_counted": EmploymentType.CONSULTANT in counted_types,
        },
    )


@company_view(Need.EDIT)
def employee_add(request, company):
    form = EmployeeForm(request.POST or None)
    if submitted(request, form) and (
        (
            employee := call_service(
                form, services.employee_add, company=company, actor=request.user, data=form.cleaned_data
            )
        )
        is not REFUSED
    ):
        messages.success(request, f"{employee} added to the roster.")
        # Entering a crew person by person (ELIG-1): the next blank form at once.
        return redirect("companies:employee_add" if ADD_ANOTHER in request.POST else "companies:roster", company.pk)
    return render(
        request, "companies/employee_form.html", {"form": form, "company": company, "add_another": ADD_ANOTHER}
    )


@company_view(Need.EDIT)
def employee_edit(request, company, employee_pk: int):
    employee = selectors.employee_get_for_company(company=company, pk=employee_pk)
    form = EmployeeForm(request.POST or None, instance=employee)
    if (
        submitted(request, form)
        and call_service(form, services.employee_update, employee=employee, actor=request.user, data=form.cleaned_data)
        is not REFUSED
    ):
        messages.success(request, f"Roster entry for {employee} saved.")
        return redirect("companies:roster", company.pk)
    return render(request, "companies/employee_form.html", {"form": form, "company": company, "employee": employee})


@company_view(Need.OWN)
def member_invite(request, company):
    form = InviteForm(request.POST or None)
    if (
        submitted(request, form)
        and call_service(form, services.member_invite, company=company, actor=request.user, **form.cleaned_data)
        is not REFUSED
    ):
        messages.success(request, f"Invitation sent to {form.cleaned_data['email']}.")
        return redirect("companies:detail", company.pk)
    return render(request, "companies/invite_form.html", {"form": form, "company": company})


@company_view(Need.READ)
def document(request, company, document_pk: int):
    """The one download of every stored document: the company's people, its auditors and staff."""
    document = document_get_for_company(company=company, pk=document_pk)
    return document_response(document, inline=request.GET.get("view") == "inline")


@company_view(Need.READ)
def notices(request, company):
    """NTC-3: every notice sent about the company, and what became of it."""
    page = Paginator(
        notices_for_company(company=company, staff_view=request.access.is_staff), NOTICES_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(request, "companies/notices.html", {"company": company, "page": page})
