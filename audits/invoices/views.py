"""Invoices' pages (ELIG-7, AUD-6): the company's invoices, each with its PDF; staff record a payment or void
one with a reason, and list and export every invoice by state and period."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from audits.forms import ReasonForm
from audits.invoices import forms, selectors, services
from companies.access import Need, company_view, require_post
from secor.core.models import ProgramSettings
from secor.exports import Column, exported
from secor.paging import paged
from secor.roles import staff_required
from secor.viewutils import call_service, confirmation_page, report

LIST_PAGE_SIZE = 50


@company_view(Need.EDIT)
def invoices(request, company):
    return render(
        request,
        "audits/invoices.html",
        {"company": company, "invoices": selectors.invoices_of(company=company), "access": request.access},
    )


@company_view(Need.EDIT)
def invoice_detail(request, company, invoice_pk: int):
    invoice = selectors.invoice_get_for_company(company=company, pk=invoice_pk)
    context = {
        "company": company,
        "invoice": invoice,
        "access": request.access,
        "program": ProgramSettings.current(),
    }
    if request.access.is_staff:
        context["payment_form"] = forms.PaymentForm(initial={"paid_on": timezone.localdate()})
        context["void_form"] = ReasonForm()
        context["correction_form"] = forms.PaymentCorrectionForm(
            initial={
                "paid_on": invoice.paid_on,
                "method": invoice.payment_method,
                "reference": invoice.payment_reference,
            }
        )
        context["corrections"] = selectors.payment_corrections_of(invoice=invoice)
    return render(request, "audits/invoice.html", context)


def _back(invoice):
    return redirect("audits:invoice", invoice.company_id, invoice.pk)


@company_view(Need.STAFF)
def invoice_pay(request, company, invoice_pk: int):
    invoice = selectors.invoice_get_for_company(company=company, pk=invoice_pk)
    require_post(request)
    form = forms.PaymentForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        call_service(
            form,
            services.invoice_pay,
            invoice=invoice,
            actor=request.user,
            paid_on=data["paid_on"],
            method=data["method"],
            reference=data["reference"],
        )
    report(request, form, f"Payment of invoice {invoice.reference} recorded.")
    return _back(invoice)


@company_view(Need.STAFF)
def invoice_payment_correct(request, company, invoice_pk: int):
    invoice = selectors.invoice_get_for_company(company=company, pk=invoice_pk)
    require_post(request)
    form = forms.PaymentCorrectionForm(request.POST)
    if form.is_valid():
        call_service(form, services.invoice_payment_correct, invoice=invoice, actor=request.user, **form.cleaned_data)
    report(request, form, f"Payment of invoice {invoice.reference} corrected.")
    return _back(invoice)


@company_view(Need.STAFF)
def invoice_void(request, company, invoice_pk: int):
    invoice = selectors.invoice_get_for_company(company=company, pk=invoice_pk)
    require_post(request)
    form = ReasonForm(request.POST)
    if form.is_valid():
        asking = confirmation_page(
            request,
            question=f"Void invoice {invoice.reference} of {company} (${invoice.total})?",
            consequences=[
                "It stays in the list, void, with its number and your reason; it cannot be paid afterwards.",
            ],
            confirm_label="Yes, void it",
            cancel_url=reverse("audits:invoice", args=[company.pk, invoice.pk]),
        )
        if asking:
            return asking
        call_service(
            form, services.invoice_void, invoice=invoice, actor=request.user, reason=form.cleaned_data["reason"]
        )
    report(request, form, f"Invoice {invoice.reference} is void.")
    return _back(invoice)


def _filtered(request):
    form = forms.InvoiceFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    return form, selectors.invoices_filtered(
        state=data.get("state", ""), since=data.get("since"), until=data.get("until")
    )


@staff_required
def invoice_list(request):
    form, found = _filtered(request)
    page = paged(found, request.GET.get("page"), LIST_PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audits/invoice_list.html", {"form": form, "page": page, "query": query.urlencode()})


INVOICE_COLUMNS = [
    Column("Invoice", lambda invoice: invoice.reference),
    Column("Issued", lambda invoice: invoice.issued_on),
    Column("Company", lambda invoice: invoice.company.legal_name),
    Column("WCB account number", lambda invoice: invoice.company.wcb_account_number),
    Column("Description", lambda invoice: invoice.description),
    Column("Amount", lambda invoice: invoice.amount),
    Column("GST", lambda invoice: invoice.tax),
    Column("Total", lambda invoice: invoice.total),
    Column("State", lambda invoice: invoice.get_state_display()),
    Column("Paid on", lambda invoice: invoice.paid_on),
    Column("Paid by", lambda invoice: invoice.get_payment_method_display() if invoice.payment_method else ""),
    Column("Reference", lambda invoice: invoice.payment_reference),
    Column("Void because", lambda invoice: invoice.void_reason),
]


@staff_required
def invoice_export(request):
    """The invoices of the current filter as CSV (the default) or Excel, streamed."""
    _, found = _filtered(request)
    return exported(
        request, name="scsa-invoices", columns=INVOICE_COLUMNS, objects=found.iterator(chunk_size=2000), default="csv"
    )
