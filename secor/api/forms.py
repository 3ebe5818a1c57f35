"""Staff name a partner's key for its holder."""

from django import forms


class KeyForm(forms.Form):
    holder = forms.CharField(
        label="Who holds the key",
        max_length=200,
        help_text="The company or system it is for (for example: “Prairie Prime Contractors — site access”).",
        error_messages={"required": "Name who holds the key (a company, a system or a person)."},
    )
