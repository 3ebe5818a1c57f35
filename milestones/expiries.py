"""What a milestone letter's expiries decide (MIL-3, MIL-2): met at one, or a lapse that de-rolls the company the
day after it. The nightly job records it (milestones.services.letters_settle_expired); until it has run, every
read computes the same from the letter's expiries and today (`derolls_due`, through secor.hooks, for the reads of
the apps below this one), so that no page waits for the job and no request writes for it.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from audits.audit.selectors import baseline_achieved_on
from audits.manual.selectors import manual_approved_on
from companies import events
from companies.models import Company
from companies.rules import status_change_summary
from milestones import rules
from milestones.models import LetterExtension, MilestoneLetter
from secor.dates import long_date
from secor.freshness import kept_until_changed, kept_until_data_changes
from secor.hooks import Topic
from secor.request_memo import once_per_request
from secor.timeline.models import Event
from training.selectors import charts_of

Milestone = MilestoneLetter.Milestone
Settled = MilestoneLetter.Settled


def open_letters() -> QuerySet[MilestoneLetter]:
    """Letters whose expiry is still to be settled, of companies registered as recorded (each company's current
    one: issuing #2 settles #1)."""
    return MilestoneLetter.objects.filter(
        settled=Settled.OPEN, company__status=Company.Status.REGISTERED, earlier_registration=False
    ).select_related("company")


def _superseded() -> Exists:
    """A letter followed by a later one of the same registration: the later one is the company's current letter."""
    return Exists(
        MilestoneLetter.objects.filter(company=OuterRef("company"), earlier_registration=False, pk__gt=OuterRef("pk"))
    )


def requirements_met(expiries: list[tuple[MilestoneLetter, date]]) -> set[tuple[int, date]]:
    """MIL-1, MIL-2: of the (letter, expiry it had) pairs, those whose letter's requirements were met by that day
    (the last day that counts), as (letter id, day). Read for all at once, whatever their number: the charts once
    per distinct day, the manuals' approvals and the baselines once."""
    first = [(letter, day) for letter, day in expiries if letter.milestone == Milestone.FIRST]
    later = [(letter, day) for letter, day in expiries if letter.milestone != Milestone.FIRST]
    met = set()
    if first:
        approved = manual_approved_on(company_ids={letter.company_id for letter, _ in first})
        for day in {day for _, day in first}:
            on_day = [letter for letter, expired_on in first if expired_on == day]
            charts = charts_of(list({letter.company_id: letter.company for letter in on_day}.values()), day)
            met |= {
                (letter.pk, day)
                for letter in on_day
                if charts[letter.company_id].summary.complete
                and (approved_on := approved.get(letter.company_id)) is not None
                and approved_on <= day
            }
    if later:
        achieved = baseline_achieved_on(company_ids={letter.company_id for letter, _ in later})
        met |= {
            (letter.pk, day)
            for letter, day in later
            if (achieved_on := achieved.get(letter.company_id)) is not None and achieved_on <= day
        }
    return met


@dataclass(frozen=True)
class Lapse:
    """An expiry the letter reached with its requirements unmet, or (MIL-2) with Milestone #1 met but no #2 letter
    asked for by then: the company is de-rolled the next day."""

    expired_on: date
    requirements_met: bool

    @property
    def derolled_on(self) -> date:
        return rules.deroll_date(self.expired_on)

    def reason(self, letter: MilestoneLetter) -> str:
        """Why the company is de-rolled, as its users read it (the de-roll's reason on the timeline and by email)."""
        expired = f"The {letter.get_milestone_display()} letter {letter.reference} expired on "
        expired += long_date(self.expired_on)
        if self.requirements_met:
            return (
                f"{expired} with Milestone #1 met but no Milestone #2 letter requested: the request was due by that "
                "day."
            )
        return f"{expired} with its requirements unmet."


@dataclass(frozen=True)
class Expiries:
    """The expiries a letter reached while open, as the nightly job settles them."""

    letter: MilestoneLetter
    lapses: list[Lapse]  # in order
    met_on: date | None  # the expiry it was met by: nothing after it counts

    def deroll(self) -> Lapse | None:
        """The lapse that de-rolls the company: the first that staff did not lift by reinstating it."""
        lifted = self.letter.company.lifted_deroll_on
        return next(
            (
                lapse
                for lapse in self.lapses
                if not rules.deroll_lifted(derolled_on=lapse.derolled_on, lifted_through=lifted)
            ),
            None,
        )

    @property
    def settled(self) -> tuple[str, date] | None:
        """How the letter settles, once its current expiry passed: met, or de-rolled the day after it."""
        if self.met_on is not None:
            return Settled.MET, self.met_on
        if self.lapses and self.lapses[-1].expired_on == self.letter.expires_on:
            return Settled.DEROLLED, self.lapses[-1].derolled_on
        return None


def expiries_reached(letter: MilestoneLetter, *, today: date) -> list[date]:
    """Each expiry the letter reached before `today` (MIL-3): those an extension moved, and its current one."""
    moves = sorted(letter.extensions.all(), key=lambda extension: (extension.extended_at, extension.pk))
    expiries = [(move.from_date, timezone.localdate(move.extended_at)) for move in moves]
    return rules.expiries_reached([*expiries, (letter.expires_on, None)], today=today)


def letter_expiries(letter: MilestoneLetter, *, today: date, met: set[tuple[int, date]] | None = None) -> Expiries:
    """Each expiry the letter reached before `today` (MIL-3), met or lapsed. The request for Milestone #2 counts
    by the day it was made (MIL-2): one made after the letter was reopened is too late for the expiry before.
    `met`: what `requirements_met` found for these expiries, when read for many letters at once."""
    days = expiries_reached(letter, today=today)
    if met is None:
        met = requirements_met([(letter, day) for day in days])
    lapses = []
    for day in days:
        requirements_met_by_day = (letter.pk, day) in met
        requested = letter.next_requested_at is not None and timezone.localdate(letter.next_requested_at) <= day
        if rules.met_at_expiry(
            milestone=letter.milestone, requirements_met=requirements_met_by_day, next_requested=requested
        ):
            return Expiries(letter, lapses, day)
        lapses.append(Lapse(day, requirements_met_by_day))
    return Expiries(letter, lapses, None)


def letter_settlement(letter: MilestoneLetter, *, today: date) -> tuple[str, date | None]:
    """The letter's settlement as of `today`: recorded, or what its passed expiry decided (met, or de-rolled). A
    letter of an earlier registration is history, read by no rule (MIL-1)."""
    if letter.settled != Settled.OPEN or letter.earlier_registration or letter.expires_on >= today:
        return letter.settled, letter.settled_on
    return letter_expiries(letter, today=today).settled or (Settled.OPEN, None)


def letters_to_settle(*, today: date) -> QuerySet[MilestoneLetter]:
    """MIL-3: the open letters whose expiries decide something on `today`: their current expiry passed, or an
    earlier one passed before an extension reopened the letter, a lapse whose de-roll staff have not lifted."""
    expired = MilestoneLetter.objects.filter(settled=Settled.OPEN, expires_on__lt=today).order_by().values("pk")
    reopened = (
        LetterExtension.objects.annotate(extended_on=TruncDate("extended_at"))
        .filter(from_date__lt=F("extended_on"), letter__settled=Settled.OPEN)
        .filter(
            Q(letter__company__lifted_deroll_on__isnull=True) | Q(from_date__gte=F("letter__company__lifted_deroll_on"))
        )
        .order_by()
        .values("letter_id")
    )
    # One query, each part found by its index (the open letters by expiry; the few extensions).
    return open_letters().filter(pk__in=expired.union(reopened, all=True)).exclude(_superseded())


@dataclass(frozen=True)
class LapseDue:
    """A lapse due on a day, by the ids of its letter and company: what is kept of `lapses_due` between requests."""

    letter_id: int
    company_id: int
    lapse: Lapse


def every_lapse_due(*, today: date) -> list[LapseDue]:
    """MIL-3: `lapses_due` of every company, by ids. Every page reads every company's status, and computing them
    reads every open letter: read once per request, and kept in the shared cache until the next write."""
    key = f"lapses-due-{today.isoformat()}"

    def compute() -> list[LapseDue]:
        return [
            LapseDue(letter.pk, letter.company_id, lapse)
            for letter, lapse in _lapses_due(letters_to_settle(today=today), today)
        ]

    def due() -> list[LapseDue]:
        # Once the nightly job has settled the day's letters none is left to lapse, whatever a write to the training
        # or the audits changes: whether any is left follows the letters and the statuses alone.
        to_settle = f"letters-to-settle-{today.isoformat()}"
        wanted = {to_settle: (LETTERS_TO_SETTLE_TOPICS, lambda: letters_to_settle(today=today).exists())}
        return kept_until_data_changes(key, compute) if kept_until_changed(wanted)[to_settle] else []

    return once_per_request(key, due)


# What `letters_to_settle` reads: the letters and their extensions, and the companies' statuses and reinstatements.
LETTERS_TO_SETTLE_TOPICS = (Topic.MILESTONES, Topic.COMPANY_STATUS)


def lapses_due(*, today: date, company: Company | None = None) -> list[tuple[MilestoneLetter, Lapse]]:
    """MIL-3: the letters (of every company, or of `company`) whose lapse de-rolls their company on `today` and
    that the nightly job has not recorded yet, each with that lapse, soonest first."""
    if company is not None:
        return _lapses_due(letters_to_settle(today=today).filter(company=company), today)
    due = every_lapse_due(today=today)
    if not due:
        return []
    letters = MilestoneLetter.objects.select_related("company").in_bulk([lapse_due.letter_id for lapse_due in due])
    return [(letters[lapse_due.letter_id], lapse_due.lapse) for lapse_due in due]


def _lapses_due(letters: QuerySet[MilestoneLetter], today: date) -> list[tuple[MilestoneLetter, Lapse]]:
    letters = list(letters.prefetch_related("extensions").order_by("expires_on", "pk"))
    # The requirements of every letter's expiries read at once, not letter by letter (a morning before the
    # nightly job has run finds a day's worth of lapses).
    met = requirements_met([(letter, day) for letter in letters for day in expiries_reached(letter, today=today)])
    due = []
    for letter in letters:
        if (lapse := letter_expiries(letter, today=today, met=met).deroll()) is not None:
            due.append((letter, lapse))
    return sorted(due, key=lambda pair: pair[1].derolled_on)


def derolls_due(*, today: date) -> dict[int, date]:
    """The companies de-rolled on `today` by a lapse not recorded yet, with its day (secor.hooks.DEROLLS_DUE)."""
    due: dict[int, date] = {}
    for lapse_due in every_lapse_due(today=today):
        due.setdefault(lapse_due.company_id, lapse_due.lapse.derolled_on)
    return due


def deroll_due_event(*, company: Company, today: date) -> Event | None:
    """The timeline's line of the company's de-roll due, as the nightly job will record it (not saved), dated
    the start of its day; None when none is due."""
    if company.status != Company.Status.REGISTERED or company.status_on(today).status != Company.Status.DEROLLED:
        return None
    due = lapses_due(today=today, company=company)
    if not due:
        return None
    letter, lapse = due[0]
    return Event(
        company=company,
        at=timezone.make_aware(datetime.combine(lapse.derolled_on, time.min)),
        kind=events.STATUS,
        subject=company,
        summary=status_change_summary(
            previous=Company.Status.REGISTERED.label, now=Company.Status.DEROLLED.label, derolled_on=lapse.derolled_on
        ),
        detail=lapse.reason(letter),
    )
