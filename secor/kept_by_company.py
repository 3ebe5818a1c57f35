"""Figures over every company, kept company by company and brought up to date for the companies a write names.

A figure kept by its topics (secor.freshness) is counted again whole after any write to them: a course record
entered for one company recounts the roadmap stages of 20,000 (~90 ms). Yet that write changes only the one
company's share. So such a figure is kept as each company's share (how many of its rows the figure counts), and
every write records, in a numbered log in the shared cache, its topic and the companies it names (with those its
change reaches, `secor.company_keep.REACHES`), at once and again when its transaction commits, and then computes
its companies' shares of the figures registered with `compute_ahead`, kept in its entry. A read takes the shares
kept, brings up to date those of the companies named since on its topics (as their latest entry computed them, or
computing them itself), and sums them.

Each share is computed afresh, never adjusted by a difference, so two reads bringing the same shares up to date
at once agree, and a read that computed before a transaction committed is caught up by the entry of its commit.
The figure is counted whole again when the log cannot say what changed: a write to its topics naming no company
(a program setting, the catalogue), too many entries or companies since, an entry lost, a new day, or after
`KEPT_SECONDS` (for a write that says nothing, as every kept figure).
"""

import time
from collections.abc import Callable, Collection, Iterable
from functools import partial

from django.core.cache import cache

from secor import company_keep, hooks
from secor.freshness import KEPT_SECONDS

# A map of each figure's name to each company's share: {"courses": {company id: 1, …}, …}.
Shares = dict[str, dict[int, int]]
LAST_KEY = "company-changes:last"
# Beyond these many entries or companies since a figure was kept, counting it whole is as quick.
MOST_ENTRIES = 200
MOST_COMPANIES = 300


def _entry_key(number: int) -> str:
    return f"company-changes:{number}"


def _first_number() -> int:
    """The log's numbers start from the time in microseconds: a log lost with its counter and begun again starts
    past every number a kept figure could hold, and so counts it whole."""
    return time.time_ns() // 1000


# The figures whose shares a write computes for the companies it names once it commits (`compute_ahead`), so that
# the reads that follow find them computed: the topics each reads, the key it is kept under now, its computation.
_AHEAD: list[tuple[Collection[hooks.Topic], Callable[[], str], Callable[[Collection[int] | None], Shares]]] = []


def compute_ahead(
    *, topics: Collection[hooks.Topic], key: Callable[[], str], compute: Callable[[Collection[int] | None], Shares]
) -> None:
    """Have every write to `topics` compute its companies' shares of the figures kept under `key()` once it
    commits (as a write computes its companies' training summaries again, training.summaries): the write pays for
    what it changed, and the pages read it."""
    if (topics, key, compute) not in _AHEAD:
        _AHEAD.append((topics, key, compute))


def _record(topic: hooks.Topic, company_ids: Iterable[int], *, committed: bool = False) -> None:
    cache.add(LAST_KEY, _first_number(), timeout=None)
    try:
        number = cache.incr(LAST_KEY)
    except ValueError:  # the cache cannot be reached (or lost the counter meanwhile): nothing is kept either
        return
    company_ids = frozenset(company_ids)
    cache.set(_entry_key(number), (topic, company_ids, None), timeout=KEPT_SECONDS)
    if committed and 0 < len(company_ids) <= MOST_COMPANIES:
        # Numbered before computing: an entry numbered after another was computed after that one's commit.
        ahead = {key(): compute(company_ids) for topics, key, compute in _AHEAD if topic in topics}
        if ahead:
            cache.set(_entry_key(number), (topic, company_ids, ahead), timeout=KEPT_SECONDS)


# One callable per topic, so that a transaction's writes to a topic are recorded once at its commit.
_AT_COMMIT = {topic: partial(_record, topic, committed=True) for topic in hooks.Topic}


def company_changed(change: hooks.Change) -> None:
    """Record what a write changed: its topic and companies (none for every company), now and at the commit (then
    with the shares computed ahead)."""
    company_ids = company_keep.companies_reached(change)
    _record(change.topic, company_ids)
    company_keep.at_commit(_AT_COMMIT[change.topic], company_ids)


def kept_by_company(
    key: str, *, topics: Collection[hooks.Topic], compute: Callable[[Collection[int] | None], Shares]
) -> dict[str, int]:
    """Each figure of `compute` summed over the companies: `compute(None)` gives every company's share (a company
    missing counts 0), `compute(ids)` those of these companies alone, each computed afresh. `key` names the
    figures and what else they are kept for (the day, the de-rolls due)."""
    kept_key = f"kept-by-company:{key}"
    found = cache.get_many([kept_key, LAST_KEY])  # the log's end read before computing: a write meanwhile counts
    last = found.get(LAST_KEY)
    if last is None and cache.add(LAST_KEY, _first_number(), timeout=None):
        last = cache.get(LAST_KEY)
    shares = _caught_up(found.get(kept_key), key, last, topics, compute)
    if shares is None:
        shares = compute(None)
    if last is not None:
        cache.set(kept_key, (last, shares), timeout=KEPT_SECONDS)
    return {name: sum(by_company.values()) for name, by_company in shares.items()}


def _caught_up(kept, key: str, last: int | None, topics, compute) -> Shares | None:
    """The shares kept, with those of the companies named since on `topics` brought up to date: as the latest
    entry naming each computed them ahead, or computed now; None when the log cannot say which companies changed."""
    if kept is None or last is None or not 0 <= last - kept[0] <= MOST_ENTRIES:
        return None
    number, shares = kept
    entries = cache.get_many([_entry_key(n) for n in range(number + 1, last + 1)])
    if len(entries) < last - number:
        return None
    latest: dict[int, Shares | None] = {}  # each company named: the shares its latest entry computed, if any
    for n in range(number + 1, last + 1):
        topic, company_ids, ahead = entries[_entry_key(n)]
        if topic not in topics:
            continue
        if not company_ids:
            return None
        latest |= dict.fromkeys(company_ids, (ahead or {}).get(key))
    if len(latest) > MOST_COMPANIES:
        return None
    if now := [pk for pk, ahead in latest.items() if ahead is None]:
        computed = compute(now)
        latest |= dict.fromkeys(now, computed)
    for pk, source in latest.items():
        for name in shares.keys() | source.keys():
            by_company = shares.setdefault(name, {})
            by_company.pop(pk, None)
            if pk in source.get(name, {}):
                by_company[pk] = source[name][pk]
    return shares
