from django import forms

from secor.notices.editable import EditableText, text_problem


class NoticeTextForm(forms.Form):
    """A kind's subject and body; a text that would not render is refused by the field, with the line at fault."""

    subject = forms.CharField(label="Subject", max_length=250)
    # Not stripped: a body's last line break is part of the mail SECOR sends (its own text ends with one).
    body = forms.CharField(
        label="Body", strip=False, widget=forms.Textarea(attrs={"rows": 16, "class": "font-monospace"})
    )
    company = forms.TypedChoiceField(label="Preview it for", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, editable: EditableText, companies: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.editable = editable
        self.fields["company"].choices = [("", "Choose a company that received this notice"), *companies]

    def _checked(self, name: str) -> str:
        source = self.cleaned_data[name]
        if problem := text_problem(source, self.editable.placeholders):
            raise forms.ValidationError(problem)
        return source

    def clean_subject(self) -> str:
        return self._checked("subject")

    def clean_body(self) -> str:
        # Browsers send a textarea's lines ended by CR LF; the mail's are LF, as SECOR's own text.
        self.cleaned_data["body"] = self.cleaned_data["body"].replace("\r\n", "\n")
        return self._checked("body")
