"""Importing SCSA's files: a check first (a dry run: the whole file is imported and rolled back, so what it reports is
what the import would do), then, once staff confirm, the import itself, all of the file or none of it. Both run as a
task; the run's page follows its progress."""

import logging
from pathlib import PurePath

import tablib
from celery import current_app
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from golive.kinds import IMPORT_KINDS
from golive.models import ImportRun
from golive.resources.base import outcome

logger = logging.getLogger(__name__)
# The task is named, not imported: it calls this module (the app loads it, so that every process knows it).
RUN_TASK = "golive.tasks.run_import"
NOT_STARTED = "The work could not be started (the task queue did not answer): upload the file again in a minute."
MAX_FILE_MEGABYTES = 100
FORMATS = {"csv": "csv", "xlsx": "xlsx"}
PROGRESS_KEY = "golive-import-progress-{pk}"


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


def _dataset(run: ImportRun) -> tablib.Dataset:
    with run.file.open("rb") as handle:
        content = handle.read()
    if run.extension == "csv":
        return tablib.Dataset().load(content.decode("utf-8-sig"), format="csv")
    return tablib.Dataset().load(content, format="xlsx")


def progress_of(run: ImportRun) -> int:
    """How many rows the running check or import has read (kept in the cache: the import's own transaction hides its
    writes until it ends)."""
    return cache.get(PROGRESS_KEY.format(pk=run.pk), 0)


def import_run_execute(*, run_id: int, dry_run: bool) -> ImportRun:
    """The task's work: read the file, import it (rolled back for a check, or when any row has a problem), record the
    outcome. The import's transaction is import-export's own (import_data), which says what changed inside it."""
    run = ImportRun.objects.select_related("uploaded_by", "confirmed_by").get(pk=run_id)
    kind = IMPORT_KINDS[run.kind]
    actor = run.uploaded_by if dry_run else run.confirmed_by
    resource = kind.resource(actor=actor, filename=run.filename, progress_key=PROGRESS_KEY.format(pk=run.pk))
    try:
        dataset = _dataset(run)
    except Exception as error:  # tablib's readers raise what their parsers raise: the file cannot be read at all
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
    run.rows = len(dataset)
    run.save(update_fields=["rows"])  # the progress bar's end, seen at once (the task runs in no transaction)
    result = resource.import_data(dataset, dry_run=dry_run, use_transactions=True, rollback_on_validation_errors=True)
    run.counts, run.problems = outcome(resource, result)
    if run.problems:
        run.state = ImportRun.State.REFUSED if not dry_run else ImportRun.State.CHECKED
    else:
        run.state = ImportRun.State.CHECKED if dry_run else ImportRun.State.IMPORTED
    run.finished_at = timezone.now()
    run.save()  # its rows read, kept in the cache, expire by themselves: the page reads them only while it runs
    return run
