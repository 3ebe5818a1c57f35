"""What every import of SCSA's files shares: the columns documented for the template, the check of the header row,
the outcome in counts and problems (by line and column, in the forms' words, with the rule's id), and each imported
row on its company's timeline ("imported from FILE by PERSON")."""

from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ForeignKey
from django.utils import timezone
from import_export import fields, resources
from import_export.results import Result

from companies.models import Company, Employee
from golive.events import IMPORTED
from golive.resources.widgets import text_of
from secor import hooks
from secor.bulk_writes import history_written
from secor.dates import outside_dates_problem
from secor.rule_ids import RULE_IDS
from secor.timeline.services import events_record

# The header is the file's first line: a row's line in the file is its number among the rows, plus one.
HEADER_LINES = 1
# A running import's rows read, kept in the cache (its transaction hides its own writes until it ends).
PROGRESS_SECONDS = 24 * 60 * 60
WCB_COLUMN = "WCB account number"
# The rows a kind importing in bulk writes at once (its Meta's use_bulk): a few inserts per batch, not a few per row.
BATCH_ROWS = 1000


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
        self.header_checked = False
        # What the rows of the part of the file being imported look up, read ahead for all its rows at once
        # (`read_ahead`) and forgotten with the part, so that memory does not grow with the file.
        self._companies: dict[str, object] = {}
        self._roster: dict[tuple, Employee] = {}
        self._rosters_read: set[int] = set()
        # The records saved in the part, said on their companies' timelines once written (`after_import`), and, for
        # a kind writing in bulk, those its batch has still to write.
        self._saved: list = []
        self._pending: set[int] = set()
        self._stored = None

    def company_by_wcb(self, number: str):
        """The company a row names by its WCB account number (ELIG-6); None if SECOR has none."""
        number = wcb_key(number)
        if number not in self._companies:
            self._companies[number] = Company.objects.filter(wcb_account_number=number).first()
        return self._companies[number]

    def roster_person(self, company, first: str, last: str) -> Employee | None:
        """The person of a company's roster a row names (its roster keeps one entry per name, in any case)."""
        if company.pk not in self._rosters_read:
            self._read_rosters([company.pk])
        return self._roster.get((company.pk, text_of(first).lower(), text_of(last).lower()))

    def on_roster(self, person: Employee) -> None:
        """A person the import adds, found by the file's next rows of the same name."""
        self._roster[(person.company_id, person.first_name.lower(), person.last_name.lower())] = person

    def _read_rosters(self, company_ids) -> None:
        for person in Employee.objects.filter(company_id__in=company_ids):
            self.on_roster(person)
        self._rosters_read.update(company_ids)

    # Whether the kind's rows name a person of a roster (their rosters are then read ahead with their companies).
    reads_roster = False

    def read_ahead(self, dataset) -> None:
        """Read the companies the rows name by WCB account number, in one query, and their rosters in one more."""
        self._companies, self._roster, self._rosters_read = {}, {}, set()
        if WCB_COLUMN not in dataset.headers:
            return
        numbers = {wcb_key(number) for number in dataset[WCB_COLUMN]}
        found = {
            company.wcb_account_number: company for company in Company.objects.filter(wcb_account_number__in=numbers)
        }
        self._companies = {number: found.get(number) for number in numbers}
        if self.reads_roster:
            self._read_rosters([company.pk for company in found.values()])

    @classmethod
    def columns(cls) -> list[Column]:
        """The kind's columns, read once per kind (each row's checks read them)."""
        if "_columns" not in cls.__dict__:
            cls._columns = [field for field in cls().get_import_fields() if isinstance(field, Column)]
        return cls._columns

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
        """Each part of the file: its header read as typed, what its rows look up read ahead; the header is checked
        once, with the file's first part."""
        headers = [str(header or "").strip() for header in dataset.headers or []]
        dataset.headers = headers
        self.read_ahead(dataset)
        if self.header_checked:
            return
        self.header_checked = True
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
        row has no other problem, as they restate the rules checked above in a database's words. A kind writing in
        bulk leaves the table's checks to the database, a batch at once (`_write`), and a related record the import
        found in the database is not looked up again."""
        errors = dict(import_validation_errors or {})
        # A field set from a refused column is not also said to be missing.
        excluded = {
            *errors,
            *(field for column in errors for field in self.fields_set_by.get(column, ())),
            *self.set_on_save,
            *(
                field.name
                for field in instance._meta.concrete_fields
                if isinstance(field, ForeignKey) and field.is_cached(instance)
            ),
        }
        in_database = not self._meta.use_bulk
        try:
            instance.full_clean(
                exclude=excluded,
                validate_unique=validate_unique and in_database,
                validate_constraints=in_database and not errors,
            )
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def compared(self, instance) -> tuple:
        """The stored values the file sets (a column that is no field, such as a status's date, is compared by the
        fields it sets: see the subclasses)."""
        stored = {field.name for field in instance._meta.concrete_fields}
        return tuple(column.get_value(instance) for column in self.columns() if column.attribute in stored)

    def after_init_instance(self, instance, new, row, **kwargs):
        # What the record the row matches holds before the row is read, for `skip_row` (rather than import-export's
        # copy of the whole record and its related ones, for each row).
        self._stored = None if new or instance.pk is None else self.compared(instance)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """Unchanged: a row matching a record whose values it would not change (importing again changes nothing)."""
        if import_validation_errors or self._stored is None:
            return False
        return self.compared(instance) == self._stored

    def save_instance(self, instance, is_create, row, **kwargs):
        if id(instance) in self._pending:  # a row again of a record its batch writes: written once, as it leaves it
            self.before_save_instance(instance, row, **kwargs)
            self.after_save_instance(instance, row, **kwargs)
            return
        super().save_instance(instance, is_create, row, **kwargs)
        if self._meta.use_bulk:
            self._pending.add(id(instance))

    def after_save_instance(self, instance, row, **kwargs):
        if kwargs.get("dry_run"):
            return
        self._saved.append(instance)
        if (company := self.company_of(instance)).pk is not None:  # a company imported in bulk: once written
            self.imported_company_ids.add(company.pk)

    def after_write(self, instances: list) -> None:
        """What saving the part's records also keeps, once they are written (a de-roll's wait)."""

    def before_create(self, instances: list) -> None:
        """What a batch of new records needs written before them (a training record's review)."""

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        self._write(self.create_instances, result, new=True)

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        self._write(self.update_instances, result, new=False)

    def _write(self, instances: list, result, *, new: bool) -> None:
        """A batch of rows, written (with their history) in a few inserts. The database checks the table's
        constraints for the whole batch (each row's were checked in their own words: the row matches the record its
        key names, and a record added by a line above is the same record for the lines after it)."""
        if not instances:
            return
        model = self._meta.model
        try:
            with transaction.atomic():
                if new:
                    self.before_create(instances)
                    model.objects.bulk_create(instances)
                else:
                    fields = [field.name for field in model._meta.concrete_fields if not field.primary_key]
                    model.objects.bulk_update(instances, fields)
                history_written(model, [instance.pk for instance in instances], user=self.actor, updated=not new)
        except IntegrityError as error:  # the rules above hold the table's constraints: not expected
            self.handle_import_error(result, error)
        finally:
            self._pending.difference_update(id(instance) for instance in instances)
            instances.clear()

    def after_import_row(self, row, row_result, **kwargs):
        self.rows_read += 1
        if self.progress_key and self.rows_read % self.PROGRESS_EVERY == 0:
            cache.set(self.progress_key, self.rows_read, PROGRESS_SECONDS)

    def after_import(self, dataset, result, **kwargs):
        """The part's records, written: each on its company's timeline."""
        super().after_import(dataset, result, **kwargs)
        saved = [instance for instance in self._saved if instance.pk is not None]
        self._saved = []
        if not saved:
            return
        self.after_write(saved)
        companies = [self.company_of(instance) for instance in saved]
        self.imported_company_ids.update(company.pk for company in companies)
        by = self.actor.get_full_name() or self.actor.email if self.actor else "SCSA"
        events_record(
            actor=self.actor,
            kind=IMPORTED,
            summary=f"{self._meta.model._meta.verbose_name.capitalize()} imported from {self.filename} by {by}",
            subjects=zip(companies, saved, strict=True),
        )

    def said_changed(self, *, dry_run: bool) -> None:
        """What a part of the file changed, said inside the file's transaction (with it, or rolled back with it:
        docs/kept-values.md), but by a check (nothing keeps its writes); then forgotten, so that what is kept for it
        does not grow with the file."""
        if self.imported_company_ids and not dry_run:
            for topic in self.topics:
                hooks.changed(topic, company_ids=self.imported_company_ids, emails=self.imported_emails)
        self.imported_company_ids, self.imported_emails = set(), set()

    class Meta:
        skip_unchanged = False  # skip_row above decides
        skip_diff = True  # and needs no copy of the record (after_init_instance)
        report_skipped = True
        clean_model_instances = True
        use_transactions = True
        skip_html_diff = True


def wcb_key(number) -> str:
    """A WCB account number as the companies keep it, however a file typed it."""
    return "".join(text_of(number).replace("-", " ").split())


def outcome(resource: ProgramResource, result: Result, first: int = 1) -> tuple[dict, list[dict]]:
    """The counts (new, changed, unchanged) and every problem, by line and column, of a part of a file whose first
    row is the file's `first`."""
    before = first - 1  # the rows of the file's parts before this one
    totals = result.totals
    counts = {"new": totals.get("new", 0), "changed": totals.get("update", 0), "unchanged": totals.get("skip", 0)}
    columns = {column.attribute: column.column_name for column in resource.columns()}
    problems = [Problem(HEADER_LINES + before, "", str(error.error)) for error in result.base_errors]
    for number, errors in result.row_errors():
        problems += [
            Problem(number + HEADER_LINES + before, "", f"This line could not be saved: {error.error}")
            for error in errors
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
                    Problem(invalid.number + HEADER_LINES + before, column, message, rule) for message in error.messages
                ]
    problems.sort(key=lambda problem: (problem.line, problem.column))
    return counts, [problem.as_dict() for problem in problems]
