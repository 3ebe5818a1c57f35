"""SECOR certificates (CERT-1, CERT-2): issued on an achieved audit, valid 3 years; their status today computed."""

from datetime import date

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from audits.certificates import rules
from companies.selectors import left_program_between, left_program_between_alternatives


class Purpose(models.TextChoices):
    """What an audit (or its request, or the re-audit that follows it) is for: the first certificate (MIL-2),
    or the next one (RCT-1)."""

    BASELINE = "baseline", "First certification"
    RECERTIFICATION = "recertification", "Re-certification"


class Certificate(models.Model):
    """A SECOR certificate (CERT-1): dated the day the achieved audit was completed, valid 3 years. Whether
    it is valid, expired or suspended today is computed (audits.certificates.rules.certificate_status)."""

    company = models.ForeignKey("companies.Company", on_delete=models.CASCADE, related_name="certificates")
    audit = models.OneToOneField("audits.Audit", on_delete=models.PROTECT, related_name="certificate")
    number = models.CharField(max_length=24, unique=True)
    issued_on = models.DateField()
    expires_on = models.DateField()
    document = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # CERT-2: staff suspend a certificate with a reason (and may restore it); the public page shows it.
    suspended_on = models.DateField(null=True, blank=True)
    suspension_reason = models.TextField(blank=True)
    listed = models.BooleanField(
        "in the public list of certified companies", default=True, help_text="Staff may leave a company out."
    )
    # RCT-1: the certificate of the next cycle, once its re-certification audit achieved the standard.
    superseded_by = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="supersedes"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-issued_on", "-pk"]
        indexes = [models.Index(fields=["expires_on"], name="certificate_by_expiry")]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__gt=models.F("issued_on")), name="certificate_expires_after_issue"
            ),
            models.CheckConstraint(
                condition=Q(suspended_on__isnull=True) | ~Q(suspension_reason=""), name="suspension_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def ended_on(self, today: date) -> date | None:
        """CERT-2: the day the company's leaving the program ended this certificate, as of `today` (MIL-3: a
        de-roll due counts), or None."""
        return rules.certificate_ended_on(
            issued_on=self.issued_on,
            expires_on=self.expires_on,
            left_program_on=self.company.status_on(today).left_program_on,
        )

    def status(self, today) -> str:
        return rules.certificate_status(
            expires_on=self.expires_on,
            suspended=self.suspended_on is not None,
            today=today,
            superseded=self.superseded_by_id is not None,
            ended_on=self.ended_on(today),
        )


def certificate_ended(certificate: str = "", *, today: date | None) -> Q:
    """CERT-2 as a filter (mirrors Certificate.ended_on): certificates whose company left the program within their
    3 years, as of `today`, or as recorded with `today` None (companies.selectors.left_program_between). From a
    row of the same company that points at the certificate (an anniversary), `certificate` is the path to it
    ("certificate__"): the company is joined once."""
    return left_program_between(f"{certificate}issued_on", f"{certificate}expires_on", today=today)


def certificate_ended_alternatives(*, today: date) -> list[Q]:
    """`certificate_ended` as disjoint filters, to find the few certificates ended by a union of them
    (companies.selectors.left_program_between_alternatives)."""
    return left_program_between_alternatives("issued_on", "expires_on", today=today)
