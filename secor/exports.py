"""Every staff list's export, one seam: the list's current filter as CSV or Excel, formula-safe, streamed.

A list view hands `exported(request, …)` its rows (a lazy iterable: a queryset's .iterator()) when the address asks
for an export (`?export=csv` or `?export=xlsx`); templates link to both with `{% include "_export_links.html" %}`.
CSV is written while it is sent (constant memory at any size); Excel is written row by row by openpyxl's write-only
workbook into a temporary file (its rows never all in memory), then streamed from it.
"""

import csv
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook

from secor.request_memo import with_this_requests_memo

# A cell starting with one of these is read as a formula by Excel, LibreOffice and Google Sheets
# ("CSV injection"): `=HYPERLINK(...)` typed as an operating name would become a live link. openpyxl, too,
# writes a string starting with "=" as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMATS = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
EXPORT_PARAMETER = "export"


def spreadsheet_safe(value):
    """The value as a spreadsheet shows it as text: a leading apostrophe keeps a formula from running. A moment is
    written as Regina's time (spreadsheets keep no time zone)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def spreadsheet_text(value: str) -> str:
    """A cell written by `spreadsheet_safe` read back as what it held: its leading apostrophe dropped."""
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_STARTS) else value


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[object], object]  # the cell of one row's object: a str, number, date or None


def yes_no(flag) -> str:
    return "yes" if flag else "no"


class _Line:
    """A file-like object that hands back what the csv writer writes, so each row is yielded at once."""

    def write(self, line: str) -> str:
        return line


def csv_response(*, filename: str, header: list[str], rows: Iterable[list]) -> StreamingHttpResponse:
    """A CSV download written while it is sent: `rows` is consumed lazily (pass a queryset's .iterator())."""
    writer = csv.writer(_Line())

    def lines() -> Iterator[str]:
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow([spreadsheet_safe("" if value is None else value) for value in row])

    response = StreamingHttpResponse(with_this_requests_memo(lines()), content_type=FORMATS["csv"])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(*, filename: str, header: list[str], rows: Iterable[list], title: str = "SECOR") -> FileResponse:
    """An Excel workbook of one sheet, the header row frozen, written row by row to a temporary file and streamed."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.freeze_panes = "A2"
    sheet.append(header)
    for row in rows:
        sheet.append([spreadsheet_safe(value) for value in row])
    spooled = tempfile.TemporaryFile()  # noqa: SIM115 -- the response streams it, then closes (and so removes) it
    workbook.save(spooled)
    spooled.seek(0)
    return FileResponse(spooled, as_attachment=True, filename=filename, content_type=FORMATS["xlsx"])


def table_response(*, format: str, name: str, header: list[str], rows: Iterable[list]) -> HttpResponse:
    """The rows as a download named `name` and today's date, in `format` ("csv" or "xlsx")."""
    filename = f"{name}-{timezone.localdate():%Y-%m-%d}.{format}"
    if format == "xlsx":
        return xlsx_response(filename=filename, header=header, rows=rows, title=name)
    return csv_response(filename=filename, header=header, rows=rows)


def export_format(request, *, default: str = "") -> str:
    """The format the address asks for ("csv", "xlsx"), or `default` (a list page: "" shows the page)."""
    asked = request.GET.get(EXPORT_PARAMETER, default)
    return asked if asked in FORMATS else default


def exported(request, *, name: str, columns: list[Column], objects: Iterable, default: str = "") -> HttpResponse | None:
    """The list's export when the address asks for one, else None (the view then renders its page)."""
    format = export_format(request, default=default)
    if not format:
        return None
    rows = ([column.value(obj) for column in columns] for obj in objects)
    return table_response(format=format, name=name, header=[column.header for column in columns], rows=rows)
