"""The form the audits app's packages share: staff's reason for a step the company is told of."""

from django import forms


class ReasonForm(forms.Form):
    reason = forms.CharField(
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why; the company reads it on its timeline and in its email."},
    )
