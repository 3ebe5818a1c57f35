"""SCSA's people: each company's users (matched by email, invited: no password is sent until go-live) and its roster
(matched by the company's WCB account number and the person's name, as the roster keeps one entry per name)."""

from companies import rules
from companies.models import Employee, Membership
from golive.resources.base import BATCH_ROWS, WCB_COLUMN, Column, ProgramResource, refuse
from golive.resources.widgets import ChoiceWidget, DayWidget, TextWidget, YesNoWidget, text_of
from secor import hooks
from secor.bulk_writes import history_written
from secor.core.models import User

COMPANY_WORDS = "The company's WCB account number, as in the companies file (import the companies first)."
NO_COMPANY = "No company in SECOR has this WCB account number: import the companies file first, or correct the number."


def company_column() -> Column:
    return Column("WCB account number", "import_wcb", TextWidget(), required=True, meaning=COMPANY_WORDS)


def row_company(resource, instance, errors: dict):
    """The company a row's WCB account number names, set on the row's record; refused (ELIG-6) when SECOR has none."""
    company = resource.company_by_wcb(getattr(instance, "import_wcb", ""))
    if company is None:
        refuse(errors, "import_wcb", NO_COMPANY, "ELIG-6")
    else:
        instance.company = company
    return company


class UserResource(ProgramResource):
    topics = (hooks.Topic.ACCOUNTS, hooks.Topic.COMPANY)

    email = Column("Email", "email", TextWidget(), required=True, meaning="The person's email: how they sign in.")
    first_name = Column("First name", "first_name", TextWidget(), meaning="")
    last_name = Column("Last name", "last_name", TextWidget(), meaning="")
    import_wcb = company_column()
    import_owner = Column(
        "Owner", "import_owner", YesNoWidget(), meaning="yes for the company's owner (who invites colleagues), else no."
    )

    class Meta(ProgramResource.Meta):
        model = User
        use_bulk, batch_size = True, BATCH_ROWS
        import_id_fields = ["email"]
        fields = ["email", "first_name", "last_name", "import_wcb", "import_owner"]

    def read_ahead(self, dataset):
        """The part's people already in SECOR, by email, and the company each is a user of."""
        super().read_ahead(dataset)
        emails = {text_of(email).lower() for email in dataset["Email"]} if "Email" in dataset.headers else set()
        self._users = {user.email: user for user in User.objects.filter(email__in=emails)}
        joined = Membership.objects.filter(user__email__in=emails).select_related("company", "user")
        self._memberships = {membership.user.email: membership for membership in joined}

    def before_import_row(self, row, **kwargs):
        if "Email" in row:
            row["Email"] = str(row["Email"] or "").strip().lower()  # a person is one email, whatever its case

    def get_instance(self, instance_loader, row):
        return self._users.get(row.get("Email"))

    def check_row(self, instance, row, errors):
        company = self.company_by_wcb(getattr(instance, "import_wcb", ""))
        if company is None:
            refuse(errors, "import_wcb", NO_COMPANY, "ELIG-6")
        if instance.pk and instance.role != User.Role.EMPLOYER:
            refuse(errors, "email", "This email belongs to one of SCSA's staff or program auditors.")
        membership = self._memberships.get(instance.email)
        if membership and company and membership.company_id != company.pk:
            refuse(
                errors, "email", f"This person is a user of {membership.company.legal_name}: one login, one company."
            )
        instance.import_company = company
        if instance.pk is None:
            # Invited: no password until the person chooses one (at go-live, from "Forgot your password?").
            instance.role, instance.invited_by = User.Role.EMPLOYER, self.actor
            instance.set_unusable_password()

    def compared(self, instance) -> tuple:
        if hasattr(instance, "import_company"):  # as the row would leave it
            joined = (instance.import_company.pk, bool(instance.import_owner))
        else:  # as stored
            membership = self._memberships.get(instance.email)
            joined = (membership.company_id, membership.is_owner) if membership else None
        return (*super().compared(instance), joined)

    def after_save_instance(self, instance, row, **kwargs):
        # The person and the company they join, as the file's next lines with their email find them.
        self._users[instance.email] = instance
        membership = self._memberships.get(instance.email) or Membership(user=instance)
        membership.company, membership.is_owner = instance.import_company, bool(instance.import_owner)
        self._memberships[instance.email] = membership
        super().after_save_instance(instance, row, **kwargs)

    def after_write(self, instances):
        """Each person's membership of their company, once they are written, with its history."""
        memberships = list({id(user): self._memberships[user.email] for user in instances}.values())
        added = [membership for membership in memberships if membership.pk is None]
        kept = [membership for membership in memberships if membership.pk is not None]
        Membership.objects.bulk_create(added)
        Membership.objects.bulk_update(kept, ["company", "is_owner"])
        history_written(Membership, [membership.pk for membership in added], user=self.actor)
        history_written(Membership, [membership.pk for membership in kept], user=self.actor, updated=True)

    def company_of(self, instance):
        return instance.import_company

    def filter_export(self, queryset, **kwargs):
        people = queryset.filter(membership__isnull=False).select_related("membership__company")
        return people.order_by("membership__company__wcb_account_number", "email")

    def dehydrate_import_wcb(self, user) -> str:
        return user.membership.company.wcb_account_number

    def dehydrate_import_owner(self, user) -> bool:
        return user.membership.is_owner


class EmployeeResource(ProgramResource):
    topics = (hooks.Topic.ROSTER,)
    fields_set_by = {"import_wcb": ("company",)}
    reads_roster = True

    import_wcb = company_column()
    first_name = Column("First name", "first_name", TextWidget(), required=True, meaning="One line.")
    last_name = Column("Last name", "last_name", TextWidget(), required=True, meaning="One line.")
    email = Column(
        "Email", "email", TextWidget(), meaning="Optional; needed for a trained employee (TRN-2 knows a person by it)."
    )
    employment_type = Column(
        "Type",
        "employment_type",
        ChoiceWidget(rules.EmploymentType.CHOICES),
        required=True,
        meaning="One of: " + "; ".join(str(label) for _, label in rules.EmploymentType.CHOICES) + " (ELIG-1).",
    )
    is_permanent = Column("Permanent", "is_permanent", YesNoWidget(), meaning="yes or no.")
    works_in_saskatchewan = Column(
        "Works in Saskatchewan", "works_in_saskatchewan", YesNoWidget(), meaning="yes or no (ELIG-1 counts only yes)."
    )
    location = Column(
        "Field or office", "location", ChoiceWidget(Employee.Location.choices), meaning="field or office."
    )
    start_date = Column("Start date", "start_date", DayWidget(), required=True, meaning="YYYY-MM-DD.")
    end_date = Column(
        "End date", "end_date", DayWidget(), meaning="YYYY-MM-DD, the last day worked; empty if employed."
    )

    class Meta(ProgramResource.Meta):
        model = Employee
        use_bulk, batch_size = True, BATCH_ROWS
        import_id_fields = ["first_name", "last_name"]
        fields = [
            "import_wcb",
            "first_name",
            "last_name",
            "email",
            "employment_type",
            "is_permanent",
            "works_in_saskatchewan",
            "location",
            "start_date",
            "end_date",
        ]

    def get_instance(self, instance_loader, row):
        company = self.company_by_wcb(row.get(WCB_COLUMN))
        first, last = str(row.get("First name") or "").strip(), str(row.get("Last name") or "").strip()
        if company is None or not first or not last:
            return None
        return self.roster_person(company, first, last)

    def check_row(self, instance, row, errors):
        row_company(self, instance, errors)
        if problem := rules.end_date_problem(start_date=instance.start_date, end_date=instance.end_date):
            refuse(errors, "end_date", problem, "ELIG-1")
        instance.email = (instance.email or "").lower()

    def after_save_instance(self, instance, row, **kwargs):
        self.on_roster(instance)  # the file's next lines of the same name
        if instance.email:
            self.imported_emails.add(instance.email)
        super().after_save_instance(instance, row, **kwargs)

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("company").order_by("company__wcb_account_number", "last_name", "first_name")
