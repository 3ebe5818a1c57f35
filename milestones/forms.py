from django import forms

from secor.widgets import DateInput


class ExtensionForm(forms.Form):
    to_date = forms.DateField(label="New expiry date", widget=DateInput())
    reason = forms.CharField(
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why the letter is extended; the company sees it on its timeline."},
    )
