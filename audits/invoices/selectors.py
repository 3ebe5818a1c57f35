"""Reads of the invoices (ELIG-7, AUD-6): a company's, and staff's list by state and period."""

from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404

from audits.invoices.models import Invoice, PaymentCorrection
from secor.dates import Period


def invoices_of(*, company) -> QuerySet[Invoice]:
    return company.invoices.select_related("document").order_by("-number")


def invoice_get_for_company(*, company, pk: int) -> Invoice:
    return get_object_or_404(Invoice.objects.filter(company=company).select_related("company", "decided_by"), pk=pk)


def invoices_filtered(*, state: str = "", since: date | None = None, until: date | None = None) -> QuerySet[Invoice]:
    """Staff's list and export: by state and issue date, the newest first."""
    found = Invoice.objects.all()
    if state:
        found = found.filter(state=state)
    if since:
        found = found.filter(issued_on__gte=since)
    if until:
        found = found.filter(issued_on__lte=until)
    return found.select_related("company").order_by("-number")


def payment_corrections_of(*, invoice: Invoice) -> QuerySet[PaymentCorrection]:
    """The corrections of the invoice's payment, the latest first (staff's)."""
    return invoice.payment_corrections.select_related("corrected_by")


def fees_in(period: Period) -> QuerySet:
    """The program report: by kind of fee, the invoices issued in the period (not voided) and their totals, and
    the invoices paid in it and theirs (totals with GST)."""
    issued, paid = Q(**period.days("issued_on")), Q(state=Invoice.State.PAID, **period.days("paid_on"))
    return (
        Invoice.objects.exclude(state=Invoice.State.VOID)
        .values("kind")
        .annotate(
            invoiced=Count("pk", filter=issued),
            invoiced_total=Sum("total", filter=issued, default=Decimal(0)),
            paid=Count("pk", filter=paid),
            paid_total=Sum("total", filter=paid, default=Decimal(0)),
        )
        .order_by("kind")
    )
