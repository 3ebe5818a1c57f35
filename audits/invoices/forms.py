"""Forms of the invoices (ELIG-7, AUD-6): a payment, and staff's filter of the list."""

from django import forms

from audits.invoices.models import Invoice
from secor.widgets import DateInput


class PaymentForm(forms.Form):
    paid_on = forms.DateField(label="Paid on", widget=DateInput())
    method = forms.ChoiceField(label="Paid by", choices=[("", "Choose how it was paid…"), *Invoice.Method.choices])
    reference = forms.CharField(label="Reference (cheque number, transfer id…)", max_length=100, required=False)


class PaymentCorrectionForm(PaymentForm):
    reason = forms.CharField(
        label="Why it is corrected", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, strip=True
    )


class InvoiceFilterForm(forms.Form):
    state = forms.ChoiceField(choices=[("", "Every state"), *Invoice.State.choices], required=False)
    since = forms.DateField(label="Issued from", required=False, widget=DateInput())
    until = forms.DateField(label="to", required=False, widget=DateInput())
