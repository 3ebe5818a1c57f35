"""Forms of the manual: its files by section, and the reviewer's verdict on each section, which the outcome
follows."""

from django import forms

from audits.manual import rules
from audits.manual.inputs import ManualPart
from secor.query import whole_number
from secor.reviews.inputs import SectionVerdict
from secor.reviews.models import SectionComment
from secor.uploads import MANUAL_TYPES, DocumentField

# Without a script a form cannot grow: it starts with a few file rows and a link asks for more.
FILE_ROWS = 3
MAX_FILE_ROWS = 16


def file_rows(requested: str | None) -> int:
    return min(whole_number(requested, default=FILE_ROWS), MAX_FILE_ROWS)


class ManualFilesForm(forms.Form):
    """MAN-1, MAN-2: each file of the manual and the sections of the audit tool it covers."""

    def __init__(self, *args, sections, rows: int = FILE_ROWS, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        choices = [(section.pk, str(section)) for section in sections]
        self.sections_by_pk = {section.pk: section for section in sections}
        for row in range(1, rows + 1):
            self.fields[f"file_{row}"] = DocumentField(
                label=f"File {row}", required=False, types=MANUAL_TYPES, max_megabytes=rules.MANUAL_MAX_MEGABYTES
            )
            self.fields[f"sections_{row}"] = forms.TypedMultipleChoiceField(
                label=f"Sections file {row} covers",
                choices=choices,
                coerce=int,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )

    def row_fields(self):
        """(file field, sections field) of each row, for the template."""
        return [(self[f"file_{row}"], self[f"sections_{row}"]) for row in range(1, self.rows + 1)]

    def clean(self):
        cleaned = super().clean()
        parts = []
        for row in range(1, self.rows + 1):
            upload, sections = cleaned.get(f"file_{row}"), cleaned.get(f"sections_{row}") or []
            if upload and not sections:
                self.add_error(f"sections_{row}", "Tick the sections this file covers.")
            elif sections and not upload and f"file_{row}" not in self.errors:
                self.add_error(f"file_{row}", "Choose the file that covers the sections ticked.")
            elif upload:
                parts.append(ManualPart(upload, [self.sections_by_pk[pk] for pk in sections]))
        cleaned["parts"] = parts
        return cleaned


class ManualReviewForm(forms.Form):
    """MAN-2: a verdict on each section (a comment where corrections are required) and general comments; the
    outcome follows from the verdicts: approved when every section is accepted, returned when one is not. A review
    of a corrected manual starts from the previous review's verdicts and comments (`previous`, by section name)."""

    def __init__(self, *args, sections, previous: dict[str, SectionComment] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = sections
        previous = previous or {}
        for section in sections:
            earlier = previous.get(str(section))
            self.fields[f"verdict_{section.pk}"] = forms.ChoiceField(
                label=str(section),
                choices=SectionComment.Verdict.choices,
                widget=forms.RadioSelect,
                initial=earlier and earlier.verdict,
                error_messages={"required": f"Accept {section.name}, or say it needs corrections."},
            )
            self.fields[f"comment_{section.pk}"] = forms.CharField(
                label=f"Comment on {section.name}",
                required=False,
                max_length=2000,
                initial=earlier.comment if earlier else "",
            )
        self.fields["comments"] = forms.CharField(
            label="General comments", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
        )

    def section_fields(self):
        return [(section, self[f"verdict_{section.pk}"], self[f"comment_{section.pk}"]) for section in self.sections]

    @property
    def accepted(self) -> bool:
        return self.cleaned_data.get("accepted") is True

    @property
    def comments(self) -> str:
        return self.cleaned_data.get("comments", "")

    def clean(self):
        cleaned = super().clean()
        for section in self.sections:
            verdict, comment = cleaned.get(f"verdict_{section.pk}"), cleaned.get(f"comment_{section.pk}", "")
            if verdict == SectionComment.Verdict.CORRECTIONS and not comment.strip():
                self.add_error(f"comment_{section.pk}", f"Say what to correct in {section.name}.")
        cleaned["verdicts"] = [
            SectionVerdict(str(s), cleaned[f"verdict_{s.pk}"], cleaned.get(f"comment_{s.pk}", ""))
            for s in self.sections
            if cleaned.get(f"verdict_{s.pk}")
        ]
        cleaned["accepted"] = all(verdict.verdict == SectionComment.Verdict.ACCEPTED for verdict in cleaned["verdicts"])
        return cleaned
