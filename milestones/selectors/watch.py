"""The letters staff watch (MIL-3, MIL-2, MAN-3): at risk, expiring, de-rolled today, the #2 letter not asked
for, and the #2 letters asked for and not issued yet."""

import hashlib
from collections.abc import Collection
from datetime import date, timedelta
from functools import partial

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.utils import timezone

from audits.models import Audit, ManualSubmission
from companies.models import Company, status_in
from milestones import rules
from milestones.expiries import lapses_due, open_letters
from milestones.models import MilestoneLetter
from secor import hooks
from secor.dates import Period
from secor.freshness import kept_until_changed
from secor.kept_by_company import Key, Shares, compute_ahead, kept_by_company
from secor.kept_figures import SUMMARIES, statuses_key
from secor.reviews.models import Review
from training.deadlines import WINDOWS_DAYS
from training.models import TrainingSummary
from training.summaries import summaries_refresh, summaries_refresh_all

Milestone = MilestoneLetter.Milestone
Topic = hooks.Topic


def _watched(today: date) -> QuerySet[MilestoneLetter]:
    """The open letters of companies in the program today: a company de-rolled by a lapse the nightly job has not
    recorded yet is not (MIL-3), though its letter may be open again (extended after the lapse)."""
    return open_letters().filter(status_in([Company.Status.REGISTERED], today=today, company="company__"))


def _milestone_1_met_now() -> Q:
    """A #1 letter whose milestone is met today: the company's training complete (by the kept summaries:
    refresh them first) and its manual approved."""
    return (
        Q(milestone=Milestone.FIRST)
        & Q(Exists(TrainingSummary.objects.filter(company=OuterRef("company"), complete=True)))
        & Q(Exists(ManualSubmission.objects.filter(company=OuterRef("company"), review__state=Review.State.ACCEPTED)))
    )


def unmet_now() -> Q:
    """A letter whose milestone is not met today: #1 (see above), or #2 unless its baseline audit achieved the
    standard."""
    met_2 = Q(milestone=Milestone.SECOND) & Q(
        Exists(Audit.objects.filter(company=OuterRef("company"), purpose=Audit.Purpose.BASELINE, achieved=True))
    )
    return ~(_milestone_1_met_now() | met_2)


def request_missing_now() -> Q:
    """MIL-2, DOMAIN section 8: a #1 letter met today whose company has not asked for its #2 letter (issuing #2
    settles #1: an open #1 letter has none)."""
    return _milestone_1_met_now() & Q(next_requested_at__isnull=True)


def deroll_ahead() -> Q:
    """An open letter that de-rolls its company at its expiry if nothing changes (MIL-3, MIL-2): what NTC-1's
    warnings are about."""
    return unmet_now() | request_missing_now()


def letters_at_risk(*, today: date) -> QuerySet[MilestoneLetter]:
    """MIL-3: letters expiring within 30 days (today included) with the milestone unmet, soonest first."""
    summaries_refresh_all(today=today)
    return (
        _watched(today)
        .filter(expires_on__gte=today, expires_on__lte=today + timedelta(days=rules.AT_RISK_DAYS))
        .filter(unmet_now())
        .order_by("expires_on", "company__legal_name", "pk")
    )


def letters_expiring(*, today: date, within_days: int) -> QuerySet[MilestoneLetter]:
    """Open letters whose expiry falls in the next `within_days` days, soonest first (met or not)."""
    return (
        _watched(today)
        .filter(expires_on__gte=today, expires_on__lte=today + timedelta(days=within_days))
        .order_by("expires_on", "company__legal_name", "pk")
    )


def derolled_today(*, today: date) -> list[tuple[MilestoneLetter, date, date]]:
    """MIL-3: the letters by which SECOR de-rolled a company today, each with the expiry it lapsed at and the
    de-roll's day: those the nightly job recorded today, and those it has yet to record (shown de-rolled
    already), by company name."""
    recorded = MilestoneLetter.objects.filter(
        settled=MilestoneLetter.Settled.DEROLLED, settled_at__date=today
    ).select_related("company")
    derolled = [(letter, letter.expires_on, letter.settled_on) for letter in recorded]
    derolled += [(letter, lapse.expired_on, lapse.derolled_on) for letter, lapse in lapses_due(today=today)]
    return sorted(derolled, key=lambda row: (row[0].company.legal_name, row[0].pk))


def requests_missing(*, today: date) -> QuerySet[MilestoneLetter]:
    """MIL-2: the Milestone #1 letters met but with no #2 letter requested nor issued, soonest expiry first:
    each de-rolls its company the day after it expires unless the company asks."""
    summaries_refresh_all(today=today)
    return _requests_missing(today)


def _requests_missing(today: date) -> QuerySet[MilestoneLetter]:
    return (
        _watched(today)
        .filter(expires_on__gte=today)
        .filter(request_missing_now())
        .order_by("expires_on", "company__legal_name", "pk")
    )


# What the watch page's lists read: the letters, what meets their milestones (the kept training summaries, the
# manuals' reviews, the baseline audits), the companies' statuses and, to order them, their names.
WATCHED_TOPICS = (*SUMMARIES, Topic.MILESTONES, Topic.AUDITS, Topic.REVIEWS, Topic.COMPANY)


# The widest window of days the watch page lists expiring letters for.
WATCHED_DAYS = max(WINDOWS_DAYS)


def watched_letter_ids(*, today: date, within_days: int) -> tuple[list[int], list[int], list[int]]:
    """The ids of letters_at_risk, requests_missing and letters_expiring(within_days), each in its order, for the
    watch page to count and page. Staff open it many times between two writes, and reading whether each letter's
    milestone is met takes most of the page's time: each company's letters are kept, and a write computes again
    those of the companies it names (secor.kept_by_company); the order, by expiry and company name, is kept until
    a write to the letters or the names. Both are kept for the de-rolls due (which companies are de-rolled today,
    and so left out, can change during the day)."""
    statuses = statuses_key(today)
    shares = kept_by_company(_watched_key(today), topics=WATCHED_TOPICS, compute=partial(_watched_shares, today))
    missing = {pk for rows in shares.get("missing", {}).values() for pk in rows}
    expiring = {
        pk: (expires_on, unmet) for rows in shares.get("expiring", {}).values() for pk, expires_on, unmet in rows
    }
    ids = sorted(missing | expiring.keys())
    key = f"watched-order:{statuses}:" + hashlib.blake2b(repr(ids).encode(), digest_size=16).hexdigest()
    ordered = kept_until_changed({key: (ORDER_TOPICS, partial(_in_order, ids))})[key]
    at_risk_until, until = today + timedelta(days=rules.AT_RISK_DAYS), today + timedelta(days=within_days)
    return (
        [pk for pk in ordered if pk in expiring and expiring[pk][1] and expiring[pk][0] <= at_risk_until],
        [pk for pk in ordered if pk in missing],
        [pk for pk in ordered if pk in expiring and expiring[pk][0] <= until],
    )


# What orders the lists: the letters' expiries (an extension moves one), the companies' names.
ORDER_TOPICS = (Topic.MILESTONES, Topic.COMPANY)


def _watched_key(today: date) -> str:
    return _WATCHED_KEY.name + ":" + _watched_more(today)


def _watched_more(today: date) -> str:
    return f"{today.isoformat()}:{statuses_key(today)}"


_WATCHED_KEY = Key("watched-letters", lambda: _watched_more(timezone.localdate()))


def _in_order(ids: list[int]) -> list[int]:
    letters = MilestoneLetter.objects.filter(pk__in=ids).order_by("expires_on", "company__legal_name", "pk")
    return list(letters.values_list("pk", flat=True))


def _watched_shares(today: date, company_ids: Collection[int] | None) -> Shares:
    """Each company's letters on the lists (of every company, or of `company_ids`): those missing their #2
    request, and those expiring within the widest window with whether each is unmet. One query each."""
    if company_ids is None:
        summaries_refresh_all(today=today)
    else:  # their summaries current, whatever this request made current before a write
        summaries_refresh(Company.objects.filter(pk__in=company_ids), today=today)
    missing = _requests_missing(today).order_by()
    unmet = ExpressionWrapper(unmet_now(), output_field=BooleanField())
    expiring = letters_expiring(today=today, within_days=max(WATCHED_DAYS, rules.AT_RISK_DAYS)).order_by()
    if company_ids is not None:
        missing, expiring = missing.filter(company_id__in=company_ids), expiring.filter(company_id__in=company_ids)
    shares: Shares = {"missing": {}, "expiring": {}}
    for company_id, pk in missing.values_list("company_id", "pk"):
        shares["missing"].setdefault(company_id, []).append(pk)
    for company_id, *row in expiring.annotate(unmet=unmet).values_list("company_id", "pk", "expires_on", "unmet"):
        shares["expiring"].setdefault(company_id, []).append(tuple(row))
    return shares


def shares_computed_ahead() -> None:
    """Each write to the lists' topics has a worker compute its companies' letters once it commits (milestones' app)."""
    compute_ahead(
        topics=WATCHED_TOPICS,
        key=_WATCHED_KEY,
        compute=lambda company_ids: _watched_shares(timezone.localdate(), company_ids),
    )


def requests_waiting(*, today: date) -> QuerySet[MilestoneLetter]:
    """MAN-3: Milestone #1 letters whose company asked for its #2, not issued yet, of companies not de-rolled."""
    return (
        MilestoneLetter.objects.filter(
            milestone=Milestone.FIRST,
            next_requested_at__isnull=False,
            settled=MilestoneLetter.Settled.OPEN,
            earlier_registration=False,
        )
        .exclude(status_in([Company.Status.DEROLLED], today=today, company="company__"))
        .select_related("company", "next_requested_by")
        .order_by("next_requested_at")
    )


def derolls_by_milestone(period: Period) -> dict[int, int]:
    """The program report: the companies de-rolled in the period (MIL-3), by the milestone whose letter expired."""
    rows = (
        MilestoneLetter.objects.filter(settled=MilestoneLetter.Settled.DEROLLED, **period.days("settled_on"))
        .values("milestone")
        .annotate(derolled=Count("company", distinct=True))
        .order_by()
    )
    return {row["milestone"]: row["derolled"] for row in rows}
