"""The partners' API (issue 27): the keys that open it, and the record of each keyed request.

A key is shown once, when made; only its digest is kept, so a copy of the database opens nothing. A key without a
person is a partner's (named for its holder, made by staff): it lifts the anonymous limit of the verification and
subscribes to change events. A key with a person is that person's own token and carries their role: staff read
every company, a program auditor the assigned ones (employers have none)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class ApiKey(models.Model):
    holder = models.CharField(max_length=200, help_text="Who holds the key: a company or system, or the person.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="api_tokens",
        help_text="The person whose token this is; empty for a partner's key.",
    )
    # The key is "secor_<prefix>_<secret>": the prefix finds the row, the digest of the whole key checks it.
    prefix = models.CharField(max_length=16, unique=True)
    digest = models.CharField(max_length=64)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            # A person has one working token at a time; making a new one revokes the old.
            models.UniqueConstraint(
                fields=["user"], condition=Q(revoked_at__isnull=True, user__isnull=False), name="one_token_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.holder} ({self.prefix})"

    @property
    def is_personal(self) -> bool:
        return self.user_id is not None


class ApiKeyUse(models.Model):
    """One request made with a key: which, when, to what (the log staff read beside the key)."""

    key = models.ForeignKey(ApiKey, on_delete=models.CASCADE, related_name="uses")
    at = models.DateTimeField(default=timezone.now)
    method = models.CharField(max_length=8)
    path = models.CharField(max_length=300)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["key", "-at"], name="api_key_use_key_at")]

    def __str__(self) -> str:
        return f"{self.key} {self.method} {self.path}"


class Subscription(models.Model):
    """A key holder's URL, told of the program's changes it asked for (secor.api.events), each change posted once
    through the notice ledger, signed with this subscription's secret (docs/api.md: verifying the signature)."""

    key = models.ForeignKey(ApiKey, on_delete=models.CASCADE, related_name="subscriptions")
    url = models.URLField(max_length=500)
    events = models.JSONField(help_text="The names of the events posted to the URL (secor.api.events.EVENTS).")
    # Kept as it is (not a digest): each delivery is signed with it. Shown to the holder once, when subscribed.
    secret = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.url} ({', '.join(self.events)})"
