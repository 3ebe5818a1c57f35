"""The three-year cycle of a certificate (CERT-1, MNT-1): its anniversaries, kept as rows when it is issued,
and the year's maintenance package due by each, with its documents."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from audits.maintenance import rules
from secor.reviews.kinds import review_kind


class Anniversary(models.Model):
    """CERT-1: one anniversary of a certificate, kept as a row when the certificate is issued so lists, the
    dashboard and the notice sweep (MNT-2) find them by date with an index. The last is the expiry day."""

    certificate = models.ForeignKey("audits.Certificate", on_delete=models.CASCADE, related_name="anniversaries")
    company = models.ForeignKey("companies.Company", on_delete=models.CASCADE, related_name="anniversaries")
    number = models.PositiveSmallIntegerField()
    on = models.DateField()
    # MNT-1: the day its maintenance package was accepted, kept with it when the review accepts it, so the
    # lists of packages overdue (and the notices) need not read every package's review.
    maintained_on = models.DateField(null=True, blank=True)
    # MNT-1 (DOMAIN section 8): the last day the company's next step for the package is in time, none while
    # nothing is owed (see audits.maintenance.rules); kept by the maintenance services with each send, return and issue,
    # so the packages overdue are one indexed condition. Overdue = not maintained and owed by a day passed.
    owed_by = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["certificate", "number"]
        indexes = [
            models.Index(fields=["on"], name="anniversary_by_day"),
            models.Index(fields=["on"], condition=Q(maintained_on__isnull=True), name="anniversary_unmaintained"),
            models.Index(
                fields=["owed_by"],
                condition=Q(maintained_on__isnull=True, owed_by__isnull=False),
                name="anniversary_owed",
            ),
        ]
        constraints = [models.UniqueConstraint(fields=["certificate", "number"], name="one_anniversary_per_year")]

    def __str__(self) -> str:
        return f"Anniversary {self.number} of {self.certificate}: {self.on}"

    @classmethod
    def keep_for(cls, certificate) -> list["Anniversary"]:
        """The rows of a certificate just issued: one per year of its validity (CERT-1)."""
        return cls.objects.bulk_create(
            cls(
                certificate=certificate,
                company_id=certificate.company_id,
                number=number,
                on=on,
                owed_by=rules.maintenance_owed_by_first(number=number, anniversary_on=on),
            )
            for number, on in enumerate(rules.anniversaries(certificate.issued_on), start=1)
        )

    @property
    def maintenance_due(self) -> bool:
        """MNT-1: a maintenance package is due by it (every anniversary but the expiry)."""
        return rules.maintenance_due(self.number)


class MaintenancePackage(models.Model):
    """MNT-1: the year's maintenance package for an anniversary: the completed SECOR audit tool (an internal
    audit by a valid internal auditor of the company), 2 Safe Work Practices and 2 Safe Job Procedures, in
    SCSA's review through all its versions."""

    anniversary = models.OneToOneField("audits.Anniversary", on_delete=models.PROTECT, related_name="package")
    company = models.ForeignKey("companies.Company", on_delete=models.CASCADE, related_name="maintenance_packages")
    review = models.OneToOneField("reviews.Review", on_delete=models.PROTECT, related_name="maintenance")
    internal_auditor = models.ForeignKey("companies.Employee", on_delete=models.PROTECT, related_name="+")
    internal_audit_on = models.DateField("day of the internal audit")
    history = HistoricalRecords()

    REVIEW_KIND = review_kind("maintenance", "Annual maintenance package")

    class Meta:
        ordering = ["company", "-pk"]

    def __str__(self) -> str:
        return f"Maintenance package of company {self.company_id} for {self.anniversary.on}"


class PackagePart(models.TextChoices):
    """MNT-1: the places of a package's documents (reviews.VersionFile.part; `position` tells the first Safe Work
    Practice from the second)."""

    AUDIT_TOOL = "audit_tool", "Completed SECOR audit tool (internal audit)"
    SAFE_WORK_PRACTICE = "safe_work_practice", "Safe Work Practice"
    SAFE_JOB_PROCEDURE = "safe_job_procedure", "Safe Job Procedure"
