"""SCSA's invoices (ELIG-7, AUD-6), paid or owed, matched by their own numbers; SECOR's next invoice then follows the
highest number imported."""

from decimal import Decimal

from django.db.models import Max

from audits.invoices.models import Invoice, InvoiceCounter
from golive.resources.base import Column, ProgramResource, refuse
from golive.resources.people import company_column, row_company
from golive.resources.widgets import ChoiceWidget, DayWidget, MoneyWidget, TextWidget, WholeNumberWidget
from secor import hooks


class InvoiceResource(ProgramResource):
    topics = (hooks.Topic.AUDITS,)
    fields_set_by = {
        "import_wcb": ("company",),
        "amount": ("total", "tax_rate_percent"),
        "tax": ("total", "tax_rate_percent"),
    }

    number = Column(
        "Invoice number",
        "number",
        WholeNumberWidget(),
        required=True,
        meaning="SCSA's number of the invoice (its reference is SCSA- and the number); a corrected file matches by it.",
    )
    import_wcb = company_column()
    kind = Column(
        "For", "kind", ChoiceWidget(Invoice.Kind.choices), required=True, meaning="Registration fee or Audit fee."
    )
    description = Column("Description", "description", TextWidget(), required=True, meaning="As on the invoice.")
    amount = Column("Amount", "amount", MoneyWidget(), required=True, meaning="Before tax, e.g. 250.00.")
    tax = Column("GST", "tax", MoneyWidget(), required=True, meaning="The tax on it, e.g. 12.50.")
    issued_on = Column("Issued on", "issued_on", DayWidget(), required=True, meaning="YYYY-MM-DD.")
    due_on = Column("Due on", "due_on", DayWidget(), required=True, meaning="YYYY-MM-DD.")
    state = Column(
        "State", "state", ChoiceWidget(Invoice.State.choices), required=True, meaning="Issued, Paid or Void."
    )
    paid_on = Column("Paid on", "paid_on", DayWidget(), meaning="YYYY-MM-DD, for a paid invoice.")
    payment_method = Column(
        "Paid by",
        "payment_method",
        ChoiceWidget([("", ""), *Invoice.Method.choices]),
        meaning="For a paid invoice: " + "; ".join(str(label) for _, label in Invoice.Method.choices) + ".",
    )
    payment_reference = Column("Payment reference", "payment_reference", TextWidget(), meaning="Optional.")
    void_reason = Column("Void because", "void_reason", TextWidget(), meaning="For a void invoice: why.")

    class Meta(ProgramResource.Meta):
        model = Invoice
        import_id_fields = ["number"]
        fields = [
            "number",
            "import_wcb",
            "kind",
            "description",
            "amount",
            "tax",
            "issued_on",
            "due_on",
            "state",
            "paid_on",
            "payment_method",
            "payment_reference",
            "void_reason",
        ]

    def check_row(self, instance, row, errors):
        row_company(self, instance, errors)
        if instance.amount is not None and instance.tax is not None:
            instance.total = instance.amount + instance.tax
            rate = (instance.tax * 100 / instance.amount) if instance.amount else Decimal("0")
            instance.tax_rate_percent = rate.quantize(Decimal("0.01"))
        if instance.state == Invoice.State.PAID and instance.paid_on is None:
            refuse(errors, "paid_on", "Enter the day the invoice was paid (YYYY-MM-DD).", "AUD-6")
        if instance.state == Invoice.State.VOID and not (instance.void_reason or "").strip():
            refuse(errors, "void_reason", "Say why the invoice is void.", "AUD-6")
        if instance.issued_on and instance.due_on and instance.due_on < instance.issued_on:
            refuse(errors, "due_on", "An invoice falls due on or after the day it is issued.", "AUD-6")

    def after_import(self, dataset, result, **kwargs):
        if not kwargs.get("dry_run"):
            # The next invoice SECOR issues follows the highest number SCSA gave (no number twice).
            highest = Invoice.objects.aggregate(highest=Max("number"))["highest"] or 0
            counter, _ = InvoiceCounter.objects.select_for_update().get_or_create(pk=1)
            if counter.last < highest:
                counter.last = highest
                counter.save(update_fields=["last"])
        super().after_import(dataset, result, **kwargs)

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("company").order_by("number")
