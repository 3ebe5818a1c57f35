from decimal import Decimal

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from secor import hooks
from secor.request_memo import shared


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True, role=User.Role.STAFF)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in with an email address, in one of the program's three roles."""

    class Role(models.TextChoices):
        EMPLOYER = "employer", "Employer"
        AUDITOR = "auditor", "Program auditor"
        STAFF = "staff", "SCSA program administrator"

    username = None
    email = models.EmailField("email address", unique=True)
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.EMPLOYER)
    invited_by = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", help_text="Empty: signed up."
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]
        indexes = [
            # SCSA's people (a few dozen among the province's employers): the auditors' workload, the lists of
            # whom to assign, found without reading every user.
            models.Index(fields=["role"], condition=~Q(role="employer"), name="user_program_people"),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def is_program_staff(self) -> bool:
        return self.is_active and self.role == self.Role.STAFF

    @property
    def is_program_auditor(self) -> bool:
        return self.is_active and self.role == self.Role.AUDITOR

    @property
    def is_employer(self) -> bool:
        return self.is_active and self.role == self.Role.EMPLOYER


NO_NEGATIVE_FEE = MinValueValidator(Decimal("0.00"), "A fee cannot be negative; enter 0.00 for no fee.")


class ProgramSettings(models.Model):
    """The program's [decision] values of DOMAIN.md, one row that SCSA staff edit in the admin."""

    registration_fee_member = models.DecimalField(
        "registration fee, SCSA members (ELIG-7)",
        max_digits=8,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=[NO_NEGATIVE_FEE],
    )
    registration_fee_non_member = models.DecimalField(
        "registration fee, non-members (ELIG-7)",
        max_digits=8,
        decimal_places=2,
        default=Decimal("250.00"),
        validators=[NO_NEGATIVE_FEE],
    )
    consultants_count_toward_headcount = models.BooleanField(
        "consultants count toward the 9-worker limit (ELIG-1)",
        default=False,
        help_text="The seed lists owners, full-time, part-time, casual workers and sub-contractors as counting; "
        "consultants are kept on the roster and, unless this is ticked, not counted.",
    )
    owners_may_be_trained_employees = models.BooleanField(
        "owners may be the trained employee (TRN-1)",
        default=True,
        help_text="The seed excludes consultants, sub-contractors, part-time and casual workers; owners are not on "
        "that list. Untick to accept full-time permanent employees only.",
    )
    # AUD-6 [decision]: what each kind of audit costs, invoiced when it is completed, and the sales tax added
    # to every invoice (GST in Saskatchewan's case; PST does not apply to these services).
    audit_fee_baseline = models.DecimalField(
        "baseline audit fee (AUD-6)",
        max_digits=8,
        decimal_places=2,
        default=Decimal("1500.00"),
        validators=[NO_NEGATIVE_FEE],
    )
    audit_fee_recertification = models.DecimalField(
        "re-certification audit fee (AUD-6)",
        max_digits=8,
        decimal_places=2,
        default=Decimal("1500.00"),
        validators=[NO_NEGATIVE_FEE],
    )
    audit_fee_full_reaudit = models.DecimalField(
        "full re-audit fee (AUD-6)",
        max_digits=8,
        decimal_places=2,
        default=Decimal("1500.00"),
        validators=[NO_NEGATIVE_FEE],
    )
    audit_fee_limited_scope = models.DecimalField(
        "limited scope audit fee (AUD-6)",
        max_digits=8,
        decimal_places=2,
        default=Decimal("750.00"),
        validators=[NO_NEGATIVE_FEE],
    )
    tax_rate_percent = models.DecimalField(
        "tax rate, percent (GST)",
        max_digits=5,
        decimal_places=2,
        default=Decimal("5.00"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("30"))],
    )
    # AUD-6, ELIG-7 [decision]: what every invoice tells the payer: when it is due, how to pay, and the GST
    # registration number an invoice must show for the payer to claim the tax back.
    invoice_payment_days = models.PositiveSmallIntegerField(
        "invoices are due, days after they are issued (AUD-6, ELIG-7)",
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text="Applies to invoices issued from now on; an issued invoice keeps its due date.",
    )
    invoice_payment_instructions = models.TextField(
        "how to pay an invoice (AUD-6, ELIG-7)",
        default="Pay by cheque payable to the Saskatchewan Construction Safety Association, or by electronic funds "
        "transfer or credit card by calling SCSA. Quote the invoice number with your payment.",
        help_text="Printed on every invoice and shown on its page until it is paid.",
    )
    gst_registration_number = models.CharField(
        "SCSA's GST registration number",
        max_length=30,
        blank=True,
        help_text="Printed on every invoice (for example 123456789 RT0001); an invoice issued while it is empty "
        "shows none.",
    )
    milestone_1_months = models.PositiveSmallIntegerField(
        "Milestone #1 letter expires, months after registration (MIL-1)",
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="Applies to letters issued from now on; an issued letter keeps its expiry (extend it instead).",
    )
    milestone_2_months = models.PositiveSmallIntegerField(
        "Milestone #2 letter expires, months after registration (MIL-2)",
        default=18,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="Applies to letters issued from now on; an issued letter keeps its expiry (extend it instead).",
    )
    # NTC-1 [decision]: a milestone letter's expiry is told twice before it comes.
    letter_first_warning_days = models.PositiveSmallIntegerField(
        "milestone letter expiry, first warning, days before (NTC-1)",
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text="Applies to warnings not yet sent.",
    )
    letter_last_warning_days = models.PositiveSmallIntegerField(
        "milestone letter expiry, last warning, days before (NTC-1)",
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text="Fewer days than the first warning. Applies to warnings not yet sent.",
    )
    # NTC-1 [decision]: the notice of an 8-month proficiency deadline (TRN-5, TRN-7) goes this many days before.
    proficiency_notice_days = models.PositiveSmallIntegerField(
        "8-month proficiency deadline, notice days before (NTC-1)",
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(180)],
        help_text="Applies to notices not yet sent.",
    )
    # MNT-1 [decision, DOMAIN section 8]: how long a company has to correct a returned maintenance package.
    maintenance_correction_days = models.PositiveSmallIntegerField(
        "returned maintenance package, days to correct it (MNT-1)",
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text="Counted from the day SCSA returns the package; after it the package is overdue.",
    )
    # ELIG-3/4: where a company that no longer qualifies for SECOR is sent for the COR program.
    cor_contact = models.TextField(
        "SCSA's COR contact (ELIG-3, ELIG-4)",
        default="SCSA Program Services, Certificate of Recognition (COR) program",
        help_text="Shown to a company that no longer qualifies for SECOR: who at SCSA starts its COR "
        "registration (name, phone, email).",
    )
    # Go-live [decision]: SCSA's program ran before SECOR. The deadline notices that fell due before this day were
    # SCSA's to send the old way: the sweep records them in the ledger as "before go-live" and never sends them.
    go_live_on = models.DateField(
        "go-live date (NTC-1)",
        null=True,
        blank=True,
        help_text="The day SECOR takes over SCSA's program. Deadline notices due before it are kept in the notices "
        "log as 'before go-live' and never sent; once it is set, each kind of deadline notice waits until staff "
        "switch it on (Notices → Switching notices on). Empty: every kind is sent (a program started in SECOR).",
    )
    history = HistoricalRecords()

    # Every page reads the settings from the shared cache (secor.request_memo), forgotten when they change.
    SHARED_KEY = "program-settings"
    # The settings that move dates and notices (issue 28): staff change them on the notice timing page, which
    # previews what a change would move before it is saved (secor.pages.notice_timing); the admin only shows them.
    DATE_FIELDS = (
        "proficiency_notice_days",
        "letter_first_warning_days",
        "letter_last_warning_days",
        "milestone_1_months",
        "milestone_2_months",
        "maintenance_correction_days",
    )

    class Meta:
        verbose_name = verbose_name_plural = "program settings"
        constraints = [
            models.CheckConstraint(
                condition=Q(registration_fee_member__gte=0, registration_fee_non_member__gte=0),
                name="registration_fees_not_negative",
            )
        ]

    def __str__(self) -> str:
        return "SECOR program settings"

    def save(self, *args, **kwargs):
        first = self._state.adding
        super().save(*args, **kwargs)
        # The first save creates the row that reading the settings creates: nothing was derived from it before.
        if not first:
            hooks.changed(hooks.Topic.PROGRAM_SETTINGS)

    def clean(self):
        if self.letter_last_warning_days >= self.letter_first_warning_days:
            raise ValidationError(
                {"letter_last_warning_days": "The last warning comes after the first: give it fewer days."}
            )

    @classmethod
    def current(cls) -> "ProgramSettings":
        return shared(cls.SHARED_KEY, lambda: cls.objects.get_or_create(pk=1)[0])

    def audit_fee(self, kind: str) -> Decimal:
        """AUD-6: the fee of an audit of `kind` (audits.models.Audit.Kind)."""
        return getattr(self, f"audit_fee_{kind}")

    def registration_fee(self, *, is_scsa_member: bool) -> Decimal:
        return self.registration_fee_member if is_scsa_member else self.registration_fee_non_member


class SecurityCounter(models.Model):
    """The table of the "security" cache (settings.CACHES): sign-in throttling and used one-time codes, kept in
    the database so that Redis being down cannot erase or skip them (secor/cache.py). Django's database cache
    reads and writes it; the model is its schema, so that `migrate` makes the table."""

    cache_key = models.CharField(max_length=255, primary_key=True)
    value = models.TextField()
    expires = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "secor_security_counters"

    def __str__(self) -> str:
        return self.cache_key
