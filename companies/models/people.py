"""Who belongs to a company: the employer logins of its members, the program auditors assigned to see it, and its
employees, whose headcount decides whether it qualifies (ELIG-1)."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from companies import rules
from companies.models.company import Company
from companies.rules import EmploymentType
from secor.validators import single_line


class AuditorAssignment(models.Model):
    """A program auditor may see the companies staff assign to them."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="auditor_assignments")
    auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="auditor_assignments",
        limit_choices_to={"role": "auditor"},
    )
    assigned_at = models.DateTimeField(auto_now_add=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["company", "auditor"], name="one_assignment_per_auditor")]

    def __str__(self) -> str:
        return f"{self.auditor} → {self.company}"


class Membership(models.Model):
    """Links an employer user to their company; the owner may invite others."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="memberships")
    # An employer login belongs to one company, so "their company" is never ambiguous.
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    is_owner = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-is_owner", "created_at"]

    def __str__(self) -> str:
        return f"{self.user} at {self.company}"


class Employee(models.Model):
    """A person on a company's roster. The ELIG-1 headcount is computed from these rows."""

    class Location(models.TextChoices):
        FIELD = "field", "Field"
        OFFICE = "office", "Office"

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="employees")
    first_name = models.CharField(max_length=100, validators=[single_line])
    last_name = models.CharField(max_length=100, validators=[single_line])
    email = models.EmailField(blank=True)
    employment_type = models.CharField(max_length=16, choices=EmploymentType.CHOICES)
    is_permanent = models.BooleanField("permanent position", default=True)
    works_in_saskatchewan = models.BooleanField("works in Saskatchewan", default=True)
    location = models.CharField(max_length=8, choices=Location.choices, default=Location.FIELD)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True, help_text="The last day worked; leave empty while employed.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["last_name", "first_name"]
        # TRN-2 recognises a person across companies by email, whatever its case.
        indexes = [models.Index(Lower("email"), name="employee_email_lower")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="employee_ends_after_start",
            ),
            models.UniqueConstraint(
                "company", Lower("first_name"), Lower("last_name"), name="one_roster_entry_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @staticmethod
    def counted_q(*, today: date, counted_types: frozenset[str], prefix: str = "employees__") -> Q:
        """ELIG-1 as a query filter; mirrors rules.counts_toward_headcount (a test keeps them in step)."""
        return Q(
            **{
                f"{prefix}employment_type__in": counted_types,
                f"{prefix}works_in_saskatchewan": True,
                f"{prefix}start_date__lte": today,
            }
        ) & (Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": today}))

    def counts_toward_headcount(self, *, today: date, counted_types: frozenset[str]) -> bool:
        return rules.counts_toward_headcount(
            counted_types=counted_types,
            employment_type=self.employment_type,
            works_in_saskatchewan=self.works_in_saskatchewan,
            start_date=self.start_date,
            end_date=self.end_date,
            today=today,
        )


# Kept in their own modules, registered with the app's models here.
