from django import forms

from secor.notices.models import Notice
from secor.notices.selectors import LogFilters, kind_choices
from secor.widgets import DateInput


class LogFilterForm(forms.Form):
    q = forms.CharField(label="Recipient, company or subject", required=False, max_length=200)
    kind = forms.ChoiceField(required=False)
    state = forms.ChoiceField(required=False, choices=[("", "Any state"), *Notice.State.choices])
    due_from = forms.DateField(label="Due from", required=False, widget=DateInput())
    due_to = forms.DateField(label="Due to", required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "Every kind"), *kind_choices()]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("due_from") and cleaned.get("due_to") and cleaned["due_from"] > cleaned["due_to"]:
            self.add_error("due_to", "The end of the period cannot be before its start.")
        return cleaned

    def filters(self) -> LogFilters:
        """The log's filters as the valid form gives them (the log page and the API's notices)."""
        data = self.cleaned_data
        return LogFilters(data["kind"], data["state"], data["due_from"], data["due_to"], data["q"])


class ResendForm(forms.Form):
    reason = forms.CharField(
        max_length=500,
        widget=forms.TextInput(attrs={"placeholder": "Why send it again?"}),
        error_messages={"required": "Say why it is sent again (for example: the person says it never arrived)."},
    )


class DeadlineSwitchForm(forms.Form):
    """Switch one kind of deadline notice on or off (secor.notices.golive)."""

    kind = forms.ChoiceField(error_messages={"invalid_choice": "Choose one of the kinds of deadline notice listed."})
    on = forms.TypedChoiceField(choices=[("yes", "On"), ("no", "Off")], coerce=lambda value: value == "yes")

    def __init__(self, *args, kinds: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds
