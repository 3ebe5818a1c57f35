"""SCSA's applications: what each applicant declared and signed (ELIG-1), and SCSA's decision, matched by the company
and the day it applied. A waiting one is in the staff's applications queue, to decide as any other."""

from datetime import datetime, time

from django.utils import timezone

from companies import rules
from companies.models import Application, Company, Membership
from golive.resources.base import Column, ProgramResource, in_the_past, refuse
from golive.resources.people import company_column, row_company
from golive.resources.widgets import (
    ChoiceWidget,
    MomentWidget,
    MoneyWidget,
    TextWidget,
    WholeNumberWidget,
    text_of,
)
from secor import hooks

# The workers an applicant declares (ELIG-1), a column for each kind and place, as the registration form asks them.
WORKER_COLUMNS = {
    f"workers_{kind}_{place}": f"{kind_words} {place_words}"
    for kind, kind_words in rules.WORKER_KINDS
    for place, place_words in rules.WORK_PLACES
}
# An application is kept with a moment; SCSA's files give the day (kept at its noon, Regina's time).
DAY_KEPT_AT = time(12)


def _kept(stored, read):
    """The moment a row gives (`read`: a moment, or a day alone, kept at its noon), or the one SECOR keeps (`stored`)
    when the row names it (the same minute, or the same day): SECOR's download read back changes nothing."""
    if read is None:
        return None
    if isinstance(read, datetime):
        return stored if stored and timezone.localtime(stored).replace(second=0, microsecond=0) == read else read
    if stored and timezone.localdate(stored) == read:
        return stored
    return timezone.make_aware(datetime.combine(read, DAY_KEPT_AT))


def _day_of(read):
    return timezone.localdate(read) if isinstance(read, datetime) else read


DeclaredWorkerColumns = type(ProgramResource)(
    "DeclaredWorkerColumns",
    (ProgramResource,),
    {
        "__module__": __name__,
        **{
            attribute: Column(
                words, attribute, WholeNumberWidget(), meaning="How many the applicant declared (ELIG-1); empty is 0."
            )
            for attribute, words in WORKER_COLUMNS.items()
        },
    },
)


class ApplicationResource(DeclaredWorkerColumns):
    topics = (hooks.Topic.COMPANY_STATUS, hooks.Topic.COMPANY)
    fields_set_by = {
        "import_wcb": ("company",),
        "import_submitted_on": ("submitted_at", "agreement_signed_at"),
        "import_submitted_by": ("submitted_by",),
        "import_decided_on": ("decided_at",),
    }

    import_wcb = company_column()
    import_submitted_on = Column(
        "Applied on",
        "import_submitted_on",
        MomentWidget(),
        required=True,
        meaning="YYYY-MM-DD, or YYYY-MM-DD HH:MM: when the application reached SCSA; with the company, what a "
        "corrected file matches by (the day).",
    )
    import_submitted_by = Column(
        "Applied by",
        "import_submitted_by",
        TextWidget(),
        required=True,
        meaning="The email of the company's user who applied, as in the users file (import the users first).",
    )
    agreement_signed_name = Column(
        "Agreement signed by",
        "agreement_signed_name",
        TextWidget(),
        required=True,
        meaning="The name typed to sign the SECOR Agreement.",
    )
    registration_fee = Column(
        "Registration fee",
        "registration_fee",
        MoneyWidget(),
        required=True,
        meaning="As invoiced, e.g. 250.00 (ELIG-7: 0.00 for an SCSA member).",
    )
    decision = Column(
        "Decision",
        "decision",
        ChoiceWidget(Application.Decision.choices),
        required=True,
        meaning="One of: " + "; ".join(str(words) for _, words in Application.Decision.choices) + ".",
    )
    import_decided_on = Column(
        "Decided on",
        "import_decided_on",
        MomentWidget(),
        meaning="YYYY-MM-DD, or YYYY-MM-DD HH:MM, for a decided application; else empty.",
    )
    decline_reason = Column(
        "Declined because", "decline_reason", TextWidget(), meaning="For a declined application: what SCSA told it."
    )

    class Meta(ProgramResource.Meta):
        model = Application
        import_id_fields = ["import_wcb", "import_submitted_on"]
        fields = [
            "import_wcb",
            "import_submitted_on",
            "import_submitted_by",
            "agreement_signed_name",
            *WORKER_COLUMNS,
            "registration_fee",
            "decision",
            "import_decided_on",
            "decline_reason",
        ]

    def read_ahead(self, dataset):
        """The part's companies' applications (by company and the day each applied) and users (by company and email),
        read at once rather than a row at a time."""
        super().read_ahead(dataset)
        companies = [company.pk for company in self._companies.values() if company is not None]
        self._applications = {
            (application.company_id, timezone.localdate(application.submitted_at)): application
            # The earliest of a day's, as a row names it, last into the map.
            for application in Application.objects.filter(company_id__in=companies).order_by("-submitted_at")
        }
        joined = Membership.objects.filter(company_id__in=companies).select_related("user")
        self._users = {(membership.company_id, membership.user.email): membership.user for membership in joined}

    def get_instance(self, instance_loader, row):
        company = self.company_by_wcb(row.get("WCB account number"))
        try:
            day = _day_of(MomentWidget().clean(row.get("Applied on")))
        except ValueError:  # said by the column's own check
            return None
        if company is None or day is None:
            return None
        return self._applications.get((company.pk, day))

    def after_save_instance(self, instance, row, **kwargs):
        self._applications[(instance.company_id, timezone.localdate(instance.submitted_at))] = instance  # next lines'
        super().after_save_instance(instance, row, **kwargs)

    def check_row(self, instance, row, errors):
        company = row_company(self, instance, errors)
        applied, decided = getattr(instance, "import_submitted_on", None), getattr(instance, "import_decided_on", None)
        day, decided_on = _day_of(applied), _day_of(decided)
        in_the_past(errors, "import_submitted_on", day, "The day it applied")
        in_the_past(errors, "import_decided_on", decided_on, "The day it was decided")
        instance.submitted_at = _kept(instance.submitted_at, applied)
        instance.agreement_signed_at = _kept(instance.agreement_signed_at, applied)
        instance.decided_at = _kept(instance.decided_at, decided)
        instance.workers = {key.removeprefix("workers_"): getattr(instance, key, None) or 0 for key in WORKER_COLUMNS}
        email = text_of(getattr(instance, "import_submitted_by", "")).lower()
        if company is not None and email:
            if (user := self._users.get((company.pk, email))) is None:
                refuse(
                    errors,
                    "import_submitted_by",
                    "No user of this company has this email: import the users file first, or correct the email.",
                )
            else:
                instance.submitted_by = user
        self._check_decision(instance, company, day, decided_on, errors)

    def _check_decision(self, instance, company, day, decided_on, errors) -> None:
        if instance.decision == Application.Decision.PENDING:
            if decided_on is not None:
                refuse(errors, "import_decided_on", "An application waiting for SCSA has no decision day yet.")
            if company is not None and company.status != Company.Status.APPLIED:
                refuse(
                    errors,
                    "decision",
                    f"The company's status is {company.get_status_display()}: a waiting application is of a company "
                    f"whose status is {Company.Status.APPLIED.label}.",
                    "ELIG-6",
                )
            if rules.exceeds_secor_limit(declared := sum(instance.workers.values())):
                first_column = next(iter(WORKER_COLUMNS))
                refuse(errors, first_column, f"It declares {declared} workers. {rules.COR_ADVICE}", "ELIG-2")
            return
        if decided_on is None:
            refuse(errors, "import_decided_on", "Enter the day SCSA decided the application (YYYY-MM-DD).")
        elif day and decided_on < day:
            refuse(errors, "import_decided_on", "An application is decided on or after the day it applied.")
        if instance.decision == Application.Decision.DECLINED and not (instance.decline_reason or "").strip():
            refuse(errors, "decline_reason", "Say why the application was declined, as SCSA told the applicant.")

    def compared(self, instance) -> tuple:
        return (*super().compared(instance), instance.submitted_by_id, instance.workers, instance.decided_at)

    def export_field(self, field, instance, **kwargs):
        if field.attribute in WORKER_COLUMNS:
            return instance.workers.get(field.attribute.removeprefix("workers_"), 0)
        return super().export_field(field, instance, **kwargs)

    def dehydrate_import_submitted_on(self, application):
        return application.submitted_at

    def dehydrate_import_submitted_by(self, application) -> str:
        return application.submitted_by.email

    def dehydrate_import_decided_on(self, application):
        return application.decided_at

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("company", "submitted_by").order_by(
            "company__wcb_account_number", "submitted_at"
        )
