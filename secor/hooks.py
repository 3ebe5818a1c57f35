"""Where apps learn that something they derive from changed, without the lower layer importing them.

An app that keeps data derived from a company's roster or status, or from the program settings (training
keeps each company's training summary), registers a callback when it loads; the services that change those
records call the hook in the same transaction as the change, so the derived data is never seen stale.
"""

from collections.abc import Callable, Iterable

# Callbacks taking the ids of the companies changed and the emails of the people whose records changed
# (before and after the change: a person is recognised across companies by email, TRN-2).
RECORDS_CHANGED: list[Callable[..., None]] = []
# Callbacks taking nothing: a program setting every company's data may depend on has changed.
PROGRAM_SETTINGS_CHANGED: list[Callable[[], None]] = []
# Callbacks taking the company and the person who accepted it: a company has just been registered (MIL-1
# gives it its first milestone letter).
COMPANY_REGISTERED: list[Callable[..., None]] = []
# Callbacks taking `today`: the work of the daily sweep that changes records, run before its notices are
# claimed (MIL-3 de-rolls the companies whose letter expired unmet, so that their notices go out with it).
DAILY_SWEEP: list[Callable[..., None]] = []


def on(hook: list, callback: Callable) -> None:
    if callback not in hook:
        hook.append(callback)


def records_changed(*, company_ids: Iterable[int], emails: Iterable[str] = ()) -> None:
    company_ids, emails = set(company_ids), {email.lower() for email in emails if email}
    for callback in RECORDS_CHANGED:
        callback(company_ids=company_ids, emails=emails)


def program_settings_changed() -> None:
    for callback in PROGRAM_SETTINGS_CHANGED:
        callback()


def company_registered(*, company, actor) -> None:
    for callback in COMPANY_REGISTERED:
        callback(company=company, actor=actor)


def daily_sweep(*, today) -> None:
    for callback in DAILY_SWEEP:
        callback(today=today)
