"""CSV exports that open safely in a spreadsheet."""

import csv

# A cell starting with one of these is read as a formula by Excel, LibreOffice and Google Sheets
# ("CSV injection"): `=HYPERLINK(...)` typed as an operating name would become a live link.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """The value as a spreadsheet shows it as text: a leading apostrophe keeps a formula from running."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


class SafeCsvWriter:
    def __init__(self, stream):
        self.writer = csv.writer(stream)

    def writerow(self, row) -> None:
        self.writer.writerow([spreadsheet_safe(value) for value in row])
