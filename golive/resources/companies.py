"""SCSA's companies, matched by WCB account number (ELIG-6): a corrected file updates the company it names."""

from companies import rules
from companies.models import Company, RegistrationWait
from golive.resources.base import BATCH_ROWS, WCB_COLUMN, Column, ProgramResource, refuse, wcb_key
from golive.resources.widgets import ChoiceWidget, DayWidget, TextWidget, WholeNumberWidget, YesNoWidget
from secor import hooks

LEFT_STATUSES = (Company.Status.DEROLLED, Company.Status.TRANSFERRED_TO_COR, Company.Status.WITHDRAWN)
STATUS_WORDS = "; ".join(str(label) for _, label in Company.Status.choices)


class CompanyResource(ProgramResource):
    topics = (hooks.Topic.COMPANY, hooks.Topic.COMPANY_STATUS)

    wcb_account_number = Column(
        "WCB account number",
        "wcb_account_number",
        TextWidget(),
        required=True,
        meaning=f"The company's WCB Saskatchewan employer account number: {rules.wcb_account_number_format()}. "
        "A company already in SECOR with this number is updated (ELIG-6).",
    )
    legal_name = Column("Legal name", "legal_name", TextWidget(), required=True, meaning="One line.")
    operating_name = Column("Operating name", "operating_name", TextWidget(), meaning="Optional; one line.")
    street_address = Column("Street address", "street_address", TextWidget(), required=True, meaning="One line.")
    city = Column("City", "city", TextWidget(), required=True, meaning="One line.")
    postal_code = Column("Postal code", "postal_code", TextWidget(), required=True, meaning="For example S4P 3Y2.")
    phone = Column("Phone", "phone", TextWidget(), required=True, meaning="For example 306-555-0142.")
    email = Column("Email", "email", TextWidget(), required=True, meaning="The company's email address.")
    trade = Column("Trade", "trade", TextWidget(), required=True, meaning="The main trade, e.g. roofing.")
    is_scsa_member = Column(
        "SCSA member", "is_scsa_member", YesNoWidget(), meaning="yes or no (ELIG-7: members pay no registration fee)."
    )
    acts_as_general_contractor = Column(
        "General Contractor",
        "acts_as_general_contractor",
        YesNoWidget(),
        meaning="yes when the company acts as General Contractor or Management Company (ELIG-4); no or empty if not.",
    )
    expected_workers_as_general_contractor = Column(
        "Workers expected as General Contractor",
        "expected_workers_as_general_contractor",
        WholeNumberWidget(),
        meaning="For a General Contractor: the workers it expects to engage or employ, sub-contractors included "
        "(ELIG-4: more than the limit and it no longer qualifies). Empty otherwise.",
    )
    status = Column(
        "Status", "status", ChoiceWidget(Company.Status.choices), required=True, meaning=f"One of: {STATUS_WORDS}."
    )
    status_date = Column(
        "Status date",
        "status_date",
        DayWidget(),
        meaning="YYYY-MM-DD. For a company de-rolled, transferred to COR or withdrawn: the day it left the program "
        "(a de-roll starts ELIG-5's 6-month wait). Empty otherwise.",
    )
    registration_date = Column(
        "Registration date",
        "registration_date",
        DayWidget(),
        meaning="YYYY-MM-DD: the day SCSA registered the company (empty for an application not yet decided).",
    )

    class Meta(ProgramResource.Meta):
        model = Company
        use_bulk, batch_size = True, BATCH_ROWS
        import_id_fields = ["wcb_account_number"]
        fields = [
            "wcb_account_number",
            "legal_name",
            "operating_name",
            "street_address",
            "city",
            "postal_code",
            "phone",
            "email",
            "trade",
            "is_scsa_member",
            "acts_as_general_contractor",
            "expected_workers_as_general_contractor",
            "status",
            "status_date",
            "registration_date",
        ]

    def company_of(self, instance):
        return instance

    def get_instance(self, instance_loader, row):
        """The company already in SECOR with the row's number (read ahead with the rest of its part), or added by a
        line above."""
        return self.company_by_wcb(row[WCB_COLUMN]) if row.get(WCB_COLUMN) else None

    def before_import_row(self, row, **kwargs):
        # The number as the forms keep it (spaces and dashes typed are dropped), so a corrected file finds its company.
        if WCB_COLUMN in row:
            row[WCB_COLUMN] = rules.normalize_wcb_account_number(str(row[WCB_COLUMN] or "").strip())
            if row[WCB_COLUMN].endswith(".0"):  # a number Excel kept as a decimal
                row[WCB_COLUMN] = row[WCB_COLUMN][:-2]

    def check_row(self, instance, row, errors):
        if problem := rules.wcb_account_number_problem(instance.wcb_account_number):
            refuse(errors, "wcb_account_number", problem, "ELIG-6")
        day = getattr(instance, "status_date", None)
        if instance.status in LEFT_STATUSES:
            if day is None:
                refuse(errors, "status_date", "Enter the day the company left the program (YYYY-MM-DD).", "ELIG-5")
            instance.left_program_on, instance.left_program_as = day, instance.status
            instance.derolled_on = day if instance.status == Company.Status.DEROLLED else None
        else:
            instance.left_program_on, instance.left_program_as, instance.derolled_on = None, "", None
        expected = instance.expected_workers_as_general_contractor
        if instance.acts_as_general_contractor and expected is None:
            refuse(
                errors,
                "expected_workers_as_general_contractor",
                "Enter the workers a General Contractor expects to engage, sub-contractors included.",
                "ELIG-4",
            )
        if not instance.acts_as_general_contractor and expected is not None:
            refuse(
                errors,
                "expected_workers_as_general_contractor",
                "Only a General Contractor expects workers as one: answer yes under General Contractor, or leave "
                "this empty.",
                "ELIG-4",
            )
        if instance.status == Company.Status.REGISTERED and instance.registration_date is None:
            refuse(errors, "registration_date", "A registered company has a registration date (YYYY-MM-DD).", "MIL-1")

    def compared(self, instance) -> tuple:
        return (*super().compared(instance), instance.left_program_on, instance.derolled_on)

    def before_save_instance(self, instance, row, **kwargs):
        instance.keep_search_text()  # as its save() keeps it: a batch is written at once, without it

    def after_save_instance(self, instance, row, **kwargs):
        self._companies[wcb_key(instance.wcb_account_number)] = instance  # the file's next lines with its number
        super().after_save_instance(instance, row, **kwargs)

    def filter_export(self, queryset, **kwargs):
        return queryset.order_by("wcb_account_number")

    def dehydrate_status_date(self, company):
        return company.left_program_on if company.status in LEFT_STATUSES else None

    def after_write(self, instances):
        # ELIG-5: the wait a de-roll starts belongs to the WCB account number.
        for company in instances:
            if company.status == Company.Status.DEROLLED:
                RegistrationWait.objects.get_or_create(
                    wcb_account_number=company.wcb_account_number, company=company, derolled_on=company.derolled_on
                )
