"""Several counts in one round trip: the navigation counts three queues on every staff page, the dashboard its
whole lists and their 30/60/90-day windows.

Each queryset is compiled by the ORM (so scopes and filters stay where they are written) and counted as a
scalar subquery of one SELECT, on PostgreSQL and SQLite alike. Nested windows of one list (`Windowed`) are
counted in one pass over the widest, with a filtered count per window.
"""

from dataclasses import dataclass
from datetime import date

from django.db import connection
from django.db.models import F, QuerySet


@dataclass(frozen=True)
class Windowed:
    """The rows of `rows` whose `day_field` falls on or before each last day, by name: `rows` is the widest
    window (it holds every row counted)."""

    rows: QuerySet
    day_field: str
    last_days: dict[str, date]


def counts(**wanted: QuerySet | Windowed) -> dict[str, int]:
    columns, names, sources = [], [], []
    column_params, source_params = [], []
    for name, value in wanted.items():
        if isinstance(value, Windowed):
            sql, params = value.rows.order_by().values(window_day=F(value.day_field)).query.sql_with_params()
            filtered = ", ".join(f"COUNT(*) FILTER (WHERE window_day <= %s) AS {key}" for key in value.last_days)
            sources.append(f"(SELECT {filtered} FROM ({sql}) AS {name}_rows) AS {name}")
            source_params += [day.isoformat() for day in value.last_days.values()] + list(params)
            columns += [f"{name}.{key}" for key in value.last_days]
            names += list(value.last_days)
        else:
            sql, params = value.order_by().values("pk").query.sql_with_params()
            columns.append(f"(SELECT COUNT(*) FROM ({sql}) AS {name})")
            column_params += params
            names.append(name)
    query = "SELECT " + ", ".join(columns) + (" FROM " + ", ".join(sources) if sources else "")
    with connection.cursor() as cursor:
        cursor.execute(query, column_params + source_params)
        return dict(zip(names, cursor.fetchone(), strict=True))
