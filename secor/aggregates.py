"""Aggregates the ORM lacks, computed by the database on PostgreSQL and on the SQLite of `make run` alike, so that a
report over the province sums its rows where they are rather than reading them all into Python."""

import statistics

from django.db.models import Aggregate

SQLITE_MEDIAN = "secor_median"


class Median(Aggregate):
    """The median of the expression over the rows, as `statistics.median` takes it (the mean of the middle two of an
    even count; None for no rows): PostgreSQL's PERCENTILE_CONT(0.5), and on SQLite, which has none, the function
    `register_sqlite_median` adds to each connection. A duration's median is a duration; a number's, a float."""

    name = "Median"
    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler, connection, function=SQLITE_MEDIAN, template="%(function)s(%(expressions)s)", **extra_context
        )


class _SqliteMedian:
    def __init__(self):
        self.values = []

    def step(self, value):
        if value is not None:
            self.values.append(value)

    def finalize(self):
        return statistics.median(self.values) if self.values else None


def register_sqlite_median(sender, connection, **kwargs) -> None:
    """`connection_created`: gives an SQLite connection the median `Median` asks it for."""
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate(SQLITE_MEDIAN, 1, _SqliteMedian)
