"""Several counts in one round trip: the navigation counts three queues on every staff page.

Each queryset is compiled by the ORM (so scopes and filters stay where they are written) and counted as a
scalar subquery of one SELECT, on PostgreSQL and SQLite alike.
"""

from django.db import connection
from django.db.models import QuerySet


def counts(**querysets: QuerySet) -> dict[str, int]:
    parts, params = [], []
    for name, queryset in querysets.items():
        sql, query_params = queryset.order_by().values("pk").query.sql_with_params()
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS {name})")
        params.extend(query_params)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        return dict(zip(querysets, cursor.fetchone(), strict=True))
