import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


def document_path(instance, filename: str) -> str:
    # The stored name is random and its extension the detected type, never the uploader's file name.
    owner = f"company-{instance.company_id}" if instance.company_id else "program"
    return f"private/{owner}/{instance.kind}/{uuid.uuid4().hex}.{instance.extension}"


class Document(models.Model):
    """A file of a company's: uploaded by its people, or issued by SECOR (a letter, a certificate); or, with no
    company, one of the program's own documents that SCSA gives every company (a sample, a blank form)."""

    class Origin(models.TextChoices):
        UPLOADED = "uploaded", "Uploaded"
        ISSUED = "issued", "Issued by SECOR"

    # The tenant, named by string: this shared block sits below the companies app and never imports it.
    company = models.ForeignKey(
        "companies.Company", on_delete=models.CASCADE, null=True, blank=True, related_name="documents"
    )
    kind = models.SlugField(max_length=40, help_text="What the document is, e.g. certificate, self-audit.")
    name = models.CharField(max_length=200, help_text="The name it downloads as, without its extension.")
    file = models.FileField(upload_to=document_path, max_length=200)
    extension = models.CharField(max_length=8)
    content_type = models.CharField(max_length=80)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    origin = models.CharField(max_length=8, choices=Origin.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name}.{self.extension}"

    @property
    def label(self) -> str:
        """What the document is, in people's words ("LSE proficiency", not its kind's slug "lse-proficiency")."""
        return KIND_LABELS.get(self.kind, self.kind.replace("-", " "))


# The kinds whose words are not their slug's (an acronym, a form's own name); the others read as their slug does.
KIND_LABELS = {
    "lse-proficiency": "LSE proficiency",
    "self-audit": "self-audit",
    "site-assessment": "Site Assessment Form",
    "compliance-declaration": "SECOR Audit Compliance Declaration Form",
    "system-evidence": "health & safety record",
    "maintenance": "maintenance package",
}
