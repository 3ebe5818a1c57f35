"""Figures over the whole program, kept until what they are read from changes.

The staff dashboard counts 20,000 companies in a dozen ways; every program administrator opens it all day,
and between two writes they all see the same figures. So a figure is kept in the shared cache under the tokens
of the topics it is read from (secor.hooks.Topic): a write says what it changed through secor.hooks, which moves
that topic's token at once and again when the write's transaction commits (secor.core's app registers
`topic_changed` for each topic). A kept figure is therefore never older than the last write to its topics, one
computed over a transaction that had not committed yet is left behind when the transaction commits, and a write
to another topic leaves it in place: saving a training record does not recount the notices. Every write also
moves the token of any write, for what follows everything (`kept_until_data_changes`, `unless_nothing_changed`).

Statuses depend on today (DOMAIN's principle): a kept figure is kept for the day it was computed on.
"""

import hashlib
from collections.abc import Callable, Hashable, Iterable
from datetime import date
from typing import TypeVar
from uuid import uuid4

from django.core.cache import cache
from django.utils import timezone

T = TypeVar("T")
TOKEN_KEY = "secor:data-token"  # moved by a write to any topic
# A write that says nothing (SQL typed by hand, the shell, a data migration) is seen within this long.
KEPT_SECONDS = 10 * 60


def _topic_key(topic: str) -> str:
    return f"{TOKEN_KEY}:{topic.replace(' ', '-')}"


def topic_changed(topic: str) -> None:
    """A write to `topic`: its token and the token of any write move on, in one round trip."""
    token = uuid4().hex
    cache.set_many({_topic_key(topic): token, TOKEN_KEY: token}, timeout=None)


def _tokens(keys: list[str]) -> list[str]:
    """The current token of each key, in one round trip; one never set (or lost with the cache) starts now."""
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            token = uuid4().hex
            found[key] = token if cache.add(key, token, timeout=None) else cache.get(key) or token
    return [found[key] for key in keys]


def _digests(token_keys_of_each: list[list[str]]) -> list[str]:
    """For each list of token keys, a digest of their current tokens: all of them read in one round trip."""
    keys = sorted({key for token_keys in token_keys_of_each for key in token_keys})
    tokens = dict(zip(keys, _tokens(keys), strict=True))
    return [
        hashlib.blake2b("".join(tokens[key] for key in token_keys).encode()).hexdigest()[:32]
        for token_keys in token_keys_of_each
    ]


def _kept(wanted: dict[str, tuple[list[str], Callable[[], T]]]) -> dict[str, T]:
    """Each `compute()` of `wanted` (by key: the token keys it follows, and the computation), or what it returned
    today under the same tokens: three round trips to the cache however many are wanted."""
    today = timezone.localdate().isoformat()
    digests = _digests([token_keys for token_keys, _ in wanted.values()])
    kept_keys = {key: f"kept:{key}:{today}:{digest}" for key, digest in zip(wanted, digests, strict=True)}
    found = cache.get_many(list(kept_keys.values()))
    computed = {kept_keys[key]: compute() for key, (_, compute) in wanted.items() if kept_keys[key] not in found}
    if computed:
        cache.set_many(computed, timeout=KEPT_SECONDS)
    return {key: found[kept_key] if kept_key in found else computed[kept_key] for key, kept_key in kept_keys.items()}


def kept_until_changed(wanted: dict[str, tuple[Iterable[str], Callable[[], T]]]) -> dict[str, T]:
    """For each key of `wanted`, its `compute()`, or what that returned today since the last write to any of its
    topics (the topics of everything it reads). When the cache cannot be reached, every one computes (each
    reads new tokens)."""
    return _kept(
        {key: ([_topic_key(topic) for topic in sorted(topics)], compute) for key, (topics, compute) in wanted.items()}
    )


def kept_each_until_changed(
    name: str, keys: Iterable[Hashable], topics: Iterable[str], compute: Callable[[list], dict[Hashable, T]]
) -> dict[Hashable, T]:
    """The value of each of `keys` (the rows of a list page, each rendered alone), by key: those kept today since the
    last write to `topics`, and `compute(the others)` (a dict by key) for the rest, kept in turn. A page of rows is
    then rendered once for as long as nothing it shows changes, whichever page of the list they were first on."""
    keys = list(keys)
    [digest] = _digests([[_topic_key(topic) for topic in sorted(topics)]])
    kept_keys = {key: f"kept-each:{name}:{timezone.localdate().isoformat()}:{digest}:{key}" for key in keys}
    found = cache.get_many(list(kept_keys.values()))
    values = {key: found[kept_key] for key, kept_key in kept_keys.items() if kept_key in found}
    if missing := [key for key in keys if key not in values]:
        computed = compute(missing)
        cache.set_many({kept_keys[key]: computed[key] for key in missing}, timeout=KEPT_SECONDS)
        values |= computed
    return values


def kept_until_data_changes(key: str, compute: Callable[[], T]) -> T:
    """`compute()`, or what it returned today since the last write to SECOR's data, whatever its topic."""
    return _kept({key: ([TOKEN_KEY], compute)})[key]


def unless_nothing_changed(
    key: str, today: date, refresh: Callable[[], int], *, topics: Iterable[str] | None = None
) -> int:
    """`refresh()`, a search for what the passing of days or a write made stale that returns how many rows it
    changed; skipped when it changed nothing earlier on `today` and nothing was written since (to `topics`, when
    only writes to them make anything stale)."""
    token_keys = [TOKEN_KEY] if topics is None else [_topic_key(topic) for topic in sorted(topics)]
    token = "".join(_tokens(token_keys))  # read before the search: a write during it leaves the mark behind
    done_key = f"refreshed:{key}:{today.isoformat()}"
    if cache.get(done_key) == token:
        return 0
    changed = refresh()
    if changed == 0:
        cache.set(done_key, token, timeout=KEPT_SECONDS)
    return changed


def unless_done_since_changed(key: str, *, today: date, topics: Iterable[str], work: Callable[[], None]) -> bool:
    """`work()`, a search whose result follows from `topics` and the day alone, skipped when it ran to its end
    earlier on `today` and nothing was written to `topics` since. Returns whether it ran."""
    token = hashlib.blake2b("".join(_tokens([_topic_key(topic) for topic in sorted(topics)])).encode()).hexdigest()
    done_key = f"done:{key}:{today.isoformat()}"  # the tokens are read before the work: a write during it counts
    if cache.get(done_key) == token:
        return False
    work()
    cache.set(done_key, token, timeout=KEPT_SECONDS)
    return True


def kept_as_shown(key: str, shown: object, render: Callable[[], T]) -> T:
    """`render()`, made of `shown` alone (its repr holds every value it shows), kept under a digest of it and today:
    new values are a new key, so no write makes it stale (a page's figures, kept by their topics, rendered once
    for as long as they stay the same)."""
    digest = hashlib.blake2b(repr(shown).encode(), digest_size=16).hexdigest()
    kept_key = f"shown:{key}:{timezone.localdate().isoformat()}:{digest}"
    rendered = cache.get(kept_key)
    if rendered is None:
        rendered = render()
        cache.set(kept_key, rendered, timeout=KEPT_SECONDS)
    return rendered
