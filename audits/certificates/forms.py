"""Staff's choice whether a certified company is shown in the public list."""

from django import forms

from audits.certificates.verification import MOST_NUMBERS, split_numbers

LISTED_CHOICE = "Say whether the company is shown in the public list (listed=1) or left out (listed=0)."


class ListedForm(forms.Form):
    # The page posts 1 (show) or 0 (leave out), as it always has.
    listed = forms.TypedChoiceField(
        choices=[("1", "Shown"), ("0", "Left out")],
        coerce=lambda value: value == "1",
        error_messages={"required": LISTED_CHOICE, "invalid_choice": LISTED_CHOICE},
    )


# A list of 1,000 numbers with their company names beside them is well under this; a bigger file is not such a list.
MOST_LIST_BYTES = 200 * 1024
NO_NUMBERS = "Paste the numbers (one a line, or separated by commas), or choose a file with them."


class NumbersForm(forms.Form):
    """The bulk verification (CERT-1): pasted numbers, or a text or CSV file of them (a spreadsheet's column
    saved as CSV), up to verification.MOST_NUMBERS of either kind."""

    numbers = forms.CharField(
        label="Certificate numbers or WCB account numbers",
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=MOST_LIST_BYTES,
        help_text="One a line, or separated by commas. Written any way: spaces, dashes and case do not matter.",
    )
    file = forms.FileField(
        label="Or a file of them", required=False, help_text="A text or CSV file (a spreadsheet's column saved as CSV)."
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None:
            return ""
        if upload.size > MOST_LIST_BYTES:
            raise forms.ValidationError(f"This file is larger than a list of {MOST_NUMBERS:,} numbers can be.")
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError("This file is not text: save the spreadsheet's column as CSV.") from None

    def clean(self):
        cleaned = super().clean()
        typed = split_numbers(cleaned.get("numbers", "")) + split_numbers(cleaned.get("file") or "")
        if not typed and not self.errors:
            raise forms.ValidationError(NO_NUMBERS)
        if len(typed) > MOST_NUMBERS:
            raise forms.ValidationError(
                f"This list has {len(typed):,} numbers; up to {MOST_NUMBERS:,} are checked at once. Split it in parts."
            )
        cleaned["typed"] = typed
        return cleaned
