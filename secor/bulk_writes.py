"""Rows written a batch at a time by one statement each: an import's, up to half a million at go-live (issue 26),
where the ORM would build one Python object per row and send each of its values back. The statements name the
models' own tables and columns (`table`, `columns`); their values are parameters, in SQL both PostgreSQL and the
embedded default (SQLite, `make run`) read.

Their history (django-simple-history) too: the database copies the rows it has just written into their history, with
the columns simple-history writes (the tracked fields, the time, the person, the kind of change, no reason)."""

from django.conf import settings
from django.db import connection
from django.utils import timezone
from simple_history.exceptions import NotHistoricalModelError
from simple_history.utils import get_history_manager_for_model


def history_written(model, pks: list[int], *, user, updated: bool = False) -> None:
    """A line of history for each of `model`'s rows `pks`, as they now are: created ("+"), or `updated` ("~"). A
    model without history has none."""
    if not pks or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    try:
        history = get_history_manager_for_model(model).model
    except NotHistoricalModelError:
        return
    column = columns(history)
    tracked = ", ".join(column[field.name] for field in history.tracked_fields)
    kept = ", ".join(column[name] for name in ("history_date", "history_change_reason", "history_type", "history_user"))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table(history)} ({tracked}, {kept}) "
            f"SELECT {tracked}, %s, NULL, %s, %s FROM {table(model)} "
            f"WHERE {columns(model)[model._meta.pk.name]} IN ({placeholders(len(pks))})",
            [timezone.now(), "~" if updated else "+", getattr(user, "pk", None), *pks],
        )


def placeholders(count: int) -> str:
    """`count` parameters, comma separated: a list written into a statement both PostgreSQL and SQLite read."""
    return ", ".join(["%s"] * count)


def values(rows: list[list]) -> tuple[str, list]:
    """A VALUES list of `rows` (each of the same length) and its parameters, in the rows' order."""
    return ", ".join(f"({placeholders(len(row))})" for row in rows), [value for row in rows for value in row]


def columns(model) -> dict[str, str]:
    """Each of the model's fields' column, quoted for a statement."""
    return {field.name: connection.ops.quote_name(field.column) for field in model._meta.concrete_fields}


def table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)
