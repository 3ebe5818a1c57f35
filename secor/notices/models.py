from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from secor.notices.kinds import NOTICE_KINDS


class NoticeSweep(models.Model):
    """One run of the daily sweep: when, and what it claimed and sent."""

    day = models.DateField(help_text="The day (in Regina) the sweep looked for due notices.")
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    claimed = models.PositiveIntegerField(default=0)
    sent = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"Sweep of {self.day}: {self.claimed} claimed, {self.sent} sent"


class Notice(models.Model):
    """One email to one person about one thing, as it was sent (NTC-3)."""

    class State(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENDING = "sending", "Being sent"
        RETRYING = "retrying", "Not delivered yet; will be retried"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed; SCSA may resend it"
        IN_DOUBT = "in_doubt", "In doubt; SCSA may resend it"
        # Go-live: a deadline notice that fell due before SECOR took over the program, kept and never sent.
        BEFORE_GO_LIVE = "before_go_live", "Due before go-live; not sent"

    # States a sender may take the row from (a conditional UPDATE), and states staff may resend from.
    DELIVERABLE = (State.PENDING, State.RETRYING)
    RESENDABLE = (State.FAILED, State.IN_DOUBT)

    kind = models.SlugField(max_length=50)
    recipient_email = models.EmailField()
    recipient_name = models.CharField(max_length=200, blank=True)
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    subject_key = models.CharField(max_length=100, help_text="The object the notice is about: app.model:pk.")
    about_date = models.DateField(help_text="The date the notice is about: a deadline, an expiry, a decision.")
    # The tenant, named by string: this shared block sits below the companies app and never imports it.
    company = models.ForeignKey(
        "companies.Company", on_delete=models.CASCADE, null=True, blank=True, related_name="notices"
    )
    for_staff = models.BooleanField(default=False, help_text="A notice to SCSA about the company.")
    due_on = models.DateField(help_text="The day it became due to be sent.")
    state = models.CharField(max_length=20, choices=State.choices, default=State.PENDING)

    subject = models.CharField("subject line", max_length=250, blank=True)
    body = models.TextField(blank=True, help_text="As sent; a one-time sign-in link in it is withheld here.")
    link = models.URLField(max_length=500, blank=True)
    # The version of the staff-written text it was sent with (NoticeText); 0 for SECOR's own text.
    text_version = models.PositiveIntegerField(null=True, blank=True)

    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True, default=timezone.now)
    sending_since = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sweep = models.ForeignKey(NoticeSweep, on_delete=models.SET_NULL, null=True, blank=True, related_name="notices")

    resent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resent_at = models.DateTimeField(null=True, blank=True)
    resend_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            # NTC-2: the claim. A second sweep, worker or click inserting the same notice is refused here.
            models.UniqueConstraint(
                fields=["recipient_email", "kind", "subject_key", "about_date"],
                name="one_notice_per_recipient_kind_subject_date",
            ),
            models.CheckConstraint(condition=~Q(state="sent") | Q(sent_at__isnull=False), name="sent_notice_has_time"),
        ]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="notice_state_next_attempt"),
            models.Index(fields=["company", "-created_at"], name="notice_company_created"),
            models.Index(fields=["kind", "state"], name="notice_kind_state"),
            # The staff log, newest first, a page at a time.
            models.Index(fields=["-created_at", "-id"], name="notice_newest_first"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} to {self.recipient_email} about {self.subject_key} ({self.about_date})"

    @property
    def kind_label(self) -> str:
        kind = NOTICE_KINDS.get(self.kind)
        return kind.label if kind else self.kind


class DeadlineNoticeSwitch(models.Model):
    """Once a go-live date is set, whether the daily sweep claims a kind of deadline notice: off until staff, having
    seen what its first sweep would send, switch it on (secor.notices.golive)."""

    kind = models.SlugField(max_length=50, unique=True)
    on = models.BooleanField(default=False)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.kind}: {'on' if self.on else 'off'}"


class NoticeText(models.Model):
    """One version of the text staff wrote for a kind of notice (secor.notices.editable); the newest is sent.
    Going back to an older version saves it again as the newest: the history is never rewritten."""

    kind = models.SlugField(max_length=50)
    version = models.PositiveIntegerField()
    subject = models.CharField("subject line", max_length=250)
    body = models.TextField()
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    saved_at = models.DateTimeField(default=timezone.now)
    copied_from = models.PositiveIntegerField(null=True, blank=True, help_text="The version it went back to.")

    class Meta:
        ordering = ["kind", "-version"]
        constraints = [models.UniqueConstraint(fields=["kind", "version"], name="notice_text_version_once")]

    def __str__(self) -> str:
        return f"{self.kind} text, version {self.version}"
