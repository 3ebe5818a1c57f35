from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from simple_history.models import HistoricalRecords

from companies.access import Reviewers
from companies.models import Company, Employee
from secor import hooks
from secor.reviews.kinds import review_kind
from secor.reviews.models import Review
from training.rules import TRAINED_EMPLOYEE_POSITIONS, CourseCode


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
        default=True,
        help_text="TRN-8: whether SCSA currently accepts this Energy Safety Canada course in place of SCOT.",
    )
    history = HistoricalRecords()

    CATALOGUE_KEY = "course-catalogue"

    class Meta:
        ordering = ["chart_order", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Staff edit the catalogue in the admin: an accepted equivalent changes who holds SCOT (TRN-8).
        hooks.changed(hooks.Topic.CATALOGUE)

    def clean(self):
        if self.counts_as_id and not self.equivalence_accepted and self.counts_as.code != CourseCode.SCOT:
            raise ValidationError(
                {"equivalence_accepted": f"{self.name} is always accepted in place of {self.counts_as} (TRN-4)."}
            )


class Reviewed(models.Model):
    """A training document SCSA reviews: its state, versions and comments are those of its `review`."""

    review = models.OneToOneField(Review, on_delete=models.PROTECT, related_name="+")

    class Meta:
        abstract = True

    @property
    def status(self) -> str:
        return self.review.state

    def get_status_display(self) -> str:
        return self.Status(self.review.state).label

    @property
    def is_waiting(self) -> bool:
        return self.review.state == Review.State.SUBMITTED

    @property
    def is_accepted(self) -> bool:
        return self.review.state == Review.State.ACCEPTED

    @property
    def is_returned(self) -> bool:
        return self.review.state == Review.State.RETURNED

    @property
    def reviewer_comments(self) -> str:
        """What the reviewer said of the latest version."""
        version = self.review.latest_version
        return version.comments if version is not None else ""

    @property
    def document(self):
        """The file of the latest version."""
        version = self.review.latest_version
        return version.document if version is not None else None


class TrainingRecord(Reviewed):
    """A completed course for one employee, pending until SCSA staff verify it.

    `completed_on` and `certificate_number` are those of the latest version; earlier versions keep theirs.
    """

    REVIEWERS = Reviewers.STAFF
    REVIEW_KIND = review_kind("course_record", "Course record")

    class Status(models.TextChoices):
        PENDING = Review.State.SUBMITTED, "Pending verification"
        VERIFIED = Review.State.ACCEPTED, "Verified"
        REJECTED = Review.State.RETURNED, "Returned for correction"

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="training_records")
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="training_records")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="records")
    completed_on = models.DateField("date completed")
    certificate_number = models.CharField("certificate number", max_length=60, blank=True)
    # TRN-8 (DOMAIN section 8): an Energy Safety Canada certificate counts for SCOT only until it expires.
    expires_on = models.DateField("expires on", null=True, blank=True)
    source_submission = models.OneToOneField(
        "ProficiencySubmission", on_delete=models.PROTECT, null=True, blank=True, related_name="record"
    )
    # TRN-5, TRN-7 (DOMAIN section 8): staff may extend the 8-month deadline of one person's training.
    extended_deadline = models.DateField("deadline extended to", null=True, blank=True)
    extension_reason = models.TextField(blank=True)
    extension_granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-completed_on", "-pk"]
        constraints = [
            # The same completion recorded twice (a form sent twice at once) is refused by the database too.
            models.UniqueConstraint(
                "employee", "course", "completed_on", Lower("certificate_number"), name="one_record_per_completion"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course} — {self.employee} ({self.completed_on})"

    @property
    def rejection_reason(self) -> str:
        return self.reviewer_comments if self.status == self.Status.REJECTED else ""


class ProficiencySubmission(Reviewed):
    """A self-audit, personal maintenance audit or LSE proficiency, reviewed by staff or a program auditor."""

    REVIEWERS = Reviewers.STAFF_OR_ASSIGNED_AUDITOR

    class Kind(models.TextChoices):
        SELF_AUDIT = "self_audit", "Self-audit (for Internal Auditor Certification)"
        MAINTENANCE_AUDIT = "maintenance_audit", "Personal maintenance audit"
        LSE_PROFICIENCY = "lse_proficiency", "LSE proficiency"

    class Status(models.TextChoices):
        SUBMITTED = Review.State.SUBMITTED, "Submitted, under review"
        ACCEPTED = Review.State.ACCEPTED, "Accepted"
        RETURNED = Review.State.RETURNED, "Returned for corrections"

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="proficiency_submissions")
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="proficiency_submissions")
    kind = models.CharField(max_length=20, choices=Kind.choices)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-review__first_submitted_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.employee} ({self.submitted_on})"

    @property
    def kind_in_a_sentence(self) -> str:
        """Its kind inside a sentence: "the self-audit (…)", "the LSE proficiency" (an acronym keeps its capitals)."""
        label = self.get_kind_display()
        return label if label[:2].isupper() else label[0].lower() + label[1:]

    @property
    def submitted_on(self):
        """DOMAIN §8: the date it first reached SCSA, kept through corrections (TRN-5, TRN-6, TRN-7)."""
        return self.review.first_submitted_on

    @property
    def accepted_on(self):
        return self.review.accepted_on


# Each kind of submission is a kind of review, for the queues.
for _kind, _label in ProficiencySubmission.Kind.choices:
    review_kind(_kind, _label)


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


class TrainingSummary(models.Model):
    """The TRN-9 summary of a company's training chart, kept so that lists filter and sort by it without
    building every chart. It is deleted in the same transaction as any change to what the chart reads, and
    holds only through `holds_until` (its next deadline, expiry, start or end date): a summary that is
    missing or past that day is computed again before it is read (training/summaries.py)."""

    company = models.OneToOneField(Company, on_delete=models.CASCADE, primary_key=True, related_name="+")
    complete = models.BooleanField()
    # MIL-4's first two steps: the courses held, the proficiencies accepted (for the roadmap stage of lists).
    courses_held = models.BooleanField(default=False)
    proficiencies_held = models.BooleanField(default=False)
    unmet = models.JSONField(default=list)
    computed_on = models.DateField()
    holds_until = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["complete"], name="training_summary_complete"),
            # The milestone letters at risk and the Milestone #2 requests missing (MIL-2, MIL-3) probe the companies
            # whose training is complete: read from this, not from every complete summary's row.
            models.Index(fields=["company"], condition=models.Q(complete=True), name="summary_complete_company"),
            # The company list's roadmap-stage filter joins the companies past each step (milestones.selectors
            # .stages.in_stage): read from these, not from every summary's row, twice.
            models.Index(fields=["company"], condition=models.Q(courses_held=True), name="summary_courses_held"),
            models.Index(
                fields=["company"], condition=models.Q(proficiencies_held=True), name="summary_proficiencies_held"
            ),
        ]

    def __str__(self) -> str:
        return f"Training of company {self.company_id}: {'complete' if self.complete else 'incomplete'}"

    @property
    def unmet_count(self) -> int:
        return len(self.unmet)


class TrainingDeadline(models.Model):
    """A person's next training deadline, kept with the company's TrainingSummary (computed, replaced and
    valid with it) so that staff lists count and page the program's deadlines in SQL (training/deadlines.py).
    Its kinds: a proficiency's 8-month deadline (TRN-5, TRN-7), the date a maintenance audit not yet sent
    should reach SCSA, and an internal auditor status's expiry (TRN-6)."""

    class Kind(models.TextChoices):
        SELF_AUDIT = "self-audit", "Self-audits and Internal Auditor Certification (TRN-5)"
        LSE_PROFICIENCY = "lse-proficiency", "LSE proficiencies (TRN-7)"
        MAINTENANCE_AUDIT = "maintenance-audit", "Personal maintenance audits (TRN-6)"
        AUDITOR_EXPIRY = "auditor-expiry", "Internal auditor status expiries (TRN-6)"

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="+")
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    kind = models.SlugField(max_length=40, choices=Kind.choices)
    due_on = models.DateField()
    # For a maintenance audit: the day the status expires; overdue between due_on and this day (TRN-6).
    status_expires_on = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["kind", "due_on"], name="training_deadline_kind_due"),
            # The deadlines list's order: by day, each company's people together.
            models.Index(fields=["due_on", "company", "employee", "id"], name="training_deadline_by_day"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} of employee {self.employee_id} due {self.due_on}"


class TrainingSummariesState(models.Model):
    """One row: the day on which every company's summary was last found current, and a generation that
    every invalidation advances. A list filtering all companies by training skips its search for stale
    summaries on a day already found current; a refresh records that day only if no invalidation came in
    between (the generation is unchanged), so a change is never hidden."""

    generation = models.BigIntegerField(default=0)
    all_current_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Training summaries: generation {self.generation}, all current on {self.all_current_on}"
