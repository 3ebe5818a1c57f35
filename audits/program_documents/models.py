from django.conf import settings
from django.db import models
from django.utils import timezone


class ProgramDocument(models.Model):
    """One version of a program document. Every version is kept; the highest of a kind is the current one."""

    class Kind(models.TextChoices):
        SAMPLE_SAFE_WORK_PRACTICES = "sample-safe-work-practices", "Sample Safe Work Practices"
        SAMPLE_SAFE_JOB_PROCEDURES = "sample-safe-job-procedures", "Sample Safe Job Procedures"
        SITE_ASSESSMENT = "site-assessment-form", "Site Assessment Form"
        COMPLIANCE_DECLARATION = "compliance-declaration-form", "SECOR Audit Compliance Declaration Form"
        SUBMISSION_CHECKLIST = "audit-submission-checklist", "Baseline and Re-Certification Audit Submission Checklist"

    kind = models.CharField(max_length=40, choices=Kind.choices)
    version = models.PositiveIntegerField()
    document = models.OneToOneField("documents.Document", on_delete=models.PROTECT, related_name="+")
    note = models.CharField(max_length=300, blank=True, help_text="What changed in this version.")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "-version"]
        constraints = [models.UniqueConstraint(fields=["kind", "version"], name="one_program_document_version")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, version {self.version}"
