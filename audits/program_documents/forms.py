from django import forms

from audits.program_documents.models import ProgramDocument
from secor.uploads import MANUAL_TYPES, DocumentField


class ProgramDocumentForm(forms.Form):
    # Not `kind`: the name says which form's field it is, wherever a post is sent.
    program_document = forms.ChoiceField(
        label="Document",
        choices=[("", "Choose the program document…"), *ProgramDocument.Kind.choices],
        error_messages={"required": "Choose which program document this file is."},
    )
    # A sample or a blank form is written in Word or printed to PDF, as the manual is.
    file = DocumentField(label="New version", types=MANUAL_TYPES)
    note = forms.CharField(
        label="What changed (for staff)",
        required=False,
        max_length=300,
        help_text="E.g. “2027 edition”; shown beside the version in this list.",
    )
