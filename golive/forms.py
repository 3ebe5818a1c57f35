from django import forms

from golive.kinds import IMPORT_KINDS


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label="The file holds",
        choices=[(key, kind.label) for key, kind in IMPORT_KINDS.items()],
        error_messages={"invalid_choice": "Choose what the file holds."},
    )
    file = forms.FileField(
        label="File (CSV or Excel, as the template)",
        error_messages={"required": "Choose the file to import.", "empty": "The file is empty."},
    )
