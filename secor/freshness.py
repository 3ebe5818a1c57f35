"""Figures over the whole program, kept until SECOR's data changes.

The staff dashboard counts 20,000 companies in a dozen ways; every program administrator opens it all day,
and between two writes they all see the same figures. So a figure is kept in the shared cache under a token
that every write moves on: whatever a write changed, it says so through secor.hooks, which moves the token at
once and again when the write's transaction commits (secor.core's app registers `data_changed` for every
topic). A kept figure is therefore never older than the last write, and one computed over a transaction that
had not committed yet is left behind when the transaction commits.

Statuses depend on today (DOMAIN's principle): a kept figure is kept for the day it was computed on.
"""

from collections.abc import Callable
from datetime import date
from typing import TypeVar
from uuid import uuid4

from django.core.cache import cache
from django.utils import timezone

T = TypeVar("T")
TOKEN_KEY = "secor:data-token"
# A write that says nothing (SQL typed by hand, the shell, a data migration) is seen within this long.
KEPT_SECONDS = 10 * 60


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
