"""Every write of the milestones: issuing letters (MIL-1, MIL-2), the request for #2 (MAN-3), extensions,
the daily settling of expired letters with its de-rolls (MIL-3), and the calendar feed's secret (MIL-4)."""

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from companies.models import Company
from companies.services import company_change_status
from milestones import events, expiries, notices, rules, selectors
from milestones.models import CalendarFeed, LetterExtension, MilestoneLetter, new_feed_token
from secor import hooks
from secor.core.models import ProgramSettings, User
from secor.dates import long_date, outside_dates_problem
from secor.documents.services import document_issue_pdf
from secor.timeline.services import event_record
from training.selectors import training_chart

logger = logging.getLogger(__name__)
Milestone = MilestoneLetter.Milestone


def _on_timeline(letter: MilestoneLetter, actor: User | None, summary: str, detail: str = "") -> None:
    event_record(
        company=letter.company, actor=actor, kind=events.MILESTONES, subject=letter, summary=summary, detail=detail
    )


@transaction.atomic
def letter_issue(
    *, company: Company, milestone: int, actor: User | None, issued_on: date | None = None, notify: bool = True
):
    """Issue a milestone letter: numbered, expiring the program setting's months after registration (MIL-1,
    MIL-2), its PDF rendered once and kept. `actor` None: issued by SECOR itself. `notify`: email the
    company's users (the acceptance email tells the first letter itself)."""
    settings = ProgramSettings.current()
    months = settings.milestone_1_months if milestone == Milestone.FIRST else settings.milestone_2_months
    issued_on = issued_on or timezone.localdate()
    letter = MilestoneLetter.objects.create(
        company=company,
        milestone=milestone,
        issued_on=issued_on,
        expires_on=rules.letter_expiry(registration_date=company.registration_date, months=months),
        issued_by=actor,
    )
    letter_document_issue(letter, actor=actor)
    _on_timeline(
        letter,
        actor,
        f"{letter.get_milestone_display()} letter {letter.reference} issued, expiring {long_date(letter.expires_on)}",
    )
    if notify:
        notices.letter_issued_send(letter)
    hooks.changed(hooks.Topic.MILESTONES, company_ids=[company.pk])
    return letter


def letter_document_issue(letter: MilestoneLetter, *, actor: User | None) -> None:
    """The letter's PDF, rendered once and kept with it."""
    letter.document = document_issue_pdf(
        company=letter.company,
        kind="milestone-letter",
        name=letter.reference,
        template="pdf/milestone_letter.html",
        context={"letter": letter, "company": letter.company, "requirements": rules.REQUIREMENTS[letter.milestone]},
        actor=actor,
    )
    letter.save(update_fields=["document"])


def letter_issue_on_registration(*, company: Company, actor: User) -> MilestoneLetter | None:
    """MIL-1: the first letter, as the registration is accepted (the hook of companies' acceptance, whose
    email to the company tells the letter: one email, not two), or as a company that never had one is
    reinstated. A reinstated company keeps its letters (its registration date stays; staff extend a lapsed
    letter). A company registered again (after a de-roll's wait or a withdrawal: a new registration date,
    after every letter it had) starts afresh (DOMAIN section 8): its letters become history and a new
    Milestone #1 letter runs from the new registration."""
    letters = company.milestone_letters.filter(earlier_registration=False)
    if letters.filter(issued_on__gte=company.registration_date).exists():
        return None
    for letter in letters:  # saved one by one (a handful), so each letter's history keeps the change
        letter.earlier_registration = True
        letter.save(update_fields=["earlier_registration"])
    return letter_issue(
        company=company, milestone=Milestone.FIRST, actor=actor, issued_on=company.registration_date, notify=False
    )


def letters_issue_missing(*, actor: User | None = None) -> list[MilestoneLetter]:
    """Milestone #1 letters for registered companies that have none (registered before letters were issued),
    dated by their registration. Each in its own transaction: a long run keeps what it has done."""
    missing = Company.objects.filter(
        status=Company.Status.REGISTERED, registration_date__isnull=False, milestone_letters__isnull=True
    ).order_by("pk")
    return [
        letter_issue(company=company, milestone=Milestone.FIRST, actor=actor, issued_on=company.registration_date)
        for company in missing.iterator(chunk_size=500)
    ]


def _current_locked(company: Company) -> MilestoneLetter | None:
    return (
        MilestoneLetter.objects.select_for_update(of=("self",))
        .select_related("company")
        .filter(company=company, earlier_registration=False)
        .order_by("-pk")
        .first()
    )


def _standing(company: Company) -> selectors.Standing:
    today = timezone.localdate()
    return selectors.milestone_standing(
        company=company, chart=training_chart(company=company, today=today), today=today
    )


@transaction.atomic
def milestone_request_next(*, company: Company, actor: User) -> MilestoneLetter:
    """MAN-3: with Milestone #1 met, the company asks SCSA for its Milestone #2 letter before #1 expires."""
    letter = _current_locked(company)
    standing = _standing(company)
    if not standing.may_request_next:
        raise ValidationError(_why_no_request(standing))
    letter.next_requested_at, letter.next_requested_by = timezone.now(), actor
    letter.save(update_fields=["next_requested_at", "next_requested_by"])
    _on_timeline(letter, actor, "Milestone #2 letter requested")
    notices.letter_requested_send(letter)
    hooks.changed(hooks.Topic.MILESTONES, company_ids=[company.pk])
    return letter


def _why_no_request(standing: selectors.Standing) -> str:
    letter = standing.letter
    if letter is None or letter.milestone != Milestone.FIRST or standing.settled == MilestoneLetter.Settled.MET:
        return "There is no Milestone #1 letter to follow: the Milestone #2 letter is requested once."
    if standing.request_pending:
        return f"The Milestone #2 letter was requested on {long_date(timezone.localdate(letter.next_requested_at))}."
    if standing.expired:
        return (
            f"The Milestone #1 letter expired on {long_date(letter.expires_on)}: the next letter is requested before "
            "it expires. Contact SCSA."
        )
    unmet = [condition.label for condition in standing.conditions if not condition.met]
    return (
        f"Milestone #1 is not met yet: {'; '.join(unmet)}. Request the next letter once it is, before "
        f"{long_date(letter.expires_on)}."
    )


@transaction.atomic
def letter_issue_next(*, company: Company, actor: User) -> MilestoneLetter:
    """MIL-2: staff issue the Milestone #2 letter to a company whose Milestone #1 is met (asked for or not);
    the #1 letter is settled as met."""
    first = _current_locked(company)
    standing = _standing(company)
    if first is None or first.milestone != Milestone.FIRST:
        raise ValidationError("The company has no Milestone #1 letter to follow.")
    if not standing.met:
        unmet = [condition.label for condition in standing.conditions if not condition.met]
        raise ValidationError(f"Milestone #1 is not met: {'; '.join(unmet)}.")
    today = timezone.localdate()
    first.settled, first.settled_on, first.settled_at = MilestoneLetter.Settled.MET, today, timezone.now()
    first.save(update_fields=["settled", "settled_on", "settled_at"])
    hooks.changed(hooks.Topic.MILESTONES, company_ids=[company.pk])
    return letter_issue(company=company, milestone=Milestone.SECOND, actor=actor)


@transaction.atomic
def letter_extend(*, letter: MilestoneLetter, actor: User, to_date: date, reason: str) -> MilestoneLetter:
    """Staff move a letter's expiry later, with a reason (MIL-3's override). A letter that lapsed is open again
    (reinstate the company too); its notices start a new cycle (NTC-2: they are about the new date)."""
    if not reason.strip():
        raise ValidationError({"reason": "Say why the letter is extended; the company sees it on its timeline."})
    letter = MilestoneLetter.objects.select_for_update(of=("self",)).select_related("company").get(pk=letter.pk)
    today = timezone.localdate()
    # Met by its expiry, recorded or not yet (MIL-3: the nightly job records what every page shows).
    if expiries.letter_settlement(letter, today=today)[0] == MilestoneLetter.Settled.MET:
        raise ValidationError("This letter's milestone was met; there is nothing to extend.")
    if letter.earlier_registration:
        raise ValidationError(
            "This letter is of an earlier registration: the company registered again and has a new Milestone #1 "
            "letter. Extend that one."
        )
    earliest = max(letter.expires_on + timedelta(days=1), today)
    if problem := outside_dates_problem(to_date, earliest=earliest):
        raise ValidationError(
            {"to_date": f"The new expiry is later than the current one ({long_date(letter.expires_on)}). {problem}"}
        )
    LetterExtension.objects.create(
        letter=letter, from_date=letter.expires_on, to_date=to_date, reason=reason.strip(), extended_by=actor
    )
    previous = letter.expires_on
    letter.expires_on = to_date
    letter.settled, letter.settled_on, letter.settled_at = MilestoneLetter.Settled.OPEN, None, None
    letter.save()
    _on_timeline(
        letter,
        actor,
        f"{letter.get_milestone_display()} letter extended from {long_date(previous)} to {long_date(to_date)}",
        detail=reason.strip(),
    )
    hooks.changed(hooks.Topic.MILESTONES, company_ids=[letter.company_id])
    return letter


# --- MIL-3: the daily sweep --------------------------------------------------------------------------------


@dataclass
class Settling:
    derolled: list[int] = field(default_factory=list)  # company ids
    met: list[int] = field(default_factory=list)


def letters_settle_expired(*, today: date | None = None) -> Settling:
    """Record what the letters' expiries before `today` decided, as every page shows it already
    (milestones.expiries): a letter met on its expiry day (for #1, with its #2 letter asked for: MIL-2), or its
    company de-rolled, dated the day after the expiry (MIL-3, DOMAIN section 8) whatever day this runs; and a
    letter reopened by an extension after such a lapse leaves its company de-rolled until staff reinstate it.
    Each letter in its own transaction, taken with SKIP LOCKED and checked again: two sweeps at once settle each
    letter once."""
    today = today or timezone.localdate()
    done = Settling()
    due = expiries.letters_to_settle(today=today).order_by("expires_on", "pk")
    for pk in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            letter = (
                MilestoneLetter.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("company")
                .filter(pk=pk, settled=MilestoneLetter.Settled.OPEN, company__status=Company.Status.REGISTERED)
                .first()
            )
            if letter is None:
                continue  # another sweep has it, or has settled it
            decided = expiries.letter_expiries(letter, today=today)
            if (lapse := decided.deroll()) is not None:
                company_change_status(
                    company=letter.company,
                    actor=None,
                    action="deroll",
                    effective_on=lapse.derolled_on,
                    reason=lapse.reason(letter),
                )
                done.derolled.append(letter.company_id)
            if (settled := decided.settled) is not None:
                _settle(letter, *settled)
                if settled[0] == MilestoneLetter.Settled.MET:
                    done.met.append(letter.company_id)
    logger.info("Milestone letters settled: %s de-rolled, %s met", len(done.derolled), len(done.met))
    return done


def _settle(letter: MilestoneLetter, settled: str, on: date) -> None:
    letter.settled, letter.settled_on, letter.settled_at = settled, on, timezone.now()
    letter.save(update_fields=["settled", "settled_on", "settled_at"])


# --- MIL-4: the calendar feed's secret address -----------------------------------------------------------


@transaction.atomic
def calendar_feed_reset(*, company: Company, actor: User) -> CalendarFeed:
    """A new secret address for the company's calendar: the old one stops working at once."""
    feed, created = CalendarFeed.objects.get_or_create(company=company)
    if not created:
        feed.token = new_feed_token()
        feed.save(update_fields=["token"])
    event_record(
        company=company,
        actor=actor,
        kind=events.MILESTONES,
        subject=feed,
        summary="Calendar feed address created" if created else "Calendar feed address reset",
    )
    hooks.changed(hooks.Topic.MILESTONES, company_ids=[company.pk])
    return feed
