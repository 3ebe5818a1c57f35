"""What SCSA invoices (ELIG-7, AUD-6): the numbering and the invoices."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords


class InvoiceCounter(models.Model):
    """The last invoice number given: one row, locked while the next is taken, so numbers follow each other
    without gaps or repeats whatever the number of staff issuing at once."""

    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"Last invoice number: {self.last}"


class Invoice(models.Model):
    """What SCSA invoices a company (ELIG-7, AUD-6): issued, then paid, or void with a reason; never deleted."""

    class Kind(models.TextChoices):
        REGISTRATION = "registration", "Registration fee"
        AUDIT = "audit", "Audit fee"

    class State(models.TextChoices):
        ISSUED = "issued", "Issued"
        PAID = "paid", "Paid"
        VOID = "void", "Void"

    class Method(models.TextChoices):
        CHEQUE = "cheque", "Cheque"
        EFT = "eft", "Electronic funds transfer"
        CARD = "card", "Credit card"
        CASH = "cash", "Cash"

    number = models.PositiveIntegerField(unique=True)
    company = models.ForeignKey("companies.Company", on_delete=models.PROTECT, related_name="invoices")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    application = models.OneToOneField(
        "companies.Application", on_delete=models.PROTECT, null=True, blank=True, related_name="invoice"
    )
    audit = models.OneToOneField(
        "audits.Audit", on_delete=models.PROTECT, null=True, blank=True, related_name="invoice"
    )
    description = models.CharField(max_length=200)
    amount = models.DecimalField(max_digits=9, decimal_places=2)
    tax_rate_percent = models.DecimalField(max_digits=5, decimal_places=2)
    tax = models.DecimalField(max_digits=9, decimal_places=2)
    total = models.DecimalField(max_digits=9, decimal_places=2)
    issued_on = models.DateField()
    # The day the payment is due: the program settings' days after the issue, kept as the invoice said it.
    due_on = models.DateField()
    state = models.CharField(max_length=8, choices=State.choices, default=State.ISSUED)
    paid_on = models.DateField(null=True, blank=True)
    payment_method = models.CharField(max_length=8, choices=Method.choices, blank=True)
    payment_reference = models.CharField(max_length=100, blank=True)
    void_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    document = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-number"]
        indexes = [
            models.Index(fields=["state", "issued_on"], name="invoice_by_state_day"),
            models.Index(fields=["issued_on", "number"], name="invoice_by_day"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(total=models.F("amount") + models.F("tax")), name="invoice_total_adds_up"
            ),
            models.CheckConstraint(condition=~Q(state="paid") | Q(paid_on__isnull=False), name="paid_invoice_has_date"),
            models.CheckConstraint(condition=~Q(state="void") | ~Q(void_reason=""), name="void_invoice_has_reason"),
        ]

    def __str__(self) -> str:
        return f"Invoice {self.reference}"

    @property
    def reference(self) -> str:
        return f"SCSA-{self.number:06d}"


class PaymentCorrection(models.Model):
    """A recorded payment staff corrected (a wrong date, method or reference), with why: the payment as it was
    before, and who corrected it. Kept, never edited: the invoice's page lists them to staff."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="payment_corrections")
    previous_paid_on = models.DateField()
    previous_method = models.CharField(max_length=8, choices=Invoice.Method.choices)
    previous_reference = models.CharField(max_length=100, blank=True)
    reason = models.TextField()
    corrected_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    corrected_at = models.DateTimeField()

    class Meta:
        ordering = ["-corrected_at", "-pk"]
        constraints = [models.CheckConstraint(condition=~Q(reason=""), name="payment_correction_has_reason")]

    def __str__(self) -> str:
        return f"Payment of {self.invoice} corrected"
