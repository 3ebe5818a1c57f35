"""Values kept per company (the sections of its page, its training chart page and PDF) until a write names it.

A company's kept values are kept under today's date (statuses depend on today) with the company's tokens as they
were before the values were computed, and read only while those are current. Every write naming the company moves
its token, through secor.hooks (`company_changed`, registered for every topic by secor.core); a write that names
no company (a program setting, a course, a user; the daily sweep's notices) moves the token of every company. Like
secor.freshness, the tokens move at once, for what the writer reads next, and again when the transaction commits,
for what another process computed meanwhile from the data as it was. A token per company is what the one token
of secor.freshness cannot give: a write to one company leaves every other company's page kept. The tokens are
read with the values, in one round trip.
"""

import hashlib
import threading
from collections.abc import Callable, Iterable
from typing import TypeVar
from uuid import uuid4

from django.core.cache import cache
from django.db import transaction
from django.middleware.csrf import get_token
from django.utils import timezone

from secor.hooks import Change

T = TypeVar("T")
EVERY_COMPANY_KEY = "company-token:every"
# A write that says nothing (SQL typed by hand, the shell) is seen on a company's page within this long.
KEPT_SECONDS = 10 * 60


def _token_key(company_id: int) -> str:
    return f"company-token:{company_id}"


def _move(company_ids: Iterable[int]) -> None:
    if company_ids:
        cache.set_many({_token_key(company_id): uuid4().hex for company_id in company_ids}, timeout=None)
    else:
        cache.set(EVERY_COMPANY_KEY, uuid4().hex, timeout=None)


# Callbacks taking a Change and returning the ids of other companies whose kept values it changes, registered by
# the app that knows them (training's: a person designated by two companies counts for the first, TRN-2).
REACHES: list[Callable[[Change], Iterable[int]]] = []


def companies_reached(change: Change) -> frozenset[int]:
    """The companies whose kept values a write changed: those it names and those its change reaches; none for
    every company."""
    company_ids = change.company_ids
    if company_ids:
        company_ids = company_ids.union(*(reach(change) for reach in REACHES))
    return company_ids


def company_changed(change: Change) -> None:
    """What a write changed, for the values kept per company: its companies' tokens move (every company's when
    it names none), now and once its transaction commits."""
    company_ids = companies_reached(change)
    _move(company_ids)
    at_commit(_move, company_ids)


class _Flush:
    """`run` given the companies gathered for it, at the commit (named: Django logs a robust callback's failure by
    its name)."""

    def __init__(self, run: Callable[[list[int]], object]):
        self.run = run
        self.__qualname__ = f"at_commit({getattr(run, '__qualname__', run)})"

    def __call__(self) -> None:
        _, company_ids = _pending.waiting.pop(self.run, (None, None))
        self.run(sorted(company_ids or ()))


class _Pending(threading.local):
    def __init__(self):
        # Each callback of the open transaction: the flush registered for it, and what it is to be given (the
        # companies, or None for every company).
        self.waiting: dict[Callable, tuple[_Flush, set[int] | None]] = {}


_pending = _Pending()


def at_commit(run: Callable[[list[int]], object], company_ids: Iterable[int]) -> None:
    """`run(the companies' ids)` once the current transaction commits, once however many writes of it call this:
    with the companies of them all, or none (every company) when one named none. Outside a transaction, at once.
    Robust: a cache or a broker that cannot be reached must not fail a write that is already committed."""
    flush, pending = _pending.waiting.get(run, (None, set()))
    registered = flush is not None and any(
        callback is flush for _, callback, _ in transaction.get_connection().run_on_commit
    )
    if not registered:  # the first call of this transaction (an earlier one's flush ran, or it rolled back)
        flush, pending = _Flush(run), set()
    _pending.waiting[run] = (flush, pending | set(company_ids) if pending is not None and company_ids else None)
    if not registered:
        transaction.on_commit(flush, robust=True)


def _keys(company_id: int, names: Iterable[str], variant: str) -> dict[str, str]:
    day = timezone.localdate().isoformat()
    return {name: f"company-kept:{name}:{company_id}:{variant}:{day}" for name in names}


def _keys_by_company(company_ids: list[int], name: str, variant: str) -> dict[int, str]:
    return {company_id: _keys(company_id, [name], variant)[name] for company_id in company_ids}


def _read_many(company_ids: Iterable[int], keys: Iterable[str]) -> tuple[dict[int, str], dict]:
    """Each company's tokens and what is kept under `keys`, in one round trip. A value is kept with the tokens read
    before it was computed, and is current only while they are: a write meanwhile moved one past it."""
    company_ids = list(company_ids)
    token_keys = [EVERY_COMPANY_KEY, *map(_token_key, company_ids)]
    found = cache.get_many([*token_keys, *keys])
    for key in token_keys:
        if key not in found:
            # The first reader sets it; another that raced it reads the winner's.
            token = uuid4().hex
            found[key] = token if cache.add(key, token, timeout=None) else cache.get(key) or token
    every = found.pop(EVERY_COMPANY_KEY)
    return {company_id: f"{every}:{found.pop(_token_key(company_id))}" for company_id in company_ids}, found


def _read(company_id: int, keys: Iterable[str]) -> tuple[str, dict]:
    tokens, found = _read_many([company_id], keys)
    return tokens[company_id], found


def kept_for_company(
    company_id: int,
    names: Iterable[str],
    compute: Callable[[], dict[str, T]],
    *,
    variant: str = "",
    seconds: int = KEPT_SECONDS,
) -> dict[str, T]:
    """The values `names` kept for the company today (`variant`: what else they differ by, such as who reads them),
    or `compute()` (a dict by name) when any is missing or was kept before a write to the company. When the cache
    cannot be reached, every call computes."""
    keys = _keys(company_id, names, variant)
    tokens, found = _read(company_id, keys.values())
    current = {name: found[key][1] for name, key in keys.items() if key in found and found[key][0] == tokens}
    if len(current) == len(keys):
        return current
    values = compute()
    cache.set_many({key: (tokens, values[name]) for name, key in keys.items()}, timeout=seconds)
    return values


def kept_for_companies(
    company_ids: Iterable[int],
    name: str,
    compute: Callable[[list[int]], dict[int, T]],
    *,
    variant: str = "",
    seconds: int = KEPT_SECONDS,
) -> dict[int, T]:
    """The value `name` kept today for each of the companies (a row of a list each), by company id: one round trip
    for them all, and `compute(ids)` (a dict by company id) for those missing or kept before a write to them."""
    company_ids = list(company_ids)
    keys = _keys_by_company(company_ids, name, variant)
    tokens, found = _read_many(company_ids, keys.values())
    values = {
        company_id: found[key][1]
        for company_id, key in keys.items()
        if key in found and found[key][0] == tokens[company_id]
    }
    if missing := [company_id for company_id in company_ids if company_id not in values]:
        values |= _computed_and_kept(missing, tokens, keys, compute, seconds)
    return values


def _computed_and_kept(company_ids, tokens: dict[int, str], keys: dict[int, str], compute, seconds: int) -> dict:
    """`compute(company_ids)`, each company's value kept with its tokens as they were read before computing."""
    computed = compute(company_ids)
    cache.set_many({keys[pk]: (tokens[pk], computed[pk]) for pk in company_ids if pk in computed}, timeout=seconds)
    return computed


def keep_for_companies(
    company_ids: Iterable[int],
    name: str,
    compute: Callable[[list[int]], dict[int, T]],
    *,
    seconds: int = KEPT_SECONDS,
) -> dict[int, T]:
    """`compute(ids)` (a dict by company id) kept under `name` for each of the companies, whatever was kept: a
    worker's work done ahead of the requests after a write (`ahead_of_reads`)."""
    company_ids = list(company_ids)
    keys = _keys_by_company(company_ids, name, "")
    tokens, _ = _read_many(company_ids, [])
    return _computed_and_kept(company_ids, tokens, keys, compute, seconds)


def ahead_of_reads(change: Change, *, run: Callable[[list[int]], object]) -> None:
    """A listener of secor.hooks: `run(the ids)` of the companies a write names once its transaction commits (once
    per transaction however many changes it says), to keep their values ahead of the requests that follow (a
    worker: the app gives its task's `delay`). A write naming none leaves the values to be computed as read."""
    if change.company_ids:
        at_commit(run, change.company_ids)


def viewer_variant(request) -> str:
    """Whom a company's rendered HTML is kept for: the person, as what it shows (rule ids, forms, links) depends on
    the role and its forms hold the person's CSRF token, good for as long as the secret it is made from (signing in
    makes a new one, and with it new HTML). So kept HTML is served as it was rendered, never rewritten."""
    get_token(request)  # the person's secret, made now if they have none yet
    secret = hashlib.sha256(request.META["CSRF_COOKIE"].encode()).hexdigest()[:16]
    return f"{request.user.pk}:{secret}"
