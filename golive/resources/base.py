"""What every import of SCSA's files shares: the columns documented for the template, the check of the header row,
the outcome in counts and problems (by line and column, in the forms' words, with the rule's id), and each imported
row on its company's timeline ("imported from FILE by PERSON")."""

from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from import_export import fields, resources
from import_export.results import Result

from companies.models import Company
from golive.events import IMPORTED
from golive.resources.widgets import text_of
from secor import hooks
from secor.dates import outside_dates_problem
from secor.rule_ids import RULE_IDS
from secor.timeline.services import event_record

# The header is the file's first line: a row's line in the file is its number among the rows, plus one.
HEADER_LINES = 1
# A running import's rows read, kept in the cache (its transaction hides its own writes until it ends).
PROGRESS_SECONDS = 24 * 60 * 60


class Column(fields.Field):
    """A column of an import file, with what the template says of it."""

    def __init__(self, column_name: str, attribute: str | None, widget, *, meaning: str, required: bool = False):
        super().__init__(attribute=attribute, column_name=column_name, widget=widget)
        self.meaning, self.required = meaning, required


@dataclass(frozen=True)
class Problem:
    line: int
    column: str
    message: str
    rule: str = ""

    def as_dict(self) -> dict:
        return {"line": self.line, "column": self.column, "message": self.message, "rule": self.rule}


def refuse(errors: dict, attribute: str, words: str, rule: str = "") -> None:
    """Note a row's problem in a column (by its attribute), with the rule it applies (shown to staff), unless the
    column's cell was already refused (a date that is not one is not also said to be missing)."""
    if attribute not in errors:
        errors[attribute] = [ValidationError(words, code=rule or "invalid")]


def in_the_past(errors: dict, attribute: str, day: date | None, what: str) -> None:
    """Imported history is past: a day after today is refused, saying what it records (`what`)."""
    if day and (problem := outside_dates_problem(day, latest=timezone.localdate())):
        refuse(errors, attribute, f"{what} {problem}")


class ProgramResource(resources.ModelResource):
    """A kind of SCSA's file. Subclasses declare their `Column`s, `import_id_fields` (what a corrected file matches by)
    and `company_of(instance)`."""

    # What an import of the kind changes, said through secor.hooks inside its transaction (docs/kept-values.md).
    topics: tuple[hooks.Topic, ...] = ()
    # The model's fields a column that is no field sets (the company a WCB account number names).
    fields_set_by: dict[str, tuple[str, ...]] = {}
    set_on_save: tuple[str, ...] = ()  # fields the import sets as it saves (a record's review)
    PROGRESS_EVERY = 200

    def __init__(self, *, actor=None, filename: str = "", progress_key: str = ""):
        super().__init__()
        self.actor, self.filename, self.progress_key = actor, filename, progress_key
        self.imported_company_ids: set[int] = set()
        self.imported_emails: set[str] = set()
        self.rows_read = 0
        self._companies: dict[str, object] = {}

    def company_by_wcb(self, number: str):
        """The company a row names by its WCB account number (ELIG-6), read once per import; None if SECOR has none."""
        number = "".join(text_of(number).replace("-", " ").split())
        if number not in self._companies:
            self._companies[number] = Company.objects.filter(wcb_account_number=number).first()
        return self._companies[number]

    @classmethod
    def columns(cls) -> list[Column]:
        return [field for field in cls().get_import_fields() if isinstance(field, Column)]

    def company_of(self, instance):
        return instance.company

    # --- the export: SECOR's data in the file's columns (golive/exports.py), a column that is no field dehydrated --

    def dehydrate_import_wcb(self, instance) -> str:
        return self.company_of(instance).wcb_account_number

    def dehydrate_import_first(self, instance) -> str:
        return instance.employee.first_name

    def dehydrate_import_last(self, instance) -> str:
        return instance.employee.last_name

    def dehydrate_import_course(self, instance) -> str:
        return instance.course.name

    # --- the header row -------------------------------------------------------------------------------------------

    def before_import(self, dataset, **kwargs):
        headers = [str(header or "").strip() for header in dataset.headers or []]
        dataset.headers = headers
        known = {column.column_name for column in self.columns()}
        missing = [
            column.column_name for column in self.columns() if column.required and column.column_name not in headers
        ]
        unknown = [header for header in headers if header and header not in known]
        words = []
        if missing:
            words.append(f"The first line must name the columns; missing: {', '.join(missing)}.")
        if unknown:
            words.append(
                f"Columns this file does not have (check their spelling against the template): {', '.join(unknown)}."
            )
        if words:
            raise ValueError(" ".join(words))

    # --- a row ---------------------------------------------------------------------------------------------------

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for column in self.columns():
            if column.required and column.column_name in row and not str(row[column.column_name] or "").strip():
                refuse(errors, column.attribute, "This column is required.")
        self.check_row(instance, row, errors)
        if errors:
            raise ValidationError(errors)

    def check_row(self, instance, row, errors: dict) -> None:
        """The program's rules on a row whose cells were read: `refuse(errors, …)` each problem found."""

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """The model's own checks too (a field's format, in the forms' words); its table constraints only once the
        row has no other problem, as they restate the rules checked above in a database's words."""
        errors = dict(import_validation_errors or {})
        # A field set from a refused column is not also said to be missing.
        excluded = {
            *errors,
            *(field for column in errors for field in self.fields_set_by.get(column, ())),
            *self.set_on_save,
        }
        try:
            instance.full_clean(exclude=excluded, validate_unique=validate_unique, validate_constraints=not errors)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def compared(self, instance) -> tuple:
        """The stored values the file sets (a column that is no field, such as a status's date, is compared by the
        fields it sets: see the subclasses)."""
        stored = {field.name for field in instance._meta.concrete_fields}
        return tuple(column.get_value(instance) for column in self.columns() if column.attribute in stored)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """Unchanged: a row matching a record whose values it would not change (importing again changes nothing)."""
        if import_validation_errors or original is None or original.pk is None:
            return False
        return self.compared(instance) == self.compared(original)

    def after_save_instance(self, instance, row, **kwargs):
        if kwargs.get("dry_run"):
            return
        company = self.company_of(instance)
        self.imported_company_ids.add(company.pk)
        by = self.actor.get_full_name() or self.actor.email if self.actor else "SCSA"
        event_record(
            company=company,
            actor=self.actor,
            kind=IMPORTED,
            subject=instance,
            summary=f"{self._meta.model._meta.verbose_name.capitalize()} imported from {self.filename} by {by}",
        )

    def after_import_row(self, row, row_result, **kwargs):
        self.rows_read += 1
        if self.progress_key and self.rows_read % self.PROGRESS_EVERY == 0:
            cache.set(self.progress_key, self.rows_read, PROGRESS_SECONDS)

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        # Inside import_data's transaction: what was imported is said changed with it, or rolled back with it.
        if not kwargs.get("dry_run") and self.imported_company_ids:
            for topic in self.topics:
                hooks.changed(topic, company_ids=self.imported_company_ids, emails=self.imported_emails)

    class Meta:
        skip_unchanged = False  # skip_row above decides
        report_skipped = True
        clean_model_instances = True
        use_transactions = True
        skip_html_diff = True


def outcome(resource: ProgramResource, result: Result) -> tuple[dict, list[dict]]:
    """The counts (new, changed, unchanged) and every problem, by line and column."""
    totals = result.totals
    counts = {"new": totals.get("new", 0), "changed": totals.get("update", 0), "unchanged": totals.get("skip", 0)}
    columns = {column.attribute: column.column_name for column in resource.columns()}
    problems = [Problem(HEADER_LINES, "", str(error.error)) for error in result.base_errors]
    for number, errors in result.row_errors():
        problems += [
            Problem(number + HEADER_LINES, "", f"This line could not be saved: {error.error}") for error in errors
        ]
    for invalid in result.invalid_rows:
        # The errors themselves (not their messages alone), so that each keeps its rule's id as its code.
        by_column = getattr(invalid.error, "error_dict", None) or {NON_FIELD_ERRORS: invalid.error.error_list}
        for attribute, errors in by_column.items():
            column = "" if attribute == NON_FIELD_ERRORS else columns.get(attribute, attribute)
            for error in errors:
                error = error if isinstance(error, ValidationError) else ValidationError(str(error))
                rule = error.code if error.code and RULE_IDS.fullmatch(error.code) else ""
                problems += [
                    Problem(invalid.number + HEADER_LINES, column, message, rule) for message in error.messages
                ]
    problems.sort(key=lambda problem: (problem.line, problem.column))
    return counts, [problem.as_dict() for problem in problems]
