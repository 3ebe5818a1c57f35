"""A company's application to the program: what the employer declared and signed, and staff's decision."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from companies import rules
from companies.models.company import Company
from secor.validators import single_line


class Application(models.Model):
    """One submitted SECOR application: what the employer declared and signed, and staff's decision."""

    class Decision(models.TextChoices):
        PENDING = "pending", "Waiting for SCSA"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        CLOSED = "closed", "Closed by a status change"

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="applications")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField()

    # ELIG-1: counts by kind and place, keyed as in rules.DECLARED_WORKER_KEYS (e.g. "owners_office").
    workers = models.JSONField("Saskatchewan workers declared", default=dict)
    registration_fee = models.DecimalField(max_digits=8, decimal_places=2)

    agreement_signed_name = models.CharField("signed by (typed name)", max_length=200, validators=[single_line])
    agreement_signed_at = models.DateTimeField()

    decision = models.CharField(max_length=16, choices=Decision.choices, default=Decision.PENDING, db_index=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["company"], condition=Q(decision="pending"), name="one_pending_application_per_company"
            ),
            models.CheckConstraint(
                condition=~Q(decision="declined") | ~Q(decline_reason=""), name="declined_application_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"Application of {self.company} ({self.submitted_at:%Y-%m-%d})"

    @property
    def declared_workers(self) -> int:
        return sum(self.workers.values())

    def declared_table(self) -> list[tuple[str, int, int]]:
        """(kind, in the field, in the office) for each kind of worker, as declared."""
        return [
            (label, self.workers.get(f"{kind}_field", 0), self.workers.get(f"{kind}_office", 0))
            for kind, label in rules.WORKER_KINDS
        ]
