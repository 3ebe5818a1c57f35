"""Forms of annual maintenance (MNT-1): the year's package, and how its review page names the decision."""

from django import forms

from audits.maintenance.selectors import package_slots, slot_key, slot_label
from audits.manual.rules import MANUAL_MAX_MEGABYTES
from companies.models import Employee
from secor.reviews.forms import Words
from secor.uploads import MANUAL_TYPES, DocumentField
from secor.widgets import DateInput


class MaintenanceForm(forms.Form):
    """MNT-1: who did the year's internal audit and when, and the package's documents. A corrected version
    (`correcting`) needs only the documents to replace: the others are kept."""

    internal_auditor = forms.ModelChoiceField(
        queryset=Employee.objects.none(),
        label="Internal audit done by",
        empty_label="Choose the person…",
        error_messages={"required": "Choose the person of the company who did the internal audit."},
    )
    internal_audit_on = forms.DateField(label="Day of the internal audit", widget=DateInput())

    def __init__(self, *args, company, correcting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["internal_auditor"].queryset = company.employees.order_by("last_name", "first_name", "pk")
        for part, position in package_slots():
            self.fields[slot_key(part, position)] = DocumentField(
                label=slot_label(part, position),
                required=not correcting,
                types=MANUAL_TYPES,
                max_megabytes=MANUAL_MAX_MEGABYTES,
                error_messages={"required": "Add this document."},
            )

    def document_fields(self):
        return [self[slot_key(*slot)] for slot in package_slots()]

    @property
    def uploads(self) -> dict:
        return {slot_key(*slot): self.cleaned_data.get(slot_key(*slot)) for slot in package_slots()}


# MNT-1: the package's page posts `outcome`, "approve" or "corrections".
DECISION = Words(
    field="outcome",
    accept=("approve", "Accepted"),
    give_back=("corrections", "Returned for corrections"),
    placeholder="Choose the outcome…",
    required="Choose the outcome: accepted, or returned for corrections.",
    comments_label="Comments (what to correct, when returned)",
    comments_rows=4,
    comments_max_length=4000,
)
