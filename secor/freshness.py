"""Figures over the whole program, kept until SECOR's data changes.

The staff dashboard counts 20,000 companies in a dozen ways; every program administrator opens it all day,
and between two writes they all see the same figures. So a figure is kept in the shared cache under a token
that every write moves on: every INSERT, UPDATE or DELETE that changes a row, in any process (a page, a
Celery task, the daily sweep, the admin, a management command), whatever model or queryset wrote it. A kept
figure is therefore never older than the last write, and one computed over a transaction that had not
committed yet is left behind when the transaction commits (the token moves again then).

Statuses depend on today (DOMAIN's principle): a kept figure is kept for the day it was computed on.
"""

from collections.abc import Callable
from datetime import date
from typing import TypeVar
from uuid import uuid4

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

T = TypeVar("T")
TOKEN_KEY = "secor:data-token"
# A write that does not pass through Django (SQL typed by hand) is seen within this long.
KEPT_SECONDS = 10 * 60
WRITES = frozenset({"INSERT", "UPDATE", "DELETE"})
# Written by reading pages (a session's sliding end) and read by no kept figure.
UNWATCHED_TABLES = frozenset({'"django_session"'})


def data_changed() -> None:
    cache.set(TOKEN_KEY, uuid4().hex, timeout=None)


def _data_token() -> str:
    token = cache.get(TOKEN_KEY)
    if token is None:
        token = uuid4().hex
        if not cache.add(TOKEN_KEY, token, timeout=None):
            token = cache.get(TOKEN_KEY) or token
    return token


def kept_until_data_changes(key: str, compute: Callable[[], T]) -> T:
    """`compute()`, or what it returned today since the last write to SECOR's data. When the cache cannot be
    reached, every call computes (each reads a new token)."""
    kept_key = f"kept:{key}:{timezone.localdate().isoformat()}:{_data_token()}"
    value = cache.get(kept_key)
    if value is None:
        value = compute()
        cache.set(kept_key, value, timeout=KEPT_SECONDS)
    return value


def unless_nothing_changed(key: str, today: date, refresh: Callable[[], int]) -> int:
    """`refresh()`, a search for what the passing of days or a write made stale that returns how many rows it
    changed; skipped when it changed nothing earlier on `today` and nothing was written since."""
    token = _data_token()  # read before the search: a write during it leaves the mark behind
    done_key = f"refreshed:{key}:{today.isoformat()}"
    if cache.get(done_key) == token:
        return 0
    changed = refresh()
    if changed == 0:
        cache.set(done_key, token, timeout=KEPT_SECONDS)
    return changed


def _table_written(sql: str) -> str | None:
    """The table an INSERT, UPDATE or DELETE writes, as quoted in the statement; None for any other."""
    head = sql[:200].lstrip()
    verb = head[:6].upper()
    if verb not in WRITES:  # most statements, at the cost of a slice
        return None
    words = head.split(None, 3)  # INSERT INTO "t" …, UPDATE "t" SET …, DELETE FROM "t" …
    position = 1 if verb == "UPDATE" else 2
    return words[position] if len(words) > position else ""


def _note_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    table = _table_written(sql)
    # A statement that changed no row (a refresh of what is already current) changes no figure.
    if table is not None and table not in UNWATCHED_TABLES and context["cursor"].rowcount != 0:
        connection = context["connection"]
        # Now, for what this transaction reads next; and at its commit, for what others read meanwhile.
        data_changed()
        if connection.in_atomic_block and not any(
            callback is data_changed for _, callback, _ in connection.run_on_commit
        ):
            transaction.on_commit(data_changed, using=connection.alias, robust=True)
    return result


def watch_writes(sender, connection, **kwargs) -> None:
    """On every new database connection (the `connection_created` signal): note its writes. First in the
    list, so a wrapper added and removed around it later (`connection.execute_wrapper`) leaves it in place."""
    if _note_writes not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, _note_writes)
