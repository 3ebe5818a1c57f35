"""The template of each kind of import file: its header row, and (in Excel) a sheet saying each column's meaning."""

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.workbook.child import INVALID_TITLE_REGEX

from golive.kinds import ImportKind
from secor.exports import FORMATS, csv_response


def template_response(kind: ImportKind, format: str) -> HttpResponse:
    columns = kind.resource.columns()
    header = [column.column_name for column in columns]
    if format == "csv":
        return csv_response(filename=f"{kind.filename}.csv", header=header, rows=[])
    workbook = Workbook()
    sheet = workbook.active
    # Excel refuses some characters in a sheet's name (the users' label has a colon) and names over 31 characters.
    sheet.title = INVALID_TITLE_REGEX.sub("", kind.label)[:31].strip()
    sheet.append(header)
    sheet.freeze_panes = "A2"
    about = workbook.create_sheet("Columns")
    about.append(["Column", "Required", "Meaning and format"])
    for column in columns:
        about.append([column.column_name, "yes" if column.required else "no", column.meaning])
    about.append([])
    about.append(
        [
            "",
            "",
            f"A row whose {kind.matched_by} is already in SECOR updates it; importing a file again changes nothing.",
        ]
    )
    response = HttpResponse(content_type=FORMATS["xlsx"])
    response["Content-Disposition"] = f'attachment; filename="{kind.filename}.xlsx"'
    workbook.save(response)
    return response
