"""Forms of the audit tool's versions (MAN-1, AUD-4): a copy's name, a draft's settings and its sections."""

from django import forms

from audits.tool.inputs import SectionEdit
from audits.tool.models import AuditSection, AuditToolVersion
from secor.widgets import DateInput


class ToolCopyForm(forms.Form):
    name = forms.CharField(
        label="Name of the new version", max_length=AuditToolVersion._meta.get_field("name").max_length
    )


class ToolVersionForm(forms.ModelForm):
    """The version's name, pass marks (their 1-100 bounds are the model's) and the day it takes effect."""

    class Meta:
        model = AuditToolVersion
        fields = ["name", "effective_from", "overall_pass_percent", "section_pass_percent"]
        labels = {"effective_from": "Takes effect on"}
        widgets = {"effective_from": DateInput()}

    def validate_unique(self):
        # The service refuses a name or a day already taken, with the version that holds it.
        pass


class SectionForm(forms.ModelForm):
    class Meta:
        model = AuditSection
        fields = ["name", "available_points"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each row names its section: the labels stay meaningful to a screen reader in a table.
        self.fields["name"].label = f"Name of section {self.instance.number}"
        self.fields["available_points"].label = f"Available points of section {self.instance.number}"


SectionFormSet = forms.modelformset_factory(AuditSection, form=SectionForm, extra=0, edit_only=True)


def section_edits(formset) -> list[SectionEdit]:
    """The sections as staff left them: the version's own rows only (rows a post adds are not sections)."""
    return [
        SectionEdit(form.instance, form.cleaned_data["name"], form.cleaned_data["available_points"])
        for form in formset.initial_forms
    ]
