"""A company's whole record as one zip archive: every row SECOR keeps about it, one CSV per kind of record, and every
file it holds, for the company (its employer users) and for SCSA staff.

The records are found from the models themselves, so a new kind of record is in the archive without a line here: a
model belongs to the company when one of its foreign keys leads to the company, directly or through records that do
(a review's versions, an audit's scores). What only SCSA reads stays out of the company's own copy: the change
history (who at SCSA changed what), notices to SCSA's people, and an audit's scores before the audit is completed.
Secrets (calendar tokens) are left out of both.
"""

import csv
import io
import shutil
import tempfile
import zipfile
from collections.abc import Iterator

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.http import FileResponse
from django.utils import timezone

from secor.notices.selectors import notices_for_company

COMPANY_MODEL = "companies.Company"
# How many foreign keys a record may be away from the company and still be the company's (a review's version's file).
MAX_HOPS = 3
# Tables of the program, not of a company, even where a key leads to one (the documents SCSA gives every company).
NOT_A_COMPANY_RECORD = frozenset({"audits.programdocument", "notices.noticesweep"})
SECRET_FIELD_WORDS = ("token", "secret", "password")
# What the company's own copy leaves out, by model: the rows it may see, as a filter.
EMPLOYER_ROWS = {
    "audits.auditscore": Q(audit__state="completed"),
}
README = """Everything SECOR keeps about {name} (WCB account number {wcb}), as of {moment}.

records/  one CSV file per kind of record (the table's name), each row one record, each column one field;
          a column ending in _id names a record of another file by its id.
files/    every file of the company's (uploaded or issued by SECOR), by kind, named id-name.extension.
"""


def _keys_to(model) -> list[models.ForeignKey]:
    return [field for field in model._meta.concrete_fields if field.is_relation and field.many_to_one]


def company_record_paths() -> dict[type[models.Model], str]:
    """Each model that holds a company's records, with the lookup from it to the company (e.g. "review__company")."""
    company = apps.get_model(COMPANY_MODEL)
    paths: dict[type[models.Model], str] = {}
    frontier = {company: ""}
    for _ in range(MAX_HOPS):
        found = {}
        for model in apps.get_models():
            if model in paths or model is company or model._meta.label_lower in NOT_A_COMPANY_RECORD:
                continue
            for field in _keys_to(model):
                if field.related_model in frontier:
                    via = frontier[field.related_model]
                    found[model] = f"{field.name}__{via}" if via else field.name
                    break
        paths.update(found)
        frontier = found
    return paths


def _is_history(model) -> bool:
    return model.__name__.startswith("Historical")


def _rows_of(model, lookup: str, company, *, for_staff: bool):
    rows = model.objects.filter(**{lookup: company})
    if for_staff:
        return rows
    if model._meta.label_lower == "notices.notice":
        return notices_for_company(company=company, staff_view=False)
    filtered = EMPLOYER_ROWS.get(model._meta.label_lower)
    return rows.filter(filtered) if filtered is not None else rows


def _columns(model) -> list[models.Field]:
    return [
        field for field in model._meta.concrete_fields if not any(word in field.name for word in SECRET_FIELD_WORDS)
    ]


def _cell(value):
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _csv_lines(fields: list[models.Field], rows) -> Iterator[list]:
    names = [field.attname for field in fields]
    yield names
    for row in rows.values_list(*names).order_by("pk").iterator(chunk_size=2000):
        yield [_cell(value) for value in row]


def _write_csv(archive: zipfile.ZipFile, name: str, lines: Iterator[list]) -> None:
    with archive.open(name, "w") as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as text:
        writer = csv.writer(text)
        for line in lines:
            writer.writerow(line)


def company_archive(company, *, for_staff: bool) -> tempfile.TemporaryFile:
    """The archive, written to a temporary file (its files copied in chunks: constant memory), read from the start."""
    spooled = tempfile.TemporaryFile()  # noqa: SIM115 -- the response streams it, then closes (and so removes) it
    company_model = apps.get_model(COMPANY_MODEL)
    moment = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    with zipfile.ZipFile(spooled, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "README.txt", README.format(name=company.legal_name, wcb=company.wcb_account_number, moment=moment)
        )
        own = company_model.objects.filter(pk=company.pk)
        _write_csv(archive, f"records/{company_model._meta.db_table}.csv", _csv_lines(_columns(company_model), own))
        for model, lookup in sorted(company_record_paths().items(), key=lambda item: item[0]._meta.db_table):
            if _is_history(model) and not for_staff:
                continue
            rows = _rows_of(model, lookup, company, for_staff=for_staff)
            if rows.exists():
                _write_csv(archive, f"records/{model._meta.db_table}.csv", _csv_lines(_columns(model), rows))
        documents = apps.get_model("documents", "Document").objects.filter(company=company).order_by("pk")
        for document in documents.iterator():
            try:
                source = document.file.open("rb")
            except FileNotFoundError:
                archive.writestr(f"files/{document.kind}/{document.pk}-MISSING.txt", "The stored file is missing.")
                continue
            with source, archive.open(f"files/{document.kind}/{document.pk}-{document}", "w") as target:
                shutil.copyfileobj(source, target, length=1024 * 1024)
    spooled.seek(0)
    return spooled


def company_archive_response(company, *, for_staff: bool) -> FileResponse:
    filename = f"secor-{company.wcb_account_number}-{timezone.localdate():%Y-%m-%d}.zip"
    archive = company_archive(company, for_staff=for_staff)
    return FileResponse(archive, as_attachment=True, filename=filename, content_type="application/zip")
