"""SCSA's milestone letters (MIL-1, MIL-2), matched by the company's WCB account number and the milestone. Imported
history is history: a letter met is recorded met on its day, and a letter that expired unmet is recorded as SCSA's
records say (the company de-rolled in the companies file), so that the next nightly sweep does not de-roll it again.
A letter of an earlier registration (MIL-1: the company registered again) is kept as its history, matched by its issue
day too."""

from django.utils import timezone

from companies.models import Company
from golive.resources.base import Column, ProgramResource, refuse
from golive.resources.people import company_column, row_company
from golive.resources.widgets import ChoiceWidget, DayWidget, YesNoWidget
from milestones.models import MilestoneLetter
from milestones.rules import deroll_date
from secor import hooks
from secor.dates import long_date

Settled = MilestoneLetter.Settled


class MilestoneLetterResource(ProgramResource):
    topics = (hooks.Topic.MILESTONES,)
    fields_set_by = {"import_wcb": ("company",)}

    import_wcb = company_column()
    milestone = Column(
        "Milestone",
        "milestone",
        ChoiceWidget([(1, "1"), (2, "2")]),
        required=True,
        meaning="1 or 2: the Milestone #1 letter (MIL-1) or the Milestone #2 letter (MIL-2).",
    )
    issued_on = Column("Issued on", "issued_on", DayWidget(), required=True, meaning="YYYY-MM-DD.")
    expires_on = Column(
        "Expires on", "expires_on", DayWidget(), required=True, meaning="YYYY-MM-DD, as issued or last extended."
    )
    import_met = Column("Met", "import_met", YesNoWidget(), meaning="yes once the milestone was met, else no.")
    import_met_on = Column("Met on", "import_met_on", DayWidget(), meaning="YYYY-MM-DD, when Met is yes.")
    earlier_registration = Column(
        "Earlier registration",
        "earlier_registration",
        YesNoWidget(),
        meaning="yes for a letter of a registration before the company's current one (it registered again), issued "
        "before its registration date: kept as its history, read by no rule (MIL-1). Empty for no.",
    )

    class Meta(ProgramResource.Meta):
        model = MilestoneLetter
        import_id_fields = ["milestone"]
        fields = [
            "import_wcb",
            "milestone",
            "issued_on",
            "expires_on",
            "import_met",
            "import_met_on",
            "earlier_registration",
        ]

    def get_instance(self, instance_loader, row):
        company = self.company_by_wcb(row.get("WCB account number"))
        milestone = str(row.get("Milestone") or "").strip().removesuffix(".0")
        if company is None or milestone not in ("1", "2"):
            return None
        letters = MilestoneLetter.objects.filter(company=company, milestone=int(milestone))
        try:
            earlier, issued_on = (self.fields[name].clean(row) for name in ("earlier_registration", "issued_on"))
        except (KeyError, ValueError):  # a missing column or a cell that is not one: the row's check says so
            earlier, issued_on = False, None
        if earlier:
            return letters.filter(earlier_registration=True, issued_on=issued_on).first()
        return letters.filter(earlier_registration=False).order_by("-pk").first()

    def check_row(self, instance, row, errors):
        company = row_company(self, instance, errors)
        if company is None:
            return
        instance.milestone = int(instance.milestone or 0)
        registered_on = company.registration_date
        if instance.earlier_registration and not (
            instance.issued_on and registered_on and instance.issued_on < registered_on
        ):
            refuse(
                errors,
                "earlier_registration",
                "A letter of an earlier registration was issued before the company's registration date.",
                "MIL-1",
            )
        if instance.issued_on and instance.expires_on and instance.expires_on <= instance.issued_on:
            refuse(errors, "expires_on", "A letter expires after the day it was issued.", "MIL-1")
        met, met_on = bool(getattr(instance, "import_met", False)), getattr(instance, "import_met_on", None)
        if met and met_on is None:
            refuse(errors, "import_met_on", "Enter the day the milestone was met (YYYY-MM-DD).", "MIL-1")
        today = timezone.localdate()
        if met:
            instance.settled, instance.settled_on = Settled.MET, met_on
        elif instance.earlier_registration:
            # History, read by no rule: unmet, it ended with the de-roll its expiry brought, or when the company left.
            lapsed = instance.expires_on and registered_on and instance.expires_on < registered_on
            instance.settled = Settled.DEROLLED if lapsed else Settled.OPEN
            instance.settled_on = deroll_date(instance.expires_on) if lapsed else None
        elif instance.expires_on and instance.expires_on < today and company.status == Company.Status.DEROLLED:
            # As SCSA's records say: expired unmet, and the company de-rolled then (MIL-3).
            instance.settled, instance.settled_on = Settled.DEROLLED, company.derolled_on
        elif instance.expires_on and instance.expires_on < today and company.status == Company.Status.REGISTERED:
            refuse(
                errors,
                "expires_on",
                f"This letter expired unmet on {long_date(instance.expires_on)} while the company is registered: "
                "give the expiry SCSA extended it to, or import the company as de-rolled.",
                "MIL-3",
            )
        else:
            instance.settled, instance.settled_on = Settled.OPEN, None

    def compared(self, instance) -> tuple:
        return (*super().compared(instance), instance.settled, instance.settled_on)

    def before_save_instance(self, instance, row, **kwargs):
        instance.settled_at = timezone.now() if instance.settled else None

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("company").order_by("company__wcb_account_number", "issued_on", "milestone")

    def dehydrate_import_met(self, letter) -> bool:
        return letter.settled == Settled.MET

    def dehydrate_import_met_on(self, letter):
        return letter.settled_on if letter.settled == Settled.MET else None
