"""Figures over every company, kept company by company and brought up to date for the companies a write names.

A figure kept by its topics (secor.freshness) is counted again whole after any write to them: a course record
entered for one company recounts the roadmap stages of 20,000 (~90 ms). Yet that write changes only the one
company's share. So such a figure is kept as each company's share (how many of its rows the figure counts, or
the rows themselves), and every transaction that writes records, in a numbered log in the shared cache, the topics
it said and the companies it named (with those its change reaches, `secor.company_keep.REACHES`), at once and again
when it commits; then a worker computes its companies' shares of the figures registered with `compute_ahead` and
kept today, into that entry (the writer and the nightly job do not wait for it). A read takes the shares kept and
brings up to date those of the companies named since on its topics, as their latest entry computed them, or
computing them itself.

Each share is computed afresh, never adjusted by a difference, so two reads bringing the same shares up to date
at once agree, and a read that computed before a transaction committed is caught up by the entry of its commit.
The figure is counted whole again when the log cannot say what changed: a write to its topics naming no company
(a program setting, the catalogue), too many entries or companies since, an entry lost, a new day, or after
`KEPT_SECONDS` (for a write that says nothing, as every kept figure).
"""

import threading
import time
from collections.abc import Callable, Collection, Hashable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any
from uuid import uuid4

from django.core.cache import cache
from django.utils import timezone

from secor import company_keep, hooks
from secor.freshness import KEPT_SECONDS

# A map of each figure's name to each company's share: {"courses": {company id: 1, …}, …}, or its rows.
Shares = dict[Hashable, dict[int, Any]]
LAST_KEY = "company-changes:last"
# A figure is counted whole again this long after it was (each read brought up to date keeps it anew): within
# KEPT_SECONDS, so that a write that says nothing is seen as with every kept figure, and the shares kept beside
# the totals (for KEPT_SECONDS from then) are there for as long as the totals are read.
COUNTED_WHOLE_SECONDS = KEPT_SECONDS - 60
# The topics the log records: not the notices' ledger, whose every notice sent (hundreds a sweep) would be an entry
# while no figure kept company by company counts notices (`kept_by_company` refuses a figure reading it).
LOGGED_TOPICS = frozenset(hooks.Topic) - {hooks.Topic.NOTICES}
# Beyond these many entries or companies since a figure was kept, counting it whole is as quick.
MOST_ENTRIES = 200
MOST_COMPANIES = 300


def _entry_key(number: int) -> str:
    return f"company-changes:{number}"


def _first_number() -> int:
    """The log's numbers start from the time in microseconds: a log lost with its counter and begun again starts
    past every number a kept figure could hold, and so counts it whole."""
    return time.time_ns() // 1000


@dataclass(frozen=True)
class Key:
    """What a figure is kept under: its `name`, then what `more()` says it is kept for now (the day, the de-rolls
    due)."""

    name: str
    more: Callable[[], str]

    def __call__(self) -> str:
        return f"{self.name}:{self.more()}"


# The figures whose shares a write computes for the companies it names once it commits (`compute_ahead`), so that
# the reads that follow find them computed: the topics each reads, the key it is kept under now, its computation.
_AHEAD: list[tuple[Collection[hooks.Topic], Key, Callable[[Collection[int] | None], Shares]]] = []


def compute_ahead(
    *, topics: Collection[hooks.Topic], key: Key, compute: Callable[[Collection[int] | None], Shares]
) -> None:
    """Have every write to `topics` hand a worker its companies' shares of the figures kept under `key()` to compute
    once it commits (as their training summaries are computed again, training.summaries), so that the pages after a
    write read them computed."""
    if (topics, key, compute) not in _AHEAD:
        _AHEAD.append((topics, key, compute))


def _record(topics: frozenset[hooks.Topic], company_ids: Iterable[int]) -> int | None:
    """A new entry of the log: the number it was given (None when the cache cannot be reached)."""
    cache.add(LAST_KEY, _first_number(), timeout=None)
    try:
        number = cache.incr(LAST_KEY)
    except ValueError:  # the cache cannot be reached (or lost the counter meanwhile): nothing is kept either
        return None
    cache.set(_entry_key(number), (topics, frozenset(company_ids), None), timeout=KEPT_SECONDS)
    return number


class _Said(threading.local):
    """The topics the open transaction said, recorded together at its commit (a transaction that rolled back leaves
    its topics to the next one's entry: it is brought up to date for more than it changed, never less)."""

    def __init__(self):
        self.topics: set[hooks.Topic] = set()


_said = _Said()


def _recorded_at_commit(hand_off: Callable[[int, list[str], list[int]], object], company_ids: list[int]) -> None:
    """One entry for the transaction's writes, and one worker's computation of their companies' shares."""
    topics, _said.topics = frozenset(_said.topics), set()
    number = _record(topics, company_ids)
    if number is not None and 0 < len(company_ids) <= MOST_COMPANIES and _ahead(topics):
        hand_off(number, sorted(topics), list(company_ids))


def _ahead(topics: frozenset[hooks.Topic]) -> list[tuple[str, Callable[[Collection[int] | None], Shares]]]:
    """The figures registered with `compute_ahead` that read one of `topics` and were kept today, by the key they
    are kept under now: one nobody read today (the nightly job's writes, before the first page) is computed whole
    by the read that keeps it."""
    reading = [(key, compute) for reads, key, compute in _AHEAD if topics & set(reads)]
    marks = cache.get_many([_kept_mark(key.name) for key, _ in reading]) if reading else {}
    return [(key(), compute) for key, compute in reading if _kept_mark(key.name) in marks]


def _kept_mark(key: str) -> str:
    """Set beside a figure kept under `key` ("<its name>:…"), for its name and the day, to say it is kept today
    without reading it (or computing its key)."""
    return f"kept-mark:{key.split(':', 1)[0]}:{timezone.localdate().isoformat()}"


def shares_compute(number: int, topics: Collection[hooks.Topic], company_ids: Collection[int]) -> None:
    """The shares of the companies of entry `number` (recorded at a commit), of every figure registered with
    `compute_ahead` that reads one of `topics`, kept in the entry. Computed after the entry was numbered: an entry
    numbered after another holds shares computed after that one's commit."""
    topics = frozenset(topics)
    ahead = {key: compute(company_ids) for key, compute in _ahead(topics)}
    cache.set(_entry_key(number), (topics, frozenset(company_ids), ahead), timeout=KEPT_SECONDS)


def company_changed(change: hooks.Change, *, hand_off: Callable[[int, list[str], list[int]], object]) -> None:
    """Record what a write changed: its topic and companies (none for every company), now and once its transaction
    commits, when `hand_off` gives a worker the companies' shares to compute (secor.core's app gives it the task)."""
    company_ids = company_keep.companies_reached(change)
    _record(frozenset({change.topic}), company_ids)
    _said.topics.add(change.topic)
    company_keep.at_commit(_AT_COMMIT.setdefault(hand_off, partial(_recorded_at_commit, hand_off)), company_ids)


# One callable, so that a transaction's writes are recorded once at its commit, whatever their topics.
_AT_COMMIT: dict[Callable, Callable[[list[int]], None]] = {}


def kept_by_company(
    key: str, *, topics: Collection[hooks.Topic], compute: Callable[[Collection[int] | None], Shares]
) -> Shares:
    """Each company's share of each figure of `compute`: `compute(None)` gives every company's share (a company
    missing has none), `compute(ids)` those of these companies alone, each computed afresh. `key` names the
    figures and what else they are kept for (the day, the de-rolls due)."""
    _logged(topics)
    kept_key = f"kept-by-company:{key}"
    kept, last = _read(kept_key)
    if kept is not None and kept[1] == last:
        return kept[2]  # nothing written since
    shares = None
    counted = time.time()
    if kept is not None and (rows := _rows_since(kept[1], last, key, topics, compute)) is not None:
        counted, shares = kept[0], kept[2]
        for pk, row in rows.items():
            for name in shares.keys() | row.keys():
                by_company = shares.setdefault(name, {})
                by_company.pop(pk, None)
                if name in row:
                    by_company[pk] = row[name]
    if shares is None:
        shares = compute(None)
    if last is not None:
        cache.set_many({kept_key: (counted, last, shares), _kept_mark(key): True}, timeout=KEPT_SECONDS)
    return shares


def kept_totals_by_company(
    key: str, *, topics: Collection[hooks.Topic], compute: Callable[[Collection[int] | None], Shares]
) -> dict[Hashable, int]:
    """Each figure of `compute` summed over the companies, kept as `kept_by_company` keeps the shares but without
    reading every company's: the totals are kept with the shares they summed, each company's under a key of its
    own, and beside them the companies brought up to date since (each with its share summed and its share now), so
    a read after a write reads the shares of the companies it named alone. Counted whole again as the shares are,
    or when more than `MOST_COMPANIES` were brought up to date since."""
    _logged(topics)
    totals_key = f"kept-totals:{key}"
    kept, last = _read(totals_key)
    if kept is not None:
        counted, generation, number, totals, since = kept
        rows = _rows_since(number, last, key, topics, compute) if number != last else {}
        if rows is not None and len(since.keys() | rows.keys()) <= MOST_COMPANIES:
            summed = cache.get_many([_share_key(generation, pk) for pk in rows.keys() - since.keys()])
            since = since | {
                pk: (since[pk][0] if pk in since else summed.get(_share_key(generation, pk), {}), row)
                for pk, row in rows.items()
            }
            if number != last:
                cache.set_many(
                    {totals_key: (counted, generation, last, totals, since), _kept_mark(key): True},
                    timeout=KEPT_SECONDS,
                )
            totals = dict(totals)
            for summed_row, row in since.values():
                for name, share in summed_row.items():
                    totals[name] -= share
                for name, share in row.items():
                    totals[name] = totals.get(name, 0) + share
            return totals
    shares = compute(None)
    totals = {name: sum(by_company.values()) for name, by_company in shares.items()}
    if last is not None:
        generation = uuid4().hex
        kept = (time.time(), generation, last, totals, {})
        cache.set_many({totals_key: kept, _kept_mark(key): True}, timeout=KEPT_SECONDS)
        # After the totals: a company's share expires after them, never before.
        cache.set_many({_share_key(generation, pk): row for pk, row in _rows_of(shares).items()}, timeout=KEPT_SECONDS)
    return totals


def _logged(topics: Collection[hooks.Topic]) -> None:
    if unlogged := set(topics) - LOGGED_TOPICS:
        raise ValueError(f"The log does not record {sorted(unlogged)}: a figure reading them is not kept by company.")


def _share_key(generation: str, company_id: int) -> str:
    return f"kept-share:{generation}:{company_id}"


def _read(kept_key: str) -> tuple[object, int | None]:
    """What is kept under `kept_key` and the number of the log's last entry, read together before computing (a
    write meanwhile counts)."""
    found = cache.get_many([kept_key, LAST_KEY])
    last = found.get(LAST_KEY)
    if last is None and cache.add(LAST_KEY, _first_number(), timeout=None):
        last = cache.get(LAST_KEY)
    kept = found.get(kept_key)
    if kept is not None and time.time() - kept[0] > COUNTED_WHOLE_SECONDS:
        kept = None  # counted whole again, as every kept figure is within KEPT_SECONDS (a write that says nothing)
    return (kept, last) if last is not None else (None, None)


def _rows_of(shares: Shares) -> dict[int, dict[Hashable, Any]]:
    """The shares by company: {company id: {figure: its share}}."""
    rows: dict[int, dict[Hashable, Any]] = {}
    for name, by_company in shares.items():
        for pk, share in by_company.items():
            rows.setdefault(pk, {})[name] = share
    return rows


def _rows_since(number: int, last: int, key: str, topics, compute) -> dict[int, dict[Hashable, Any]] | None:
    """The shares now of each company named on `topics` after entry `number` (through `last`): as the latest entry
    naming it computed them ahead, or computed now. None when the log cannot say which companies changed."""
    if not 0 <= last - number <= MOST_ENTRIES:
        return None
    entries = cache.get_many([_entry_key(n) for n in range(number + 1, last + 1)])
    if len(entries) < last - number:
        return None
    latest: dict[int, Shares | None] = {}  # each company named: the shares its latest entry computed, if any
    for n in range(number + 1, last + 1):
        said, company_ids, ahead = entries[_entry_key(n)]
        if not said & set(topics):
            continue
        if not company_ids:
            return None
        latest |= dict.fromkeys(company_ids, (ahead or {}).get(key))
    if len(latest) > MOST_COMPANIES:
        return None
    if now := [pk for pk, ahead in latest.items() if ahead is None]:
        latest |= dict.fromkeys(now, compute(now))
    rows = {pk: {} for pk in latest}
    for pk, source in latest.items():
        for name, by_company in source.items():
            if pk in by_company:
                rows[pk][name] = by_company[pk]
    return rows
