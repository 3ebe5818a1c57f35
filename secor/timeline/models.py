from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from secor.rule_ids import RuleWords


class Event(models.Model):
    """A readable line of a company's timeline: what happened, to which object, who did it and when.

    Field-level detail of certification records is in their history (django-simple-history); this is the
    story a person reads. `kind` groups events for filtering; `subject` is the object the event is about.
    """

    # The tenant, named by string: this shared block sits below the companies app and never imports it.
    company = models.ForeignKey("companies.Company", on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    at = models.DateTimeField(default=timezone.now)
    kind = models.CharField(max_length=32)
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    summary = models.CharField(max_length=300)
    detail = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["company", "-at"], name="event_company_at"),
            models.Index(fields=["company", "kind", "-at"], name="event_company_kind_at"),
        ]

    def __str__(self) -> str:
        return self.summary

    @property
    def detail_words(self) -> RuleWords:
        """The detail, with the id of the rule it applies when it applies one (shown to staff only)."""
        return RuleWords(self.detail, self.data.get("rule", ""))
