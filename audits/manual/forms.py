"""Forms of the manual: its files by section, the reviewer's verdict on each section, and who reviews it."""

from django import forms

from audits import rules
from audits.cycle_selectors import package_slots, slot_key
from audits.models import AuditSection, Invoice, MaintenanceFile, SystemEvidence
from audits.services import Evidence, ManualPart, ScoreEntry
from companies.forms import DateInput
from companies.models import Employee
from secor.core.models import User
from secor.reviews.models import SectionComment
from secor.reviews.services import SectionVerdict
from secor.uploads import MANUAL_TYPES, DocumentField

# Without a script a form cannot grow: it starts with a few file rows and a link asks for more.
FILE_ROWS = 3
MAX_FILE_ROWS = 16


def file_rows(requested: str | None) -> int:
    return min(int(requested), MAX_FILE_ROWS) if requested and requested.isdigit() and int(requested) > 0 else FILE_ROWS


class ManualFilesForm(forms.Form):
    """MAN-1, MAN-2: each file of the manual and the sections of the audit tool it covers."""

    def __init__(self, *args, sections, rows: int = FILE_ROWS, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        choices = [(section.pk, str(section)) for section in sections]
        self.sections_by_pk = {section.pk: section for section in sections}
        for row in range(1, rows + 1):
            self.fields[f"file_{row}"] = DocumentField(
                label=f"File {row}", required=False, types=MANUAL_TYPES, max_megabytes=rules.MANUAL_MAX_MEGABYTES
            )
            self.fields[f"sections_{row}"] = forms.TypedMultipleChoiceField(
                label=f"Sections file {row} covers",
                choices=choices,
                coerce=int,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )

    def row_fields(self):
        """(file field, sections field) of each row, for the template."""
        return [(self[f"file_{row}"], self[f"sections_{row}"]) for row in range(1, self.rows + 1)]

    def clean(self):
        cleaned = super().clean()
        parts = []
        for row in range(1, self.rows + 1):
            upload, sections = cleaned.get(f"file_{row}"), cleaned.get(f"sections_{row}") or []
            if upload and not sections:
                self.add_error(f"sections_{row}", "Tick the sections this file covers.")
            elif sections and not upload and f"file_{row}" not in self.errors:
                self.add_error(f"file_{row}", "Choose the file that covers the sections ticked.")
            elif upload:
                parts.append(ManualPart(upload, [self.sections_by_pk[pk] for pk in sections]))
        cleaned["parts"] = parts
        return cleaned


class ManualReviewForm(forms.Form):
    """MAN-2: a verdict on each section (a comment where corrections are required), and the outcome."""

    outcome = forms.ChoiceField(
        choices=[("", "Choose the outcome…"), ("approve", "Approved"), ("corrections", "Corrections required")],
        error_messages={"required": "Choose the outcome: approved, or corrections required."},
    )
    comments = forms.CharField(
        label="General comments", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, sections, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = sections
        for section in sections:
            self.fields[f"verdict_{section.pk}"] = forms.ChoiceField(
                label=str(section),
                choices=SectionComment.Verdict.choices,
                widget=forms.RadioSelect,
                error_messages={"required": f"Accept {section.name}, or say it needs corrections."},
            )
            self.fields[f"comment_{section.pk}"] = forms.CharField(
                label=f"Comment on {section.name}", required=False, max_length=2000
            )

    def section_fields(self):
        return [(self[f"verdict_{s.pk}"], self[f"comment_{s.pk}"]) for s in self.sections]

    def clean(self):
        cleaned = super().clean()
        for section in self.sections:
            verdict, comment = cleaned.get(f"verdict_{section.pk}"), cleaned.get(f"comment_{section.pk}", "")
            if verdict == SectionComment.Verdict.CORRECTIONS and not comment.strip():
                self.add_error(f"comment_{section.pk}", f"Say what to correct in {section.name}.")
        if cleaned.get("outcome") == "approve" and any(
            cleaned.get(f"verdict_{s.pk}") == SectionComment.Verdict.CORRECTIONS for s in self.sections
        ):
            self.add_error("outcome", "A section needs corrections: the outcome is “corrections required”.")
        if cleaned.get("outcome") == "corrections" and all(
            cleaned.get(f"verdict_{s.pk}") == SectionComment.Verdict.ACCEPTED for s in self.sections
        ):
            self.add_error("outcome", "Every section is accepted: mark the sections to correct, or approve it.")
        cleaned["verdicts"] = [
            SectionVerdict(str(s), cleaned[f"verdict_{s.pk}"], cleaned.get(f"comment_{s.pk}", ""))
            for s in self.sections
            if cleaned.get(f"verdict_{s.pk}")
        ]
        return cleaned


class ReviewerField(forms.ModelChoiceField):
    def label_from_instance(self, user) -> str:
        role = "program auditor" if user.role == User.Role.AUDITOR else "SCSA staff"
        return f"{user.get_full_name() or user.email} ({role})"


class ReviewerAssignForm(forms.Form):
    reviewer = ReviewerField(
        queryset=User.objects.filter(is_active=True, role__in=[User.Role.AUDITOR, User.Role.STAFF]).order_by(
            "role", "last_name", "first_name"
        ),
        empty_label="Choose a reviewer…",
        error_messages={"required": "Choose the program auditor (or staff member) who reviews it."},
    )


# --- annual maintenance (MNT-1) -------------------------------------------------------------------------------


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
                max_megabytes=rules.MANUAL_MAX_MEGABYTES,
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


# --- audits (AUD-1 … AUD-5) ---------------------------------------------------------------------------------


class AuditRequestForm(forms.Form):
    """AUD-1: the two forms, and the evidence of the working system: the earliest record of each kind, with its
    date (the system functions since the earliest)."""

    site_assessment = DocumentField(label="Site Assessment Form (completed)")
    compliance_declaration = DocumentField(label="SECOR Audit Compliance Declaration Form (signed)")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in SystemEvidence.Kind:
            self.fields[f"{kind}_file"] = DocumentField(
                label=f"Your earliest {kind.label.lower()} record",
                error_messages={"required": f"Attach your earliest {kind.label.lower()} record."},
            )
            self.fields[f"{kind}_on"] = forms.DateField(
                label=f"Date of that {kind.label.lower()}",
                widget=DateInput(),
                error_messages={"required": f"Enter the date of the {kind.label.lower()} record."},
            )

    def evidence_fields(self):
        """(file field, date field) of each kind of record, for the template."""
        return [(self[f"{kind}_file"], self[f"{kind}_on"]) for kind in SystemEvidence.Kind]

    @property
    def evidence(self) -> list[Evidence]:
        return [
            Evidence(kind, self.cleaned_data[f"{kind}_on"], self.cleaned_data[f"{kind}_file"])
            for kind in SystemEvidence.Kind
        ]


class AuditorField(forms.ModelChoiceField):
    def label_from_instance(self, user) -> str:
        return user.get_full_name() or user.email


class ScheduleForm(forms.Form):
    kind = forms.ChoiceField(label="Audit", choices=())
    auditor = AuditorField(
        queryset=User.objects.filter(role=User.Role.AUDITOR, is_active=True).order_by("last_name", "first_name"),
        empty_label="Choose the program auditor…",
        error_messages={"required": "Choose the program auditor who conducts the audit."},
    )
    scheduled_on = forms.DateField(label="Audit date", widget=DateInput())
    scope = forms.ModelMultipleChoiceField(
        label="Sections of the limited scope audit",
        queryset=AuditSection.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, kinds, sections, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "Choose the audit…"), *kinds]
        if len(kinds) == 1:
            self.fields["kind"].initial = kinds[0][0]
        self.fields["scope"].queryset = AuditSection.objects.filter(pk__in=[section.pk for section in sections])
        if not any(kind == "limited_scope" for kind, _ in kinds):
            del self.fields["scope"]


class ScoreSheetForm(forms.Form):
    """AUD-4: each section's available, actual and not-applicable points and notes; a row left empty is kept
    for later (the sheet may be saved part-way)."""

    def __init__(self, *args, sheet_rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.sheet_rows = sheet_rows
        self.sections = [row.section for row in sheet_rows]
        for row in sheet_rows:
            section, score = row.section, row.score
            for name, label in (("available", "Available"), ("actual", "Actual"), ("na", "Not applicable")):
                initial = getattr(score, {"na": "not_applicable"}.get(name, name)) if score else None
                if name == "available" and score is None:
                    initial = section.available_points  # MAN-1: the version's points, when it sets them
                self.fields[f"{name}_{section.pk}"] = forms.IntegerField(
                    label=f"{label} points, {section}", min_value=0, max_value=100_000, required=False, initial=initial
                )
            self.fields[f"notes_{section.pk}"] = forms.CharField(
                label=f"Notes, {section}", required=False, max_length=4000, initial=score.notes if score else ""
            )

    def rows(self) -> list[dict]:
        """Each section's fields, with its saved score's rule (its percentage) for the template."""
        return [
            {
                "section": row.section,
                "rule": row.rule,
                **{name: self[f"{name}_{row.section.pk}"] for name in ("available", "actual", "na", "notes")},
            }
            for row in self.sheet_rows
        ]

    def clean(self):
        cleaned = super().clean()
        entries = []
        for section in self.sections:
            available, actual = cleaned.get(f"available_{section.pk}"), cleaned.get(f"actual_{section.pk}")
            not_applicable = cleaned.get(f"na_{section.pk}") or 0
            if actual is None and available in (None, section.available_points):
                continue  # not scored yet: at most the version's available points, as the sheet offered them
            if available is None or actual is None:
                self.add_error(f"actual_{section.pk}", f"Enter the available and the actual points of {section.name}.")
                continue
            entries.append(
                ScoreEntry(section, available, actual, not_applicable, cleaned.get(f"notes_{section.pk}", ""))
            )
        cleaned["entries"] = entries
        return cleaned


class CompleteForm(forms.Form):
    completed_on = forms.DateField(label="Audit completed on", widget=DateInput())


class ReasonForm(forms.Form):
    reason = forms.CharField(
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why; the company reads it on its timeline and in its email."},
    )


class PaymentForm(forms.Form):
    paid_on = forms.DateField(label="Paid on", widget=DateInput())
    method = forms.ChoiceField(label="Paid by", choices=[("", "Choose how it was paid…"), *Invoice.Method.choices])
    reference = forms.CharField(label="Reference (cheque number, transfer id…)", max_length=100, required=False)


class InvoiceFilterForm(forms.Form):
    state = forms.ChoiceField(choices=[("", "Every state"), *Invoice.State.choices], required=False)
    since = forms.DateField(label="Issued from", required=False, widget=DateInput())
    until = forms.DateField(label="to", required=False, widget=DateInput())
