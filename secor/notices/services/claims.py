"""Claiming notices: inserting the ledger row, unique per (recipient, kind, subject, date), before any send."""

import logging
import uuid
from collections.abc import Iterable
from datetime import date

from celery import current_app
from django.db import IntegrityError, transaction
from django.utils import timezone

from secor import hooks
from secor.notices.kinds import NOTICE_KINDS, Recipient, subject_key, withhold
from secor.notices.models import Notice

logger = logging.getLogger(__name__)
# The task that sends one notice, handed over by its name: it calls these services, so they do not import it
# (the notices' app loads it, so that every process knows it by that name).
DELIVER_NOTICE_TASK = "secor.notices.tasks.deliver_notice"


def _unique(recipients: Iterable[Recipient]) -> list[Recipient]:
    seen, unique = set(), []
    for recipient in recipients:
        email = recipient.email.strip().lower()
        if email and email not in seen:
            seen.add(email)
            unique.append(Recipient(email, recipient.name, recipient.user_id))
    return unique


def notice_send(
    *, kind: str, recipients: Iterable[Recipient], subject, about_date: date | None = None, company=None
) -> list[Notice]:
    """Claim one notice per recipient for something that just happened, and send them once the caller's
    transaction commits. A notice already claimed (the same event told twice) is not claimed again."""
    declared = NOTICE_KINDS[kind]
    today = timezone.localdate()
    claimed = []
    for recipient in _unique(recipients):
        try:
            with transaction.atomic():  # a savepoint: a refused claim leaves the caller's transaction intact
                claimed.append(
                    Notice.objects.create(
                        kind=kind,
                        recipient_email=recipient.email,
                        recipient_name=recipient.name,
                        recipient_user_id=recipient.user_id,
                        subject_key=subject_key(subject),
                        about_date=about_date or today,
                        company=company,
                        for_staff=declared.for_staff,
                        due_on=today,
                    )
                )
        except IntegrityError:
            logger.info("Notice %s to %s about %s already claimed", kind, recipient.email, subject_key(subject))
    ids = [notice.pk for notice in claimed]
    if ids:
        hooks.changed(hooks.Topic.NOTICES, company_ids=[company.pk] if company is not None else [])
        transaction.on_commit(lambda: dispatch(ids))
    return claimed


def dispatch(notice_ids: list[int]) -> None:
    """Hand each notice to a worker. With the broker down nothing is lost: the rows wait, and the delivery
    pass (every few minutes, and the daily sweep) sends them."""
    for notice_id in notice_ids:
        try:
            current_app.tasks[DELIVER_NOTICE_TASK].delay(notice_id)
        except Exception:  # the broker's connection errors vary by transport; the row is the source of truth
            logger.warning("Notice %s not handed to a worker; the delivery pass will send it", notice_id, exc_info=True)


def notice_send_prepared(*, kind: str, email_message, secrets=()) -> Notice:
    """Send at once an email another library rendered (allauth's), keeping it in the ledger without its
    one-time links or codes. Having no renderer, it is not retried or resent: the person asks again."""
    now = timezone.now()
    recipient = email_message.to[0].strip().lower()
    notice = Notice.objects.create(
        kind=kind,
        recipient_email=recipient,
        subject_key=f"message:{uuid.uuid4().hex}",  # each such email is its own subject
        about_date=timezone.localdate(),
        due_on=timezone.localdate(),
        state=Notice.State.SENDING,
        sending_since=now,
        attempts=1,
        subject=email_message.subject[:250],
        body=withhold(email_message.body, secrets),
    )
    try:
        email_message.send()
    except Exception as error:  # the person sees the page say "sent"; staff see it failed in the ledger
        notice.state, notice.last_error = Notice.State.FAILED, f"{type(error).__name__}: {error}"[:2000]
        logger.warning("Account email to %s not sent: %s", recipient, error)
    else:
        notice.state, notice.sent_at = Notice.State.SENT, timezone.now()
    notice.sending_since, notice.next_attempt_at = None, None
    notice.save()
    hooks.changed(hooks.Topic.NOTICES)
    return notice
