"""Values kept per company (the sections of its page, its training chart's PDF) until a write names the company.

A company's kept values are found under a token of the company that every write naming it moves, through
secor.hooks (`company_changed`, registered for every topic by secor.core), and under today's date, as statuses
depend on today. A write that names no company (a program setting, a course, a user; the daily sweep's notices)
moves a token every company's keys hold. Like secor.freshness, the tokens move at once, for what the writer
reads next, and again when the transaction commits, for what another process computed meanwhile from the data as
it was; and a value is kept under the tokens read before it was computed, so one computed across a write is left
behind. Its own key per company is what the shared token of secor.freshness cannot give: a write to one company
leaves every other company's page kept.
"""

from collections.abc import Callable, Iterable
from functools import partial
from typing import TypeVar
from uuid import uuid4

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from secor.hooks import Change

T = TypeVar("T")
EVERY_COMPANY_KEY = "company-token:every"
# A write that says nothing (SQL typed by hand, the shell) is seen on a company's page within this long.
KEPT_SECONDS = 10 * 60


def _token_key(company_id: int) -> str:
    return f"company-token:{company_id}"


def _move(company_ids: frozenset[int]) -> None:
    if company_ids:
        cache.set_many({_token_key(company_id): uuid4().hex for company_id in company_ids}, timeout=None)
    else:
        cache.set(EVERY_COMPANY_KEY, uuid4().hex, timeout=None)


# Callbacks taking a Change and returning the ids of other companies whose kept values it changes, registered by
# the app that knows them (training's: a person designated by two companies counts for the first, TRN-2).
REACHES: list[Callable[[Change], Iterable[int]]] = []


def company_changed(change: Change) -> None:
    """What a write changed, for the values kept per company: its companies' tokens move (every company's when
    it names none), now and once its transaction commits."""
    company_ids = change.company_ids
    if company_ids:
        company_ids = company_ids.union(*(reach(change) for reach in REACHES))
    _move(company_ids)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(partial(_move, company_ids), robust=True)


def _tokens(company_id: int) -> str:
    keys = [EVERY_COMPANY_KEY, _token_key(company_id)]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            # The first reader sets it; another that raced it reads the winner's.
            token = uuid4().hex
            found[key] = token if cache.add(key, token, timeout=None) else cache.get(key) or token
    return ":".join(found[key] for key in keys)


def _keys(company_id: int, names: Iterable[str]) -> dict[str, str]:
    """Each name's key, read before the value is computed: a write meanwhile moves a token past it."""
    kept_under = f"{company_id}:{timezone.localdate().isoformat()}:{_tokens(company_id)}"
    return {name: f"company-kept:{name}:{kept_under}" for name in names}


def kept_for_company(
    company_id: int, names: Iterable[str], compute: Callable[[], dict[str, T]], *, seconds: int = KEPT_SECONDS
) -> dict[str, T]:
    """The values `names`, each kept under its name, the company, its tokens and today, or `compute()` (a dict by
    name) when any is missing, all read in one round trip. When the cache cannot be reached, every call computes."""
    keys = _keys(company_id, names)
    found = cache.get_many(list(keys.values()))
    if len(found) == len(keys):
        return {name: found[key] for name, key in keys.items()}
    values = compute()
    cache.set_many({key: values[name] for name, key in keys.items()}, timeout=seconds)
    return values


def keep_for_company(company_id: int, name: str, compute: Callable[[], T], *, seconds: int = KEPT_SECONDS) -> T:
    """`compute()` kept under `name` for the company, whatever was kept: a worker's work done ahead of a request."""
    key = _keys(company_id, [name])[name]
    value = compute()
    cache.set(key, value, timeout=seconds)
    return value
