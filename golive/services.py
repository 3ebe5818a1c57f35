"""Importing SCSA's files: a check first (a dry run: the whole file is imported and rolled back, so what it reports is
what the import would do), then, once staff confirm, the import itself, all of the file or none of it. Both run as a
task; the run's page follows its progress."""

import csv
import io
import itertools
import logging
from collections.abc import Iterator
from pathlib import PurePath

import tablib
from celery import current_app
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from openpyxl import load_workbook

from golive.kinds import IMPORT_KINDS
from golive.models import ImportRun
from golive.resources.base import ProgramResource, outcome

logger = logging.getLogger(__name__)
# The task is named, not imported: it calls this module (the app loads it, so that every process knows it).
RUN_TASK = "golive.tasks.run_import"
NOT_STARTED = "The work could not be started (the task queue did not answer): upload the file again in a minute."
MAX_FILE_MEGABYTES = 100
FORMATS = {"csv": "csv", "xlsx": "xlsx"}
PROGRESS_KEY = "golive-import-progress-{pk}"
# The rows read and imported at once: what the import holds in memory, whatever the file's length.
PART_ROWS = 1000


def import_run_check(*, kind: str, upload, actor) -> ImportRun:
    """Keep the file and check it (nothing of it is saved): its page then shows the counts and every problem. It
    writes only the run's own row, which nothing kept is derived from."""
    if kind not in IMPORT_KINDS:
        raise ValidationError({"kind": "Choose what the file holds."})
    extension = PurePath(upload.name).suffix.lower().lstrip(".")
    if extension not in FORMATS:
        raise ValidationError({"file": "Upload the file as CSV (.csv) or Excel (.xlsx), as the template is."})
    if upload.size > MAX_FILE_MEGABYTES * 1024 * 1024:
        raise ValidationError({"file": f"The file is over {MAX_FILE_MEGABYTES} MB: split it in several files."})
    run = ImportRun(kind=kind, filename=PurePath(upload.name).name[:200], extension=extension, uploaded_by=actor)
    run.file.save(f"{kind}.{extension}", upload, save=False)
    run.save()
    _dispatch(run, dry_run=True)
    return run


def import_run_confirm(*, run: ImportRun, actor) -> ImportRun:
    """Import a checked file: all of it or none (it is checked again as it is imported). Taken by a conditional update,
    so a second click, or a second person, imports nothing twice."""
    taken = ImportRun.objects.filter(pk=run.pk, state=ImportRun.State.CHECKED, problems=[]).update(
        state=ImportRun.State.IMPORTING, confirmed_by=actor
    )
    if taken != 1:
        raise ValidationError(
            "Only a file checked without problems is imported, once: correct the file and upload it again."
        )
    run.refresh_from_db()
    _dispatch(run, dry_run=False)
    return run


def _dispatch(run: ImportRun, *, dry_run: bool) -> None:
    transaction.on_commit(lambda: _hand_over(run.pk, dry_run))


def _hand_over(run_id: int, dry_run: bool) -> None:
    """Give the run to a worker; with the broker unreachable, the run says so (staff upload the file again) rather
    than wait for ever."""
    try:
        current_app.tasks[RUN_TASK].delay(run_id, dry_run)
    except Exception:  # the broker's connection errors vary by transport
        logger.warning("Import %s not handed to a worker", run_id, exc_info=True)
        ImportRun.objects.filter(pk=run_id, state__in=ImportRun.RUNNING).update(
            state=ImportRun.State.REFUSED,
            finished_at=timezone.now(),
            problems=[{"line": 1, "column": "", "message": NOT_STARTED, "rule": ""}],
        )


class UnreadableFileError(Exception):
    """The file cannot be read as its kind of file says (its reader's own words)."""


def _rows(handle, extension: str) -> Iterator[list]:
    """The file's rows, as tablib reads them (a CSV's blank lines skipped), one at a time."""
    if extension == "csv":
        yield from (row for row in csv.reader(io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")) if row)
    else:
        sheet = load_workbook(handle, read_only=True, data_only=True).active
        yield from (list(row) for row in sheet.iter_rows(values_only=True))


def _parts(handle, extension: str) -> Iterator[tablib.Dataset]:
    """The file, a part of PART_ROWS rows at a time, each under the file's header (short rows filled, as tablib
    fills them), so that memory does not grow with the file. A file without rows is one part without rows."""
    try:
        rows = _rows(handle, extension)
        headers = next(rows, [])
        empty = True
        while part := list(itertools.islice(rows, PART_ROWS)):
            empty = False
            yield tablib.Dataset(*(row + [""] * (len(headers) - len(row)) for row in part), headers=headers)
        if empty:
            yield tablib.Dataset(headers=headers)
    except Exception as error:  # the readers raise what their parsers raise (csv, codecs, zip, XML, tablib's shape)
        raise UnreadableFileError(str(error)) from error


def file_rows(handle, extension: str) -> int:
    """How many rows a file has under its header (the progress bar's end): a CSV is read through once; an Excel
    sheet says it (where it does not, the bar has no end until the import ends)."""
    try:
        if extension == "csv":
            return max(sum(1 for _ in _rows(handle, extension)) - 1, 0)
        return max((load_workbook(handle, read_only=True).active.max_row or 1) - 1, 0)
    except Exception as error:  # as in _parts
        raise UnreadableFileError(str(error)) from error


def import_file(resource: ProgramResource, handle, extension: str, *, dry_run: bool) -> tuple[dict, list[dict]]:
    """Import a file part by part in one transaction: all of it or none (rolled back for a check, or when any row
    has a problem); a check does what the import would do. Returns the counts and the problems, by the file's line.
    The parts are import-export's imports of a dataset (import_data_inner), inside this transaction rather than one
    of their own each."""
    counts, problems, first = dict.fromkeys(("new", "changed", "unchanged"), 0), [], 1
    with transaction.atomic():
        for part in _parts(handle, extension):
            result = resource.import_data_inner(
                part, dry_run, raise_errors=False, using_transactions=True, collect_failed_rows=False
            )
            part_counts, part_problems = outcome(resource, result, first)
            counts = {key: counts[key] + part_counts[key] for key in counts}
            problems += part_problems
            first += len(part)
            resource.said_changed(dry_run=dry_run)
        if dry_run or problems:
            transaction.set_rollback(True)
    return counts, problems


def progress_of(run: ImportRun) -> int:
    """How many rows the running check or import has read (kept in the cache: the import's own transaction hides its
    writes until it ends)."""
    return cache.get(PROGRESS_KEY.format(pk=run.pk), 0)


def import_run_execute(*, run_id: int, dry_run: bool) -> ImportRun:
    """The task's work: read the file, import it (rolled back for a check, or when any row has a problem), record the
    outcome (`import_file`: its transaction says what changed inside it)."""
    run = ImportRun.objects.select_related("uploaded_by", "confirmed_by").get(pk=run_id)
    kind = IMPORT_KINDS[run.kind]
    actor = run.uploaded_by if dry_run else run.confirmed_by
    resource = kind.resource(actor=actor, filename=run.filename, progress_key=PROGRESS_KEY.format(pk=run.pk))
    try:
        with run.file.open("rb") as handle:
            run.rows = file_rows(handle, run.extension)
        run.save(update_fields=["rows"])  # the progress bar's end, seen at once (the task runs in no transaction)
        with run.file.open("rb") as handle:
            run.counts, run.problems = import_file(resource, handle, run.extension, dry_run=dry_run)
    except UnreadableFileError as error:
        run.state, run.finished_at = ImportRun.State.REFUSED, timezone.now()
        run.problems = [
            {
                "line": 1,
                "column": "",
                "message": f"The file cannot be read as {run.extension.upper()}: {error}",
                "rule": "",
            }
        ]
        run.save()
        return run
    if run.problems:
        run.state = ImportRun.State.REFUSED if not dry_run else ImportRun.State.CHECKED
    else:
        run.state = ImportRun.State.CHECKED if dry_run else ImportRun.State.IMPORTED
    run.finished_at = timezone.now()
    run.save()  # its rows read, kept in the cache, expire by themselves: the page reads them only while it runs
    return run
