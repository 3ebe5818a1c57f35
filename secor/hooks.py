"""Where apps learn that something they derive from changed, without the lower layer importing them.

An app that keeps data derived from a company's roster or status, or from the program settings (training
keeps each company's training summary), registers a callback when it loads; the services that change those
records call the hook in the same transaction as the change, so the derived data is never seen stale.

The other way round, a higher app tells the reads of lower ones what its rules decide today and its nightly
job has not recorded yet (MIL-3's de-rolls), so that no page waits for the job and no request writes for it.
"""

from collections.abc import Callable, Iterable
from datetime import date

from secor.request_memo import once_per_request

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
# Callbacks taking `today` and returning {company id: the day it is de-rolled}: the de-rolls the rules have made
# (MIL-3: a milestone letter that expired unmet de-rolls its company the day after) and the nightly job has not
# recorded yet. Every read of a company's status shows them from their day (companies.models.Company.status_on);
# the job alone records them, with the wait to register again and the notices.
DEROLLS_DUE: list[Callable[..., dict[int, date]]] = []


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


def derolls_due(*, today: date) -> dict[int, date]:
    """The de-rolls due on `today` and not recorded yet, read once per request."""

    def read() -> dict[int, date]:
        due: dict[int, date] = {}
        for callback in DEROLLS_DUE:
            due |= callback(today=today)
        return due

    return once_per_request(f"derolls-due-{today.isoformat()}", read)
