"""External audits (AUD-1 … AUD-5): the company's request and the evidence sent with it, the audit booked with
a program auditor and scored by section against one version of the audit tool, and the auditor's calendar."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from audits.certificates.models import Purpose
from audits.tool.models import AuditSection, AuditToolVersion
from secor.dates import long_date, long_time


class AuditRequest(models.Model):
    """AUD-1, RCT-1: the company's request for its baseline or re-certification audit: the Site Assessment
    Form and the SECOR Audit Compliance Declaration Form, and the evidence of its working health & safety
    system (`evidence`), whose earliest date is the day the system began functioning."""

    company = models.ForeignKey("companies.Company", on_delete=models.CASCADE, related_name="audit_requests")
    purpose = models.CharField(max_length=20, choices=Purpose.choices, default=Purpose.BASELINE)
    site_assessment = models.ForeignKey("documents.Document", on_delete=models.PROTECT, related_name="+")
    compliance_declaration = models.ForeignKey("documents.Document", on_delete=models.PROTECT, related_name="+")
    # Read from the evidence when the request is sent (its earliest record); a request sent before SECOR asked
    # for evidence keeps the date the company typed, and has none.
    system_functioning_since = models.DateField(
        "health & safety system functioning since", help_text="The date of the earliest record of the evidence."
    )
    requested_at = models.DateTimeField(default=timezone.now)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["company", "-requested_at"]

    def __str__(self) -> str:
        return f"Audit request of company {self.company_id}"

    @property
    def audit_label(self) -> str:
        """ "Baseline audit" or "Re-certification audit": what the request asks for."""
        return Audit.Kind(self.purpose).label


class SystemEvidence(models.Model):
    """AUD-1: one of the earliest dated records of the company's working health & safety system, sent with its
    audit request, for the auditor to see before the audit (6 months of Saskatchewan documentation)."""

    class Kind(models.TextChoices):
        INSPECTION = "inspection", "Workplace inspection"
        MEETING = "meeting", "Safety meeting"
        HAZARD_ASSESSMENT = "hazard_assessment", "Hazard assessment"

    request = models.ForeignKey(AuditRequest, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    dated_on = models.DateField("dated")
    document = models.ForeignKey("documents.Document", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["request", "dated_on", "kind"]
        constraints = [models.UniqueConstraint(fields=["request", "kind"], name="one_evidence_of_each_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.dated_on}"


class Audit(models.Model):
    """An external audit by an SCSA program auditor at the company's office (AUD-2, AUD-3), scored by
    section against one version of the audit tool (AUD-4), frozen when completed (AUD-5)."""

    class Kind(models.TextChoices):
        BASELINE = "baseline", "Baseline audit"
        RECERTIFICATION = "recertification", "Re-certification audit"
        FULL_REAUDIT = "full_reaudit", "Full re-audit"
        LIMITED_SCOPE = "limited_scope", "Limited scope audit"

    class State(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        COMPLETED = "completed", "Completed"
        CANCELLED = "cancelled", "Cancelled"

    Purpose = Purpose

    company = models.ForeignKey("companies.Company", on_delete=models.CASCADE, related_name="audits")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    tool = models.ForeignKey(AuditToolVersion, on_delete=models.PROTECT, related_name="+")
    request = models.OneToOneField(AuditRequest, on_delete=models.PROTECT, null=True, blank=True, related_name="audit")
    # AUD-5: a full re-audit or limited scope audit follows the audit that did not achieve the standard.
    follows = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    scope = models.ManyToManyField(AuditSection, blank=True, related_name="+", help_text="Limited scope: its sections.")
    auditor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="audits")
    scheduled_on = models.DateField()
    # AUD-2: when the audit starts, Saskatchewan time; empty for the audits booked before a booking had a time.
    starts_at = models.TimeField("start time", null=True, blank=True)
    location = models.CharField("at the company's office", max_length=300)
    scheduled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    scheduled_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=10, choices=State.choices, default=State.SCHEDULED)
    completed_on = models.DateField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    achieved = models.BooleanField(null=True, blank=True)
    report = models.ForeignKey("documents.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-scheduled_on", "-pk"]
        indexes = [
            models.Index(fields=["state", "scheduled_on"], name="audit_by_state_day"),
            models.Index(fields=["company", "kind", "state"], name="audit_of_company"),
            # MIL-2 met: the companies whose baseline audit achieved the standard, read whole by the milestone
            # watch list's letters at risk and the roadmap stages of lists.
            models.Index(
                fields=["company"],
                condition=models.Q(purpose=Purpose.BASELINE, achieved=True),
                name="baseline_achieved",
            ),
        ]
        constraints = [
            # AUD-2: an auditor is not booked twice on one day.
            models.UniqueConstraint(
                fields=["auditor", "scheduled_on"],
                condition=Q(state="scheduled"),
                name="one_audit_per_auditor_per_day",
            ),
            models.CheckConstraint(
                condition=~Q(state="completed") | Q(completed_on__isnull=False, achieved__isnull=False),
                name="completed_audit_has_outcome",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of company {self.company_id} on {self.scheduled_on}"

    @property
    def when(self) -> str:
        """ "August 3, 2026 at 9:00 a.m.": the day booked, and the time once bookings have one."""
        day = long_date(self.scheduled_on)
        return f"{day} at {long_time(self.starts_at)}" if self.starts_at else day


class AuditScore(models.Model):
    """One section's points in an audit (AUD-4): available, actual and not applicable, with notes."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="scores")
    section = models.ForeignKey(AuditSection, on_delete=models.PROTECT, related_name="+")
    available = models.PositiveIntegerField()
    actual = models.PositiveIntegerField()
    not_applicable = models.PositiveIntegerField(default=0)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["audit", "section__number"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "section"], name="one_score_per_section"),
            models.CheckConstraint(
                condition=Q(not_applicable__lte=models.F("available"))
                & Q(actual__lte=models.F("available") - models.F("not_applicable")),
                name="score_within_available_points",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.section}: {self.actual}/{self.available} (N/A {self.not_applicable})"


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class AuditorCalendar(models.Model):
    """AUD-2: a program auditor's bookings as a calendar at a secret address; resetting it replaces the token."""

    auditor = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="audit_calendar")
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Audit calendar of {self.auditor}"
