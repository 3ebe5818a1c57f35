from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

# Long enough for a question with its context; an essay belongs in a call with the Safety Advisor.
QUESTION_MAX_CHARS = 2000
ANSWER_MAX_CHARS = 5000


class Question(models.Model):
    """An employer's question to an SCSA Safety Advisor and, once given, the answer.

    Unanswered while `answered_at` is empty: whether a question waits is read from the row, never kept apart.
    """

    class Step(models.TextChoices):
        """The step of the employer's journey the question was asked from (the page's "Ask SCSA" link)."""

        NEXT_STEPS = "next-steps", "What to do next (company page)"
        TRAINING = "training", "Training chart"
        MANUAL = "manual", "Health & safety manual"
        AUDIT_REQUEST = "audit-request", "Audit request"
        MAINTENANCE = "maintenance", "Annual maintenance package"
        GENERAL = "general", "General question"

    company = models.ForeignKey("companies.Company", on_delete=models.CASCADE, related_name="questions")
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField(default=timezone.now)
    step = models.CharField("asked from", max_length=24, choices=Step.choices, default=Step.GENERAL)
    text = models.TextField("your question", max_length=QUESTION_MAX_CHARS)
    answer = models.TextField(max_length=ANSWER_MAX_CHARS, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-asked_at", "-pk"]
        indexes = [
            # The staff queue: the questions waiting, oldest first (the navigation counts the same rows).
            models.Index(fields=["asked_at", "id"], condition=Q(answered_at__isnull=True), name="question_waiting"),
            # The whole queue and the answered ones: DESC puts the unanswered (NULL) first, as the queue sorts.
            models.Index(fields=["-answered_at", "asked_at", "id"], name="question_queue_order"),
            # A company's own questions, newest first.
            models.Index(fields=["company", "-asked_at"], name="question_company_asked"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="question_has_text"),
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True, answer="", answered_by__isnull=True)
                | (Q(answered_at__isnull=False) & ~Q(answer="")),
                name="question_answer_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"Question of {self.company} ({self.asked_at:%Y-%m-%d})"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None
