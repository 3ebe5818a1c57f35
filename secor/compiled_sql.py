"""The SQL of a few queries that every page of a kind runs, built by the ORM once per process and then run
with new values. With PostgreSQL keeping each query's plan (settings: prepared statements), building and
compiling a query of several subqueries in the ORM takes longer than running it: the roadmap stages of a
page of the company list (~5 ms to 0.6) and a company's letters with its milestone dates (~2 ms to 0.3).

A query qualifies when what changes from one run to the next is the values of its last condition (a company,
the companies of a page) and the `shape` it is built for (a day, a count of ids). The first build is checked:
its last parameters must be the stand-in values it was given, or it raises rather than run with values in
the wrong places.
"""

import functools
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators

# Stand-ins for the values while the query is built: ids no table holds and no condition of ours compares to.
_STAND_IN = -987_654_321
Build = Callable[[Hashable, list], QuerySet]


def sql_built_once(build: Build, shape: Hashable, values: Sequence) -> tuple[str, list]:
    """The SQL and parameters of `build(shape, values)`, a queryset whose last parameters are `values`."""
    plan = _planned(build, shape, len(values))
    return plan.sql, [*plan.fixed, *values]


def objects_built_once(build: Build, shape: Hashable, values: Sequence) -> list[Model]:
    """The model instances of `build(shape, values)`, as the ORM gives them (what it selects with them, its
    annotations), its SQL and how to read its rows built once: for a query of every request (the signed-in user)."""
    plan = _planned(build, shape, len(values))
    connection = connections[plan.db]
    with connection.cursor() as cursor:
        cursor.execute(plan.sql, [*plan.fixed, *values])
        rows = cursor.fetchall()
    objects = []
    for row in rows:
        row = list(row)
        for position, (converters, expression) in plan.converters.items():  # as the ORM converts the columns
            for converter in converters:
                row[position] = converter(row[position], expression, connection)
        instance = plan.model.from_db(plan.db, plan.fields, row[plan.start : plan.end])
        for populator in plan.related:
            populator.populate(row, instance)
        for name, position in plan.annotations.items():
            setattr(instance, name, row[position])
        objects.append(instance)
    return objects


@dataclass(frozen=True)
class _Plan:
    """A query's SQL with its parameters before the values, and what the ORM reads its rows with."""

    sql: str
    fixed: tuple
    db: str
    model: type[Model]
    start: int  # the model's own columns: row[start:end], the attribute names `fields`
    end: int
    fields: list[str]
    related: list[Any]  # Django's populators of what the query selects with the model
    annotations: dict[str, int]
    converters: dict[int, tuple[list, Any]]


@functools.lru_cache(maxsize=256)
def _planned(build: Build, shape: Hashable, count: int) -> _Plan:
    stand_ins = [_STAND_IN - n for n in range(count)]
    queryset = build(shape, stand_ins)
    compiler = queryset.query.get_compiler(using=queryset.db)
    sql, params = compiler.as_sql()  # which also sets what the rows are read with (select, klass_info)
    fixed, last = params[: len(params) - count], params[len(params) - count :]
    if list(last) != stand_ins:
        raise ValueError(f"{build.__qualname__}: the values given are not the query's last parameters")
    select, klass_info = compiler.select, compiler.klass_info
    if klass_info is None:  # values() or values_list(): only the SQL is used
        return _Plan(sql, tuple(fixed), queryset.db, queryset.model, 0, 0, [], [], {}, {})
    columns = klass_info["select_fields"]
    start, end = columns[0], columns[-1] + 1
    return _Plan(
        sql,
        tuple(fixed),
        queryset.db,
        klass_info["model"],
        start,
        end,
        [column[0].target.attname for column in select[start:end]],
        get_related_populators(klass_info, select, queryset.db),
        dict(compiler.annotation_col_map),
        compiler.get_converters([column[0] for column in select[: compiler.col_count]]),
    )
