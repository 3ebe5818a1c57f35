"""Forms of annual maintenance (MNT-1): the year's package, and its review."""

from django import forms

from audits.maintenance.models import MaintenanceFile
from audits.maintenance.selectors import package_slots, slot_key
from audits.manual.rules import MANUAL_MAX_MEGABYTES
from companies.forms import DateInput
from companies.models import Employee
from secor.uploads import MANUAL_TYPES, DocumentField


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
            several = part != MaintenanceFile.Part.AUDIT_TOOL
            self.fields[slot_key(part, position)] = DocumentField(
                label=MaintenanceFile.Part(part).label + (f" {position}" if several else ""),
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


class MaintenanceReviewForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=[("", "Choose the outcome…"), ("approve", "Accepted"), ("corrections", "Returned for corrections")],
        error_messages={"required": "Choose the outcome: accepted, or returned for corrections."},
    )
    comments = forms.CharField(
        label="Comments (what to correct, when returned)",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
