"""SCSA's milestone letters (MIL-1, MIL-2), matched by the company's WCB account number and the milestone. Imported
history is history: a letter met is recorded met on its day, and a letter that expired unmet is recorded as SCSA's
records say (the company de-rolled in the companies file), so that the next nightly sweep does not de-roll it again."""

from django.utils import timezone

from companies.models import Company
from golive.resources.base import Column, ProgramResource, refuse
from golive.resources.people import company_column, row_company
from golive.resources.widgets import ChoiceWidget, DayWidget, YesNoWidget
from milestones.models import MilestoneLetter
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

    class Meta(ProgramResource.Meta):
        model = MilestoneLetter
        import_id_fields = ["milestone"]
        fields = ["import_wcb", "milestone", "issued_on", "expires_on", "import_met", "import_met_on"]

    def get_instance(self, instance_loader, row):
        company = self.company_by_wcb(row.get("WCB account number"))
        milestone = str(row.get("Milestone") or "").strip().removesuffix(".0")
        if company is None or milestone not in ("1", "2"):
            return None
        letters = MilestoneLetter.objects.filter(company=company, milestone=int(milestone), earlier_registration=False)
        return letters.order_by("-pk").first()

    def check_row(self, instance, row, errors):
        company = row_company(self, instance, errors)
        if company is None:
            return
        instance.milestone = int(instance.milestone or 0)
        if instance.issued_on and instance.expires_on and instance.expires_on <= instance.issued_on:
            refuse(errors, "expires_on", "A letter expires after the day it was issued.", "MIL-1")
        met, met_on = bool(getattr(instance, "import_met", False)), getattr(instance, "import_met_on", None)
        if met and met_on is None:
            refuse(errors, "import_met_on", "Enter the day the milestone was met (YYYY-MM-DD).", "MIL-1")
        today = timezone.localdate()
        if met:
            instance.settled, instance.settled_on = Settled.MET, met_on
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
