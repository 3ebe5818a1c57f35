"""The notice of an invoice issued (AUD-6, ELIG-7)."""

from django.urls import reverse

from audits.invoices.models import Invoice
from companies.notices import company_recipients
from secor.dates import long_date
from secor.notices.editable import EditableText, editable_text, secors_own
from secor.notices.kinds import NoticeKind, notice_kind, subject_pk
from secor.notices.services import notice_send
from secor.notices.text import site_url


def invoice_issued_send(invoice: Invoice) -> None:
    notice_send(
        kind=INVOICE_ISSUED, recipients=company_recipients(invoice.company), subject=invoice, company=invoice.company
    )


INVOICE_ISSUED = notice_kind(NoticeKind("invoice-issued", "Invoice issued", render=secors_own, rule="AUD-6, ELIG-7"))


def _invoice_values(notice) -> dict[str, str]:
    """The placeholders of an invoice notice, as plain words (secor.notices.editable)."""
    invoice = Invoice.objects.select_related("company").get(pk=subject_pk(notice.subject_key))
    return {
        "reference": invoice.reference,
        "company": invoice.company.display_name,
        "legal_name": invoice.company.legal_name,
        "issued_on": long_date(invoice.issued_on),
        "description": invoice.description,
        "amount": f"${invoice.amount}",
        "gst_rate": f"{invoice.tax_rate_percent}%",
        "gst": f"${invoice.tax}",
        "total": f"${invoice.total}",
        "due_on": long_date(invoice.due_on),
        "url": site_url(reverse("audits:invoices", args=[invoice.company_id])),
    }


editable_text(
    EditableText(
        INVOICE_ISSUED,
        placeholders={
            "reference": "the invoice's number",
            "company": "the company's name",
            "legal_name": "the company's legal name",
            "issued_on": "the day it was issued",
            "description": "what is invoiced",
            "amount": "the amount before GST, with its $",
            "gst_rate": "the GST rate, with its %",
            "gst": "the GST, with its $",
            "total": "the total with GST, with its $",
            "due_on": "the day payment is due",
            "url": "the company's invoices page",
        },
        values=_invoice_values,
        subject="[SECOR] Invoice {{ reference }}: {{ description }}, {{ total }} ({{ company }})",
        body="""Hello,

SCSA has issued invoice {{ reference }} to {{ legal_name }} on {{ issued_on }}:

{{ description }}: {{ amount }}
GST ({{ gst_rate }}): {{ gst }}
Total: {{ total }}, due by {{ due_on }}

The invoice (PDF) is on your company's invoices page: {{ url }}
""",
    )
)
