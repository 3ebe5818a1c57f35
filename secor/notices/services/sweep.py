"""The daily sweep (NTC-1): the apps' daily work first (secor.hooks.DAILY_SWEEP: MIL-3's de-rolls), then
claim every deadline notice now due, then send what is waiting.

"Due" is "its send date has come and the date it is about has not passed", so a sweep that did not run for
some days catches up, and a second run the same day claims nothing new (the ledger refuses it).
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count
from django.utils import timezone

from secor import hooks
from secor.notices.kinds import NOTICE_KINDS, NoticeDraft
from secor.notices.models import Notice, NoticeSweep
from secor.notices.services.delivery import notices_deliver_due, notices_mark_in_doubt


@dataclass
class SweepReport:
    sweep: NoticeSweep
    claimed_by_kind: dict[str, int] = field(default_factory=dict)
    delivered: dict[str, int] = field(default_factory=dict)
    in_doubt: int = 0


def _row(draft: NoticeDraft, sweep: NoticeSweep) -> Notice:
    return Notice(
        kind=draft.kind,
        recipient_email=draft.recipient.email.strip().lower(),
        recipient_name=draft.recipient.name,
        recipient_user_id=draft.recipient.user_id,
        subject_key=draft.subject_key,
        about_date=draft.about_date,
        company_id=draft.company_id,
        for_staff=NOTICE_KINDS[draft.kind].for_staff,
        due_on=draft.due_on,
        sweep=sweep,
    )


def notices_sweep(*, today: date | None = None) -> SweepReport:
    today = today or timezone.localdate()
    hooks.daily_sweep(today=today)
    sweep = NoticeSweep.objects.create(day=today)
    report = SweepReport(sweep, in_doubt=notices_mark_in_doubt())
    for kind in NOTICE_KINDS.values():
        if kind.find_due is None:
            continue
        rows = [_row(draft, sweep) for draft in kind.find_due(today) if draft.recipient.email]
        # The claim: a row another sweep (or an earlier day's) already holds is skipped by the database.
        Notice.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    hooks.changed(hooks.Topic.NOTICES)
    claimed = sweep.notices.values("kind").annotate(count=Count("pk")).order_by("kind")
    report.claimed_by_kind = {row["kind"]: row["count"] for row in claimed}
    report.delivered = dict(notices_deliver_due())
    sweep.claimed = sum(report.claimed_by_kind.values())
    sweep.sent = report.delivered.get(Notice.State.SENT, 0)
    sweep.failed = report.delivered.get(Notice.State.RETRYING, 0) + report.delivered.get(Notice.State.FAILED, 0)
    sweep.finished_at = timezone.now()
    sweep.save()
    return report
