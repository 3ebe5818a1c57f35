"""The notice kind of a partner's change event: posted to a URL instead of mailed, through the same ledger."""

from secor.api.delivery import send
from secor.notices.kinds import Message, NoticeKind, notice_kind


def _as_claimed(notice) -> Message:
    """The event as it was claimed (its body is the JSON posted), for a delivery and for staff's resend alike."""
    return Message(notice.subject, notice.body, notice.link)


PARTNER_EVENT = notice_kind(
    NoticeKind(key="partner-event", label="Change event to a partner's URL", render=_as_claimed, send=send)
)
