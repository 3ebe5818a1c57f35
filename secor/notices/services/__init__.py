"""Every write to the notice ledger: claims, delivery, resends and the daily sweep."""

from secor.notices.services.claims import notice_send, notice_send_prepared
from secor.notices.services.delivery import (
    notice_deliver,
    notice_resend,
    notices_deliver_due,
    notices_mark_in_doubt,
)
from secor.notices.services.golive import deadline_notices_switch
from secor.notices.services.sweep import SweepReport, notices_sweep

__all__ = [
    "SweepReport",
    "deadline_notices_switch",
    "notice_deliver",
    "notice_resend",
    "notice_send",
    "notice_send_prepared",
    "notices_deliver_due",
    "notices_mark_in_doubt",
    "notices_sweep",
]
