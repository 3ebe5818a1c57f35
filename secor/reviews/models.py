from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords


class Review(models.Model):
    """Something a company submitted for SCSA's review, through all its versions."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", "Submitted, under review"
        ACCEPTED = "accepted", "Accepted"
        RETURNED = "returned", "Returned for corrections"

    # The tenant, named by string: this shared block sits below the companies app and never imports it.
    company = models.ForeignKey("companies.Company", on_delete=models.CASCADE, related_name="reviews")
    kind = models.SlugField(max_length=40)
    state = models.CharField(max_length=12, choices=State.choices, default=State.SUBMITTED)
    # DOMAIN §8 (TRN-5, TRN-7): a submission returned for corrections keeps its first submission date.
    first_submitted_on = models.DateField()
    latest_version = models.ForeignKey(
        "ReviewVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The latest version's `submitted_at`, kept with the pointer to it (secor.reviews.services): the queues, the
    # dashboard's overdue counts and its turnaround read how long a review waited from the review alone, without
    # joining every version (534,000 at province scale).
    latest_submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    accepted_on = models.DateField(null=True, blank=True)
    # Who SCSA gave the review to, where it gives each one to a reviewer (the manual, the maintenance packages);
    # a program auditor given one sees the company (audits' services assign them to it).
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviews_given",
        help_text="The program auditor (or staff member) the review is given to.",
    )
    assigned_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["latest_version", "latest_submitted_at"])

    class Meta:
        indexes = [
            models.Index(fields=["state", "kind"], name="review_state_kind"),
            models.Index(fields=["company", "state"], name="review_company_state"),
            models.Index(fields=["reviewer"], name="review_by_reviewer"),
            # What each reviewer has waiting (the auditors' workload): without it each auditor's few hundred
            # waiting reviews were found by intersecting all of theirs with every review waiting.
            models.Index(fields=["reviewer"], condition=Q(state="submitted"), name="review_waiting_by_reviewer"),
            # The reviews waiting, by kind and by how long (the queues' order, the overdue counts): a few
            # thousand among half a million reviews.
            models.Index(
                fields=["kind", "latest_submitted_at"], condition=Q(state="submitted"), name="review_waiting_since"
            ),
            # The reviews decided in the last months (the turnaround), with the time each waited.
            models.Index(fields=["decided_at"], include=["latest_submitted_at"], name="review_decided_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="accepted") | Q(accepted_on__isnull=False), name="accepted_review_has_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} of company {self.company_id}: {self.get_state_display()}"


class ReviewVersion(models.Model):
    """One submission of the thing under review, and what the reviewer decided about it."""

    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        RETURNED = "returned", "Returned for corrections"
        SUPERSEDED = "superseded", "Replaced by a correction before its review"

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    document = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    data = models.JSONField("what was submitted with it", default=dict, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    comments = models.TextField(blank=True)

    class Meta:
        ordering = ["review", "-number"]
        constraints = [models.UniqueConstraint(fields=["review", "number"], name="one_version_number_per_review")]

    def __str__(self) -> str:
        return f"Version {self.number} of {self.review}"


class VersionFile(models.Model):
    """One file of a version. A file of the previous version that a correction did not replace is listed again
    (`carried_over`), so every version is whole. Where the submission has set places (a maintenance package's
    audit tool, first and second Safe Work Practice…) `part` and `position` name the file's; the manual's files
    name the sections of the audit tool they cover instead (audits.AuditSection.files, reversed as `sections`)."""

    version = models.ForeignKey(ReviewVersion, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey("documents.Document", on_delete=models.PROTECT, related_name="+")
    part = models.CharField(max_length=40, blank=True)
    position = models.PositiveSmallIntegerField(default=1)
    carried_over = models.BooleanField(default=False)

    class Meta:
        ordering = ["version", "part", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "part", "position"], condition=~Q(part=""), name="one_version_file_per_place"
            )
        ]

    def __str__(self) -> str:
        return f"{self.document} (version {self.version_id})"


class SectionComment(models.Model):
    """The reviewer's verdict on one section of a version (the manual's 13 + 3 sections, MAN-2)."""

    class Verdict(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        CORRECTIONS = "corrections", "Corrections required"

    version = models.ForeignKey(ReviewVersion, on_delete=models.CASCADE, related_name="section_comments")
    section = models.CharField(max_length=120)
    verdict = models.CharField(max_length=12, choices=Verdict.choices)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["version", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "section"], name="one_comment_per_section"),
            models.CheckConstraint(
                condition=~Q(verdict="corrections") | ~Q(comment=""), name="corrections_have_a_comment"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.section}: {self.get_verdict_display()}"
