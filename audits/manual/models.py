"""The company's health & safety manual in SCSA's review (MAN-2); its files cover sections of the audit tool."""

from django.db import models
from simple_history.models import HistoricalRecords

from audits.tool.models import AuditToolVersion
from secor.reviews.kinds import review_kind


class ManualSubmission(models.Model):
    """A company's health & safety manual in SCSA's review (MAN-2), through all its versions.

    The review block keeps the versions, their files, outcomes and section comments, and who SCSA gave the
    review to; this adds what is the manual's own: the audit-tool version its sections come from.
    """

    company = models.ForeignKey("companies.Company", on_delete=models.CASCADE, related_name="manual_submissions")
    review = models.OneToOneField("reviews.Review", on_delete=models.PROTECT, related_name="manual")
    tool = models.ForeignKey(AuditToolVersion, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    REVIEW_KIND = review_kind("manual", "Health & safety manual")

    class Meta:
        ordering = ["company", "-pk"]

    def __str__(self) -> str:
        return f"Health & safety manual of company {self.company_id}"
