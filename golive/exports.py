"""SECOR's current data in each kind's import format: the template's columns, filled by the kind's own resource
(import-export's export of a field, a `dehydrate_<column>` where the column is no field of the model), so that SCSA
moves a program between SECOR instances, or checks a file before importing it again. Streamed and formula-safe as
every list's export (secor/exports.py)."""

from django.http import HttpResponse

from golive.kinds import ImportKind
from golive.resources.base import Column, ProgramResource
from secor.exports import table_response


def cell(resource: ProgramResource, column: Column, instance) -> str:
    """A column's cell as the import reads it: a model field's value is written by its column's widget; a dehydrated
    value (a date, a yes or no, a choice) is written by the same widget."""
    value = resource.export_field(column, instance)
    return value if isinstance(value, str) else str(column.widget.render(value))


def kind_export_response(kind: ImportKind, format: str) -> HttpResponse:
    resource = kind.resource()
    # The resource's own fields (the export finds a field's dehydrate method by its name in the resource).
    columns = [field for field in resource.get_export_fields() if isinstance(field, Column)]
    exported = resource.filter_export(resource.get_queryset())
    rows = ([cell(resource, column, instance) for column in columns] for instance in resource.iter_queryset(exported))
    return table_response(
        format=format, name=f"secor-{kind.key}", header=[column.column_name for column in columns], rows=rows
    )
