"""The SECOR audit tool as data (MAN-1, AUD-4): its versions and their sections.

The manual is submitted by section and every audit is scored by section, always against one version of
the tool, so a later version (new supplemental sections, renamed elements) never rewrites past reviews or
audits.
"""

from django.db import models
from simple_history.models import HistoricalRecords


class AuditToolVersion(models.Model):
    name = models.CharField(max_length=120, unique=True)
    effective_from = models.DateField(help_text="Manuals and audits started from this day use this version.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-effective_from"]
        get_latest_by = "effective_from"

    def __str__(self) -> str:
        return self.name


class AuditSection(models.Model):
    """One section of a version of the tool: a national standard element (1-13) or an SCSA supplemental
    section, in the order the manual and the audit report list them."""

    version = models.ForeignKey(AuditToolVersion, on_delete=models.PROTECT, related_name="sections")
    number = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=120)
    supplemental = models.BooleanField(default=False, help_text="An SCSA supplemental section (not national).")
    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "number"]
        constraints = [models.UniqueConstraint(fields=["version", "number"], name="one_section_per_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"
