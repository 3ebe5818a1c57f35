from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from companies.access import Reviewers
from companies.models import Company, Employee
from secor.uploads import private_upload_path
from training.rules import TRAINED_EMPLOYEE_POSITIONS


class Course(models.Model):
    """A course of the SECOR catalogue, seeded by a migration and edited by staff in the admin."""

    code = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    chart_order = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Row order on the SECOR training chart; empty for courses not on it."
    )
    counts_as = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="equivalents",
        help_text="A completion of this course counts as that course (e.g. an Energy Safety Canada course for SCOT).",
    )
    equivalence_accepted = models.BooleanField(
        default=True, help_text="TRN-8: whether SCSA currently accepts this course in place of the one it counts as."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["chart_order", "name"]

    def __str__(self) -> str:
        return self.name


class TrainingRecord(models.Model):
    """A completed course for one employee, pending until SCSA staff verify it."""

    REVIEWERS = Reviewers.STAFF

    class Status(models.TextChoices):
        PENDING = "pending", "Pending verification"
        VERIFIED = "verified", "Verified"
        REJECTED = "rejected", "Returned for correction"

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="training_records")
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="training_records")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="records")
    completed_on = models.DateField("date completed")
    certificate_number = models.CharField("certificate number", max_length=60, blank=True)
    certificate_file = models.FileField("certificate", upload_to=private_upload_path, blank=True)
    source_submission = models.OneToOneField(
        "ProficiencySubmission", on_delete=models.PROTECT, null=True, blank=True, related_name="record"
    )

    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-completed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""), name="rejected_record_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course} — {self.employee} ({self.completed_on})"


class ProficiencySubmission(models.Model):
    """A self-audit, personal maintenance audit or LSE proficiency, reviewed by staff or a program auditor."""

    REVIEWERS = Reviewers.STAFF_OR_ASSIGNED_AUDITOR

    class Kind(models.TextChoices):
        SELF_AUDIT = "self_audit", "Self-audit (for Internal Auditor Certification)"
        MAINTENANCE_AUDIT = "maintenance_audit", "Personal maintenance audit"
        LSE_PROFICIENCY = "lse_proficiency", "LSE proficiency"

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Submitted, under review"
        ACCEPTED = "accepted", "Accepted"
        RETURNED = "returned", "Returned for corrections"

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="proficiency_submissions")
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="proficiency_submissions")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    file = models.FileField(upload_to=private_upload_path)
    submitted_on = models.DateField()
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SUBMITTED, db_index=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    accepted_on = models.DateField(null=True, blank=True)
    reviewer_comments = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-submitted_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="accepted") | Q(accepted_on__isnull=False), name="accepted_submission_has_date"
            ),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(reviewer_comments=""), name="returned_submission_has_comments"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.employee} ({self.submitted_on})"


class TrainedEmployee(models.Model):
    """TRN-3: who the company designates as trained employee #1 or #2 for a required course."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="trained_employees")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(choices=[(n, f"#{n}") for n in TRAINED_EMPLOYEE_POSITIONS])
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="designations")
    designated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    designated_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["course__chart_order", "position"]
        constraints = [
            models.UniqueConstraint(fields=["company", "course", "position"], name="one_designee_per_place"),
            models.UniqueConstraint(fields=["company", "course", "employee"], name="one_place_per_designee"),
        ]

    def __str__(self) -> str:
        return f"{self.course} #{self.position}: {self.employee}"
