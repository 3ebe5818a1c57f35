"""The letters staff watch (MIL-3, MIL-2, MAN-3): at risk, expiring, de-rolled today, the #2 letter not asked
for, and the #2 letters asked for and not issued yet."""

from datetime import date, timedelta
from functools import partial

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q, QuerySet

from audits.models import Audit, ManualSubmission
from companies.models import Company, status_in
from milestones import rules
from milestones.expiries import lapses_due, open_letters
from milestones.models import MilestoneLetter
from secor import hooks
from secor.dates import Period
from secor.freshness import kept_until_changed
from secor.kept_figures import SUMMARIES, statuses_key
from secor.reviews.models import Review
from training.models import TrainingSummary
from training.summaries import summaries_refresh_all

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


def watched_letter_ids(*, today: date, within_days: int) -> tuple[list[int], list[int], list[int]]:
    """The ids of letters_at_risk, requests_missing and letters_expiring(within_days), each in its order, for the
    watch page to count and page. Staff open it many times between two writes that change it, and reading
    whether each letter's milestone is met takes most of the page's time: the ids are kept until a write to
    what they read, or the de-rolls due change (which companies are de-rolled today, and so left out, can
    change during the day)."""
    key = f"watched-letters:{within_days}:{statuses_key(today)}"
    compute = partial(_watched_letter_ids, today=today, within_days=within_days)
    return kept_until_changed({key: (WATCHED_TOPICS, compute)})[key]


def _watched_letter_ids(*, today: date, within_days: int) -> tuple[list[int], list[int], list[int]]:
    """One query reads the letters expiring in the wider of the two windows with whether each is unmet: those at
    risk are the unmet ones of their 30 days."""
    summaries_refresh_all(today=today)
    missing = list(_requests_missing(today).values_list("pk", flat=True))
    unmet = ExpressionWrapper(unmet_now(), output_field=BooleanField())
    expiring = list(
        letters_expiring(today=today, within_days=max(within_days, rules.AT_RISK_DAYS))
        .annotate(unmet=unmet)
        .values_list("pk", "expires_on", "unmet")
    )
    at_risk_until, until = today + timedelta(days=rules.AT_RISK_DAYS), today + timedelta(days=within_days)
    return (
        [pk for pk, expires_on, unmet in expiring if unmet and expires_on <= at_risk_until],
        missing,
        [pk for pk, expires_on, _ in expiring if expires_on <= until],
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
