"""Milestone letters (MIL-1, MIL-2), their extensions, and the company's private calendar feed (MIL-4).

A letter's expiry is kept as issued or last extended; whether it is met, expiring or lapsed is computed
from the company's records and today. `settled` records once what happened at the expiry (met, or the
company de-rolled by MIL-3), so that the daily sweep acts on each letter once.

A company registered again starts afresh (MIL-1, DOMAIN section 8): its letters until then are marked as of
an earlier registration, kept as its history, and no rule reads them again.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords


class MilestoneLetter(models.Model):
    class Milestone(models.IntegerChoices):
        FIRST = 1, "Milestone #1"
        SECOND = 2, "Milestone #2"

    class Settled(models.TextChoices):
        OPEN = "", "Open"
        MET = "met", "Met"
        DEROLLED = "derolled", "Expired unmet: company de-rolled"

    company = models.ForeignKey("companies.Company", on_delete=models.CASCADE, related_name="milestone_letters")
    milestone = models.PositiveSmallIntegerField(choices=Milestone.choices)
    issued_on = models.DateField()
    expires_on = models.DateField(help_text="The last day the milestone can be met; moved by an extension.")
    document = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # None: issued by SECOR itself (on registration, or by the command for companies registered earlier).
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # MAN-3: the company's request for its next letter, made while this one is valid.
    next_requested_at = models.DateTimeField(null=True, blank=True)
    next_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    settled = models.CharField(max_length=10, choices=Settled.choices, blank=True, default=Settled.OPEN)
    settled_on = models.DateField(null=True, blank=True, help_text="Met on, or de-rolled on (the day after expiry).")
    settled_at = models.DateTimeField(null=True, blank=True, help_text="When SECOR recorded it.")
    earlier_registration = models.BooleanField(
        default=False, help_text="Issued before the company registered again: history, read by no rule (MIL-1)."
    )
    history = HistoricalRecords()

    class Meta:
        # Newest first: the current letter, then the history (a new registration's #1 after an old #2).
        ordering = ["company", "-pk"]
        indexes = [
            models.Index(fields=["settled", "expires_on"], name="letter_open_by_expiry"),
            models.Index(fields=["company", "-milestone", "-id"], name="letter_latest_of_company"),
            # MAN-3: the requests for a Milestone #2 letter waiting on the watch list, a handful among every
            # open letter.
            models.Index(
                fields=["next_requested_at"],
                condition=Q(next_requested_at__isnull=False, settled=""),
                name="letter_next_requested",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__gt=models.F("issued_on")), name="letter_expires_after_issue"
            ),
            models.CheckConstraint(
                condition=Q(settled="") | Q(settled_on__isnull=False), name="settled_letter_has_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_milestone_display()} letter {self.reference}"

    @property
    def reference(self) -> str:
        """The letter's number, as printed on it."""
        return f"SECOR-M{self.milestone}-{self.pk:06d}"


class LetterExtension(models.Model):
    """Staff moved a letter's expiry, with a reason (MIL-3's override); a new notice cycle starts (NTC-2)."""

    letter = models.ForeignKey(MilestoneLetter, on_delete=models.CASCADE, related_name="extensions")
    from_date = models.DateField()
    to_date = models.DateField()
    reason = models.TextField()
    extended_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    extended_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["letter", "-extended_at"]

    def __str__(self) -> str:
        return f"{self.letter} extended from {self.from_date} to {self.to_date}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """MIL-4: the company's deadlines as a calendar at a secret address; resetting it replaces the token."""

    company = models.OneToOneField("companies.Company", on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Calendar feed of company {self.company_id}"
