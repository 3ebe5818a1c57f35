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

from django.db.models import QuerySet

# Stand-ins for the values while the query is built: ids no table holds and no condition of ours compares to.
_STAND_IN = -987_654_321


def sql_built_once(build: Callable[[Hashable, list], QuerySet], shape: Hashable, values: Sequence) -> tuple[str, list]:
    """The SQL and parameters of `build(shape, values)`, a queryset whose last parameters are `values`."""
    sql, fixed = _built(build, shape, len(values))
    return sql, [*fixed, *values]


@functools.lru_cache(maxsize=256)
def _built(build: Callable[[Hashable, list], QuerySet], shape: Hashable, count: int) -> tuple[str, tuple]:
    stand_ins = [_STAND_IN - n for n in range(count)]
    sql, params = build(shape, stand_ins).query.sql_with_params()
    fixed, last = params[: len(params) - count], params[len(params) - count :]
    if list(last) != stand_ins:
        raise ValueError(f"{build.__qualname__}: the values given are not the query's last parameters")
    return sql, tuple(fixed)
