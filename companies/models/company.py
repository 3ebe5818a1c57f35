"""The company, the tenant every company record belongs to: its fields and invariants, its status on a day (also
as a filter for the rows of a query), and what makes it no longer qualify (ELIG-3, ELIG-4)."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from companies import rules
from secor import hooks
from secor.validators import single_line

postal_code_validator = RegexValidator(
    r"^[A-Za-z]\d[A-Za-z] ?\d[A-Za-z]\d$", "Enter a Canadian postal code, for example S4P 3Y2."
)
phone_validator = RegexValidator(
    r"^[\d\s()+.-]{10,20}$", "Enter a phone number with area code, for example 306-555-0142."
)


def no_longer_qualifies(*, today: date) -> Q:
    """ELIG-3/ELIG-4 as a filter: an active company over the limit by its kept headcount or, as a General
    Contractor, by the workers it expects to engage."""
    over = Q(counted_workers__gt=rules.MAX_SECOR_WORKERS) | Q(
        acts_as_general_contractor=True, expected_workers_as_general_contractor__gt=rules.MAX_SECOR_WORKERS
    )
    return over & status_in(Company.ACTIVE_STATUSES, today=today)


# --- the status on a day, as a filter: Company.status_on for the rows of a query --------------------------
# `company` is the path from the rows to their company ("company__"), "" for a query of companies. With no
# de-roll due (the nightly job has run), each is the plain condition on the stored columns.


def status_in(statuses, *, today: date, company: str = "") -> Q:
    """The rows whose company's status on `today` is one of `statuses` (a de-roll due counts as recorded)."""
    stored = Q(**{f"{company}status__in": list(statuses)})
    due = list(hooks.derolls_due(today=today))
    if not due:
        return stored
    # Only registered companies have a de-roll due: they leave the registered ones for the de-rolled.
    ids = Q(**{f"{company}pk__in": due})
    return (stored & ~ids) | ids if Company.Status.DEROLLED in statuses else stored & ~ids


class CompanyQuerySet(models.QuerySet):
    def with_headcount(self) -> "CompanyQuerySet":
        """Annotate `headcount` (ELIG-1) from the kept count: refresh it first (services.headcounts_refresh)."""
        return self.annotate(headcount=F("counted_workers"))

    def with_stale_headcount(self, *, today: date) -> "CompanyQuerySet":
        """The companies whose kept headcount is unknown or changed with the passing of days since it was kept."""
        return self.filter(
            Q(counted_workers__isnull=True)
            | Q(counted_workers_next_start__lte=today)
            | Q(counted_workers_next_end__lt=today)
        )

    def over_secor_limit(self, *, today: date | None = None) -> "CompanyQuerySet":
        """ELIG-3/ELIG-4: companies active on `today` (by default the current day) that no longer qualify (by the
        kept headcount: refresh it first)."""
        return self.filter(no_longer_qualifies(today=today or timezone.localdate()))


class Company(models.Model):
    """An employer in (or applying to) the SECOR program: the tenant every company record belongs to."""

    class Status(models.TextChoices):
        APPLIED = "applied", "Application received"
        REGISTERED = "registered", "Registered"
        DECLINED = "declined", "Application declined"
        TRANSFERRED_TO_COR = "transferred_to_cor", "Transferred to COR"
        DEROLLED = "derolled", "De-rolled"
        WITHDRAWN = "withdrawn", "Withdrawn"

    # ELIG-6: one active registration (or pending application) per WCB account number.
    ACTIVE_STATUSES = (Status.APPLIED, Status.REGISTERED)

    legal_name = models.CharField(max_length=200, validators=[single_line])
    operating_name = models.CharField("operating name", max_length=200, blank=True, validators=[single_line])
    wcb_account_number = models.CharField(
        "WCB account number",
        max_length=rules.WCB_ACCOUNT_NUMBER_DIGITS[1],
        unique=True,
        help_text="Your WCB Saskatchewan employer account number.",
    )
    street_address = models.CharField(max_length=200, validators=[single_line])
    city = models.CharField(max_length=100, validators=[single_line])
    province = models.CharField(max_length=2, default="SK")
    postal_code = models.CharField(max_length=7, validators=[postal_code_validator])
    phone = models.CharField(max_length=20, validators=[phone_validator])
    email = models.EmailField("company email")
    trade = models.CharField(
        max_length=120, validators=[single_line], help_text="Your main trade or type of work, e.g. roofing, electrical."
    )
    is_scsa_member = models.BooleanField("SCSA member", default=False)
    acts_as_general_contractor = models.BooleanField("acts as General Contractor or Management Company", default=False)
    expected_workers_as_general_contractor = models.PositiveIntegerField(
        "workers expected to be engaged as General Contractor",
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, "Count at least one worker."),
            MaxValueValidator(
                rules.MAX_EXPECTED_WORKERS, f"Enter the number of workers, at most {rules.MAX_EXPECTED_WORKERS:,}."
            ),
        ],
        help_text="Everyone you expect to engage or employ on your projects, sub-contractors included.",
    )

    status = models.CharField(max_length=24, choices=Status.choices, default=Status.APPLIED, db_index=True)
    registration_date = models.DateField(null=True, blank=True)
    derolled_on = models.DateField("de-rolled on", null=True, blank=True)
    # CERT-2 (DOMAIN section 8): the day the company last left the program, and how (transfer to COR, withdrawal,
    # de-roll). A certificate in its 3 years then ended that day. Reinstatement clears both (the certificate
    # counts again); a new registration keeps them, as it starts afresh.
    left_program_on = models.DateField("left the program on", null=True, blank=True)
    left_program_as = models.CharField(
        "left the program as", max_length=24, choices=Status.choices, blank=True, editable=False
    )
    # MIL-3's override: the day of the de-roll staff's last reinstatement lifted (recorded, or due and not yet
    # recorded by the nightly job). A milestone letter's lapse until that day de-rolls the company no more.
    lifted_deroll_on = models.DateField("de-roll lifted", null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # The names, city and WCB number as the company list's search compares them (rules.company_search_text),
    # written on every save so that no way of changing them leaves it behind; indexed by trigrams on PostgreSQL.
    search_text = models.CharField(max_length=520, default="", editable=False)

    # ELIG-1's headcount kept for lists that filter and sort by it (companies/services/headcounts.py): NULL
    # until computed. It stays right until the next roster start date, or the day after the next end date.
    counted_workers = models.PositiveIntegerField(null=True, editable=False)
    counted_workers_next_start = models.DateField(null=True, editable=False)
    counted_workers_next_end = models.DateField(null=True, editable=False)

    assigned_auditors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="AuditorAssignment",
        through_fields=("company", "auditor"),
        related_name="assigned_companies",
        blank=True,
    )

    history = HistoricalRecords(
        excluded_fields=[
            "created_at",
            "search_text",
            "counted_workers",
            "counted_workers_next_start",
            "counted_workers_next_end",
        ]
    )
    objects = CompanyQuerySet.as_manager()

    class Meta:
        ordering = ["legal_name"]
        verbose_name_plural = "companies"
        # The staff list's sorts (each ends with the name and the id) and filters.
        indexes = [
            models.Index(fields=["legal_name", "id"], name="company_by_name"),
            models.Index(fields=["city", "legal_name", "id"], name="company_by_city"),
            models.Index(fields=["status", "legal_name", "id"], name="company_by_status"),
            models.Index(fields=["counted_workers", "legal_name", "id"], name="company_by_headcount"),
            models.Index(fields=["registration_date", "legal_name", "id"], name="company_by_registration"),
            # Finding the kept headcounts a day has made stale reads these two (and the headcount's, for NULL).
            models.Index(fields=["counted_workers_next_start"], name="company_headcount_next_start"),
            models.Index(fields=["counted_workers_next_end"], name="company_headcount_next_end"),
            # CERT-2: the certificates ended by leaving are read from the few hundred companies that left the
            # program, not by joining every company to every certificate.
            models.Index(
                fields=["left_program_on"], condition=Q(left_program_on__isnull=False), name="company_left_program"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(acts_as_general_contractor=True) | Q(expected_workers_as_general_contractor__isnull=True),
                name="gc_workers_only_for_general_contractors",
            ),
            models.CheckConstraint(
                condition=~Q(status="derolled") | Q(derolled_on__isnull=False), name="derolled_company_has_date"
            ),
            models.CheckConstraint(
                condition=Q(left_program_on__isnull=True, left_program_as="")
                | Q(left_program_on__isnull=False, left_program_as__in=list(rules.LEFT_PROGRAM_WORDS)),
                name="left_program_has_date_and_way",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs):
        self.keep_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(rules.SEARCHED_FIELDS) & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def keep_search_text(self) -> None:
        """The search's column, from the fields it reads (by save, and by an import writing a batch at once)."""
        self.search_text = rules.company_search_text(*(getattr(self, field) for field in rules.SEARCHED_FIELDS))

    def kept_headcount(self, *, today: date) -> int | None:
        """The kept ELIG-1 headcount as loaded, if no start or end date has changed it since; else None."""
        if self.counted_workers is None:
            return None
        if self.counted_workers_next_start is not None and self.counted_workers_next_start <= today:
            return None
        if self.counted_workers_next_end is not None and self.counted_workers_next_end < today:
            return None
        return self.counted_workers

    @property
    def display_name(self) -> str:
        if self.operating_name and self.operating_name != self.legal_name:
            return f"{self.operating_name} ({self.legal_name})"
        return self.legal_name

    def status_on(self, today: date) -> "StatusOn":
        """The status the company has on `today`: the stored one, or the de-roll due from a day before it that
        the nightly job has not recorded yet (MIL-3: the day after a milestone letter expired unmet)."""
        due = hooks.derolls_due(today=today).get(self.pk) if self.status == self.Status.REGISTERED else None
        if due is None:
            return self.recorded_status
        # As the de-roll will be recorded (companies.services.status): a leaving of the program that day (CERT-2).
        return StatusOn(self.Status.DEROLLED, due, due, self.Status.DEROLLED)

    @property
    def recorded_status(self) -> "StatusOn":
        """The status as staff and the nightly jobs recorded it."""
        return StatusOn(self.status, self.derolled_on, self.left_program_on, self.left_program_as)

    def qualification_problems(self, *, headcount: int, today: date) -> list[rules.RuleWords]:
        """ELIG-3/ELIG-4 for a company in the program; a company outside it has nothing to lose."""
        if not self.status_on(today).is_active:
            return []
        return rules.no_longer_qualifies(
            worker_count=headcount,
            acts_as_general_contractor=self.acts_as_general_contractor,
            expected_workers_as_general_contractor=self.expected_workers_as_general_contractor,
        )


@dataclass(frozen=True)
class StatusOn:
    """A company's status on a day (Company.status_on), with the dates of its leaving the program."""

    status: str
    derolled_on: date | None
    left_program_on: date | None  # CERT-2
    left_program_as: str

    @property
    def label(self) -> str:
        return Company.Status(self.status).label

    @property
    def is_active(self) -> bool:
        """In the program, or applying to it (ELIG-6: one such registration per WCB account number)."""
        return self.status in Company.ACTIVE_STATUSES

    @property
    def left_program_words(self) -> str:
        """CERT-2: how the company left the program, in plain words ("" while it has not)."""
        return rules.LEFT_PROGRAM_WORDS.get(self.left_program_as, "")
