"""Forms of the external audits (AUD-1 … AUD-5): the request with its evidence, the booking, the score sheet and
the completion."""

from datetime import date

from django import forms
from django.utils import timezone

from audits.audit import rules
from audits.audit.inputs import Evidence, ScoreEntry
from audits.audit.models import SystemEvidence
from audits.tool.models import AuditSection
from secor.core.models import User
from secor.rule_ids import RuleWords, refusal
from secor.uploads import DocumentField
from secor.widgets import DateInput


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
    starts_at = forms.TimeField(
        label="Start time",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        initial="09:00",
        help_text="Saskatchewan time.",
        error_messages={"required": "Enter the time the audit starts.", "invalid": "Enter a time such as 09:00."},
    )
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

    def clean_scheduled_on(self):
        # AUD-2, checked before the page that asks to confirm a weekend or holiday, by the service's own rule.
        day = self.cleaned_data["scheduled_on"]
        if problem := rules.too_soon_problem(day, today=timezone.localdate()):
            raise refusal(RuleWords(problem, "AUD-2"))
        return day


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
            if available is None:
                available = section.available_points  # MAN-1: the version's points, when the field is left empty
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

    def __init__(self, *args, scheduled_on: date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.scheduled_on = scheduled_on

    def clean_completed_on(self):
        # Checked before the page that asks to confirm the completion, by the service's own rule (AUD-5).
        day = self.cleaned_data["completed_on"]
        if self.scheduled_on is not None and (
            problem := rules.completion_date_problem(day, scheduled_on=self.scheduled_on, today=timezone.localdate())
        ):
            raise forms.ValidationError(problem)
        return day
