"""Staff's choice whether a certified company is shown in the public list."""

from django import forms

LISTED_CHOICE = "Say whether the company is shown in the public list (listed=1) or left out (listed=0)."


class ListedForm(forms.Form):
    # The page posts 1 (show) or 0 (leave out), as it always has.
    listed = forms.TypedChoiceField(
        choices=[("1", "Shown"), ("0", "Left out")],
        coerce=lambda value: value == "1",
        error_messages={"required": LISTED_CHOICE, "invalid_choice": LISTED_CHOICE},
    )
