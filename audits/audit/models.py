"""The SECOR audit tool as data (MAN-1, AUD-4): its versions and their sections.

The manual is submitted by section and every audit is scored by section, always against one version of
the tool, so a later version (new supplemental sections, renamed elements) never rewrites past reviews or
audits.
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from audits import rules
from secor.reviews.kinds import review_kind

# AUD-4: a pass mark is a percentage of the points (a validator's message is %-formatted: %% is a percent sign).
PERCENT = [
    MinValueValidator(1, "A pass mark is at least 1%%."),
    MaxValueValidator(100, "A pass mark is at most 100%%."),
]


class AuditToolVersion(models.Model):
    """A version of the audit tool: its sections and its pass marks (AUD-4). A draft has no effective date;
    staff make one by copying the version in effect (audits.services.tool) and edit it until it takes effect."""

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
    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "number"]
        constraints = [models.UniqueConstraint(fields=["version", "number"], name="one_section_per_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


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


class Purpose(models.TextChoices):
    """What an audit (or its request, or the re-audit that follows it) is for: the first certificate (MIL-2),
    or the next one (RCT-1)."""

    BASELINE = "baseline", "First certification"
    RECERTIFICATION = "recertification", "Re-certification"


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


class Certificate(models.Model):
    """A SECOR certificate (CERT-1): dated the day the achieved audit was completed, valid 3 years. Whether
    it is valid, expired or suspended today is computed (audits.rules.certificate_status)."""

    company = models.ForeignKey("companies.Company", on_delete=models.CASCADE, related_name="certificates")
    audit = models.OneToOneField(Audit, on_delete=models.PROTECT, related_name="certificate")
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

    @property
    def ended_on(self):
        """CERT-2: the day the company's leaving the program ended this certificate, or None (reads its company)."""
        return rules.certificate_ended_on(
            issued_on=self.issued_on, expires_on=self.expires_on, left_program_on=self.company.left_program_on
        )

    def status(self, today) -> str:
        return rules.certificate_status(
            expires_on=self.expires_on,
            suspended=self.suspended_on is not None,
            today=today,
            superseded=self.superseded_by_id is not None,
            ended_on=self.ended_on,
        )


def certificate_ended(certificate: str = "") -> Q:
    """CERT-2 as a filter (mirrors rules.certificate_ended_on): certificates whose company left the program
    within their 3 years. From a row of the same company that points at the certificate (an anniversary),
    `certificate` is the path to it ("certificate__"): the company is joined once."""
    return Q(
        company__left_program_on__gte=models.F(f"{certificate}issued_on"),
        company__left_program_on__lte=models.F(f"{certificate}expires_on"),
    )


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class AuditorCalendar(models.Model):
    """AUD-2: a program auditor's bookings as a calendar at a secret address; resetting it replaces the token."""

    auditor = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="audit_calendar")
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Audit calendar of {self.auditor}"


# The three-year cycle's models and the invoices live in modules of their own; imported here, Django registers
# them with the app.
from audits.cycle_models import Anniversary, MaintenanceFile, MaintenancePackage  # noqa: E402, F401
from audits.invoice_models import Invoice, InvoiceCounter  # noqa: E402, F401
from audits.program_documents.models import ProgramDocument  # noqa: E402, F401
