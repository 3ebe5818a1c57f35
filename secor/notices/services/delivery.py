"""Sending claimed notices: one sender per row, retries with back-off, rows in doubt left for staff."""

import logging
from collections import Counter
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from secor import hooks
from secor.notices.editable import as_written
from secor.notices.events import NOTICE_SENT
from secor.notices.kinds import NOTICE_KINDS, Message
from secor.notices.models import Notice
from secor.notices.services.claims import dispatch
from secor.timeline.services import event_record

logger = logging.getLogger(__name__)

# A failed send is tried again after 5 minutes, then 10, 20, 40, 80: six attempts over about 2.5 hours
# ride out a mail server's restart or a network hiccup; after that staff see it failed and may resend.
MAX_ATTEMPTS = 6
FIRST_RETRY_AFTER = timedelta(minutes=5)
# A send takes at most EMAIL_TIMEOUT (30 s) per attempt, well inside a task's time limit: a row still
# "sending" after this long belongs to a process that died, perhaps after the server accepted the mail.
IN_DOUBT_AFTER = timedelta(minutes=15)
IN_DOUBT_NOTE = "The sender stopped before recording the outcome; it may have been sent."


def _retry_at(now: datetime, attempts: int) -> datetime:
    return now + FIRST_RETRY_AFTER * 2 ** (attempts - 1)


def _message(notice: Notice) -> tuple[Message, int | None]:
    """What to send, and the version of the staff-written text it is in: as stored, for a resend of a notice
    already written; else rendered now, in the kind's text as staff last saved it."""
    kind = NOTICE_KINDS[notice.kind]
    if notice.body and not kind.secret:
        return Message(notice.subject, notice.body, notice.link), notice.text_version
    return as_written(notice)


def notice_deliver(*, notice_id: int, now: datetime | None = None) -> str:
    """Send one notice if it is due and no one else is sending it. Returns the row's new state, or "" when
    this caller did not take it (already sent, being sent by another, or not due yet).

    Runs outside any transaction: the row says "sending" for all to see before the mail server is asked.
    """
    now = now or timezone.now()
    taken = Notice.objects.filter(pk=notice_id, state__in=Notice.DELIVERABLE, next_attempt_at__lte=now).update(
        state=Notice.State.SENDING, sending_since=now, attempts=F("attempts") + 1
    )
    if taken != 1:
        return ""
    notice = Notice.objects.select_related("company").get(pk=notice_id)
    try:
        message, text_version = _message(notice)
        # What is sent is written down before it is sent, so a row left in doubt still shows it.
        Notice.objects.filter(pk=notice.pk).update(
            subject=message.subject[:250], body=message.stored_body, link=message.link, text_version=text_version
        )
        (NOTICE_KINDS[notice.kind].send or _email)(notice, message)
    except Exception as error:  # SMTP refusals, time-outs, a rendering bug: each is retried, then shown to staff
        gave_up = notice.attempts >= MAX_ATTEMPTS
        Notice.objects.filter(pk=notice.pk).update(
            state=Notice.State.FAILED if gave_up else Notice.State.RETRYING,
            next_attempt_at=None if gave_up else _retry_at(now, notice.attempts),
            last_error=f"{type(error).__name__}: {error}"[:2000],
            sending_since=None,
        )
        logger.warning("Notice %s not sent (attempt %s): %s", notice.pk, notice.attempts, error)
        hooks.changed(hooks.Topic.NOTICES, company_ids=_company_ids(notice))
        return Notice.State.FAILED if gave_up else Notice.State.RETRYING
    Notice.objects.filter(pk=notice.pk).update(state=Notice.State.SENT, sent_at=timezone.now(), sending_since=None)
    _on_timeline(notice, actor=None, summary=f"Notice sent to {notice.recipient_email}: {message.subject}")
    hooks.changed(hooks.Topic.NOTICES, company_ids=_company_ids(notice))
    return Notice.State.SENT


def _email(notice: Notice, message: Message) -> None:
    EmailMessage(subject=message.subject, body=message.body, to=[notice.recipient_email]).send()


def _company_ids(notice: Notice) -> list[int]:
    return [notice.company_id] if notice.company_id is not None else []


def _on_timeline(notice: Notice, *, actor, summary: str, detail: str = "") -> None:
    """The company's timeline notes its notices; SCSA's own notes about a company stay off it."""
    if notice.company is not None and not notice.for_staff:
        event_record(
            company=notice.company, actor=actor, kind=NOTICE_SENT, subject=notice, summary=summary[:300], detail=detail
        )


def notices_deliver_due(*, now: datetime | None = None, limit: int | None = None) -> Counter:
    """Send the notices waiting and the retries now due, oldest first (at most `limit`). Counts the outcomes."""
    now = now or timezone.now()
    due = (
        Notice.objects.filter(state__in=Notice.DELIVERABLE, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    outcomes = Counter(notice_deliver(notice_id=pk, now=now) for pk in list(due))
    outcomes.pop("", None)
    return outcomes


def notices_mark_in_doubt(*, now: datetime | None = None) -> int:
    """Rows still "sending" long after the send began: the sender died, perhaps after the mail went out.
    They are never re-sent by themselves (no duplicate is better than a guess); staff may resend them."""
    now = now or timezone.now()
    stalled = Notice.objects.filter(state=Notice.State.SENDING, sending_since__lt=now - IN_DOUBT_AFTER)
    marked = stalled.update(state=Notice.State.IN_DOUBT, last_error=IN_DOUBT_NOTE)
    if marked:
        hooks.changed(hooks.Topic.NOTICES)
    return marked


@transaction.atomic
def notice_resend(*, notice: Notice, actor, reason: str) -> Notice:
    """Staff send again a notice that failed or is in doubt, saying why (kept on the row and the timeline)."""
    if not reason.strip():
        raise ValidationError({"reason": "Say why it is sent again (for example: the person says it never arrived)."})
    notice = Notice.objects.select_for_update(of=("self",)).select_related("company").get(pk=notice.pk)
    if notice.state not in Notice.RESENDABLE:
        state = notice.get_state_display()
        raise ValidationError(f"This notice is “{state}”; only a failed one or one in doubt is sent again.")
    if not NOTICE_KINDS[notice.kind].resendable:
        raise ValidationError(
            "This email cannot be sent again from here; the person can ask for a new one when signing in."
        )
    notice.state, notice.attempts, notice.next_attempt_at = Notice.State.PENDING, 0, timezone.now()
    notice.resent_by, notice.resent_at, notice.resend_reason = actor, timezone.now(), reason.strip()
    notice.save()
    _on_timeline(
        notice,
        actor=actor,
        summary=f"Notice to {notice.recipient_email} sent again: {notice.subject or notice.kind_label}",
        detail=notice.resend_reason,
    )
    hooks.changed(hooks.Topic.NOTICES, company_ids=_company_ids(notice))
    transaction.on_commit(lambda: dispatch([notice.pk]))
    return notice
