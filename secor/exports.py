"""CSV exports that open safely in a spreadsheet, streamed a row at a time (constant memory at any size)."""

import csv
from collections.abc import Iterable, Iterator

from django.http import StreamingHttpResponse

from secor.request_memo import with_this_requests_memo

# A cell starting with one of these is read as a formula by Excel, LibreOffice and Google Sheets
# ("CSV injection"): `=HYPERLINK(...)` typed as an operating name would become a live link.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """The value as a spreadsheet shows it as text: a leading apostrophe keeps a formula from running."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


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
            yield writer.writerow([spreadsheet_safe(value) for value in row])

    response = StreamingHttpResponse(with_this_requests_memo(lines()), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
