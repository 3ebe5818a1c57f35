"""Where a write says what changed, and where everything kept for speed learns it (docs/kept-values.md).

A service that writes calls `changed(Topic.…, company_ids=…)` inside its transaction; nothing else makes a kept
value stale. Each kept value registers, from its own app's `ready()`, how it follows the topics it derives from,
so this lowest layer never imports the apps above it:

- `on_change`: kept rows in the database (a company's headcount, its training summary) are rewritten or
  forgotten at once, inside the writer's transaction, so they change together with their source or not at all;
- `forget_on_change`: kept copies outside the database (the shared cache, a request's memo) are forgotten at
  once, for what the writer reads next, and again once its transaction commits, for what another process
  computed from the data as it was meanwhile (otherwise kept as if current);
- `after_commit`: work handed to a worker, which must read the change, once the transaction has committed.

The three hooks below the topics are not about kept values: two let a lower app's write set off a higher app's
own writes (a registration issues the first milestone letter; the daily sweep settles expired letters), and the
third lets a higher app tell the reads of lower ones what its rules decide today and its nightly job has not
recorded yet (MIL-3's de-rolls), so that no page waits for the job and no request writes for it.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from django.db import transaction

from secor.request_memo import once_per_request


class Topic(StrEnum):
    """What a write changed. A kept value names the topics it is derived from."""

    PROGRAM_SETTINGS = "program settings"  # SCSA's decisions that every rule reads
    ACCOUNTS = "accounts"  # people's logins, roles and whether they are active
    NOTICES = "notices"  # the notice ledger
    REVIEWS = "reviews"  # a submission's review: submitted, accepted, returned
    COMPANY_STATUS = "company status"  # applied, registered, declined, de-rolled, left the program
    COMPANY = "company"  # a company's details, people, auditors, questions and COR hand-off
    ROSTER = "roster"  # a company's employees
    CATALOGUE = "course catalogue"  # courses and their equivalents
    TRAINING = "training"  # course records, proficiency submissions, trained employees
    AUDITS = "audits"  # manuals, audit requests, audits, certificates, maintenance, invoices, the audit tool
    MILESTONES = "milestones"  # milestone letters


@dataclass(frozen=True)
class Change:
    topic: Topic
    # The companies whose records changed; none when no company's own (a program setting, a user) or too many
    # to name (the daily sweep's notices): a listener to such a topic follows it whole.
    company_ids: frozenset[int]
    # The people whose records changed, before and after the change, lower-cased: a person is recognised
    # across companies by email (TRN-2).
    emails: frozenset[str]


_on_change: dict[Topic, list[Callable[[Change], None]]] = {topic: [] for topic in Topic}
_forget_on_change: dict[Topic, list[Callable[[], None]]] = {topic: [] for topic in Topic}
_after_commit: dict[Topic, list[Callable[[], None]]] = {topic: [] for topic in Topic}


def _add(registry: dict[Topic, list[Callable]], topics: Iterable[Topic], listener: Callable) -> None:
    for topic in topics:
        if listener not in registry[topic]:
            registry[topic].append(listener)


def on_change(*topics: Topic, listener: Callable[[Change], None]) -> None:
    _add(_on_change, topics, listener)


def forget_on_change(*topics: Topic, forget: Callable[[], None]) -> None:
    _add(_forget_on_change, topics, forget)


def after_commit(*topics: Topic, run: Callable[[], None]) -> None:
    _add(_after_commit, topics, run)


def invalidations() -> set[Callable]:
    """What makes kept values stale, whatever its topics: a test checks that nothing else calls it."""
    return {listener for registry in (_on_change, _forget_on_change) for kept in registry.values() for listener in kept}


def changed(topic: Topic, *, company_ids: Iterable[int] = (), emails: Iterable[str] = ()) -> None:
    """Say what a write changed; call it inside the write's transaction, after the write."""
    change = Change(topic, frozenset(company_ids), frozenset(email.lower() for email in emails if email))
    for listener in _on_change[topic]:
        listener(change)
    in_transaction = transaction.get_connection().in_atomic_block
    for forget in _forget_on_change[topic]:
        forget()
        if in_transaction:
            _once_at_commit(forget)
    for run in _after_commit[topic]:
        _once_at_commit(run)


def _once_at_commit(callback: Callable[[], None]) -> None:
    """`callback` once the current transaction commits, once however many changes it holds (outside a
    transaction, at once). Robust: a cache or a broker that cannot be reached must not fail a write that is
    already committed."""
    if not any(registered is callback for _, registered, _ in transaction.get_connection().run_on_commit):
        transaction.on_commit(callback, robust=True)


# Callbacks taking the company and the person who accepted it: a company has just been registered (MIL-1
# gives it its first milestone letter).
COMPANY_REGISTERED: list[Callable[..., None]] = []
# Callbacks taking `today`: the work of the daily sweep that changes records, run before its notices are
# claimed (MIL-3 de-rolls the companies whose letter expired unmet, so that their notices go out with it).
DAILY_SWEEP: list[Callable[..., None]] = []
# Callbacks taking `today` and returning {company id: the day it is de-rolled}: the de-rolls the rules have made
# (MIL-3: a milestone letter that expired unmet de-rolls its company the day after) and the nightly job has not
# recorded yet. Every read of a company's status shows them from their day (companies.models.Company.status_on);
# the job alone records them, with the wait to register again and the notices.
DEROLLS_DUE: list[Callable[..., dict[int, date]]] = []


def on(hook: list, callback: Callable) -> None:
    if callback not in hook:
        hook.append(callback)


def company_registered(*, company, actor) -> None:
    for callback in COMPANY_REGISTERED:
        callback(company=company, actor=actor)


def daily_sweep(*, today) -> None:
    for callback in DAILY_SWEEP:
        callback(today=today)


def derolls_due(*, today: date) -> dict[int, date]:
    """The de-rolls due on `today` and not recorded yet, read once per request."""

    def read() -> dict[int, date]:
        due: dict[int, date] = {}
        for callback in DEROLLS_DUE:
            due |= callback(today=today)
        return due

    return once_per_request(f"derolls-due-{today.isoformat()}", read)
