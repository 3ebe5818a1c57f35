"""An invoice for the demo of `load_demo`: a registration fee not yet paid (ELIG-7)."""

from datetime import date

from audits.invoices import rules
from audits.invoices.services import _issue_pdf, invoice_on_registration
from companies.models import Company
from secor.core.models import ProgramSettings, User


def add_demo_registration_fee_unpaid(*, company: Company, staff: User) -> None:
    """The registration fee of the company's latest application, invoiced on the day it registered (in the demo's
    past: the service dates an invoice today) and left unpaid."""
    invoice = invoice_on_registration(company=company, actor=staff)
    if invoice is None:
        return
    issued_on: date = company.registration_date
    invoice.issued_on = issued_on
    invoice.due_on = rules.invoice_due_on(issued_on, ProgramSettings.current().invoice_payment_days)
    invoice.save(update_fields=["issued_on", "due_on"])
    _issue_pdf(invoice, actor=staff)  # its PDF, again, with the dates it now has
