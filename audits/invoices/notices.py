"""The notice of an invoice issued (AUD-6, ELIG-7)."""

from django.urls import reverse

from audits.invoices.models import Invoice
from companies.notices import company_recipients
from secor.notices.kinds import Message, NoticeKind, notice_kind, subject_pk
from secor.notices.services import notice_send
from secor.notices.text import render_text, site_url


def _invoice_message(notice) -> Message:
    invoice = Invoice.objects.select_related("company").get(pk=subject_pk(notice.subject_key))
    url = site_url(reverse("audits:invoices", args=[invoice.company_id]))
    context = {"invoice": invoice, "company": invoice.company, "url": url}
    return Message(
        subject=f"[SECOR] Invoice {invoice.reference}: {invoice.description}, ${invoice.total} "
        f"({invoice.company.display_name})",
        body=render_text("email/invoice.txt", context),
        link=url,
    )


def invoice_issued_send(invoice: Invoice) -> None:
    notice_send(
        kind=INVOICE_ISSUED, recipients=company_recipients(invoice.company), subject=invoice, company=invoice.company
    )


INVOICE_ISSUED = notice_kind(
    NoticeKind("invoice-issued", "Invoice issued", render=_invoice_message, rule="AUD-6, ELIG-7")
)
