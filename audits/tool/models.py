"""The SECOR audit tool as data (MAN-1, AUD-4): its versions and their sections.

The manual is submitted by section and every audit is scored by section, always against one version of
the tool, so a later version (new supplemental sections, renamed elements) never rewrites past reviews or
audits.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

# AUD-4: a pass mark is a percentage of the points (a validator's message is %-formatted: %% is a percent sign).
PERCENT = [
    MinValueValidator(1, "A pass mark is at least 1%%."),
    MaxValueValidator(100, "A pass mark is at most 100%%."),
]


class AuditToolVersion(models.Model):
    """A version of the audit tool: its sections and its pass marks (AUD-4). A draft has no effective date;
    staff make one by copying the version in effect (audits.tool.services) and edit it until it takes effect."""

    name = models.CharField(max_length=120, unique=True)
    effective_from = models.DateField(
        null=True,
        blank=True,
        unique=True,
        help_text="Manuals sent and audits booked from this day use this version; empty while it is a draft.",
    )
    # AUD-4 [decision, per audit-tool version]: the standard is achieved with an overall score of at least this
    # and every section (supplemental ones included) at least that. An audit is scored by its own version's.
    overall_pass_percent = models.PositiveSmallIntegerField("overall pass mark (%)", default=80, validators=PERCENT)
    section_pass_percent = models.PositiveSmallIntegerField("section pass mark (%)", default=50, validators=PERCENT)
    history = HistoricalRecords()

    class Meta:
        ordering = [models.F("effective_from").desc(nulls_first=True), "-pk"]
        get_latest_by = "effective_from"
        constraints = [
            models.CheckConstraint(
                condition=Q(overall_pass_percent__range=(1, 100), section_pass_percent__range=(1, 100)),
                name="pass_marks_are_percentages",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class AuditSection(models.Model):
    """One section of a version of the tool: a national standard element (1-13) or an SCSA supplemental
    section, in the order the manual and the audit report list them."""

    version = models.ForeignKey(AuditToolVersion, on_delete=models.PROTECT, related_name="sections")
    number = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=120)
    supplemental = models.BooleanField(default=False, help_text="An SCSA supplemental section (not national).")
    available_points = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1, "A section is scored out of at least 1 point.")],
        help_text="The points the audit scores the section out of; the score sheet starts from them.",
    )
    # MAN-1: the files of the manual's versions that cover the section (each file lists its `sections`).
    files = models.ManyToManyField("reviews.VersionFile", blank=True, related_name="sections")
    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "number"]
        constraints = [models.UniqueConstraint(fields=["version", "number"], name="one_section_per_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"
