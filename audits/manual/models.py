"""The company's health & safety manual in SCSA's review (MAN-2), and its files by section of the audit tool."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from audits.tool.models import AuditSection, AuditToolVersion
from secor.reviews.kinds import review_kind


class ManualSubmission(models.Model):
    """A company's health & safety manual in SCSA's review (MAN-2), through all its versions.

    The review block keeps the versions, outcomes and section comments; this adds what is the manual's own:
    the audit-tool version its sections come from, and who SCSA gave the review to.
    """

    company = models.ForeignKey("companies.Company", on_delete=models.CASCADE, related_name="manual_submissions")
    review = models.OneToOneField("reviews.Review", on_delete=models.PROTECT, related_name="manual")
    tool = models.ForeignKey(AuditToolVersion, on_delete=models.PROTECT, related_name="+")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="manual_reviews",
        help_text="The program auditor (or staff member) the review is given to.",
    )
    assigned_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    REVIEW_KIND = review_kind("manual", "Health & safety manual")

    class Meta:
        ordering = ["company", "-pk"]
        indexes = [models.Index(fields=["reviewer"], name="manual_by_reviewer")]

    def __str__(self) -> str:
        return f"Health & safety manual of company {self.company_id}"


class ManualFile(models.Model):
    """One file of a version of the manual, and the sections of the audit tool it covers. A file sent with an
    earlier version is listed again, for the sections a correction left as they were (`carried_over`)."""

    version = models.ForeignKey("reviews.ReviewVersion", on_delete=models.CASCADE, related_name="manual_files")
    document = models.ForeignKey("documents.Document", on_delete=models.PROTECT, related_name="+")
    sections = models.ManyToManyField(AuditSection, related_name="+")
    carried_over = models.BooleanField(default=False)

    class Meta:
        ordering = ["version", "pk"]

    def __str__(self) -> str:
        return f"{self.document} (version {self.version_id})"
