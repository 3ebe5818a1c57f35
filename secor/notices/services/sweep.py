"""The daily sweep (NTC-1): the apps' daily work first (secor.hooks.DAILY_SWEEP: MIL-3's de-rolls), then
claim every deadline notice now due, then send what is waiting.

"Due" is "its send date has come and the date it is about has not passed", so a sweep that did not run for
some days catches up, and a second run the same day claims nothing new (the ledger refuses it; with nothing
written since the first, it does not even search).
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count
from django.utils import timezone

from secor import hooks
from secor.freshness import unless_done_since_changed
from secor.notices import golive
from secor.notices.kinds import NOTICE_KINDS, NoticeDraft
from secor.notices.models import Notice, NoticeSweep
from secor.notices.services.delivery import notices_deliver_due, notices_mark_in_doubt


@dataclass
class SweepReport:
    sweep: NoticeSweep
    claimed_by_kind: dict[str, int] = field(default_factory=dict)
    delivered: dict[str, int] = field(default_factory=dict)
    in_doubt: int = 0
    # Go-live: the notices that fell due before it, recorded and not sent.
    before_go_live_by_kind: dict[str, int] = field(default_factory=dict)


# The finders read the program's data and the day, never the ledger: run again the same day with nothing written
# since but notices, they would find only what the ledger holds already (a whole province's search for nothing).
FINDERS_READ = tuple(topic for topic in hooks.Topic if topic != hooks.Topic.NOTICES)


def _claim_due(sweep: NoticeSweep) -> None:
    go_live, switched_on = golive.go_live_on(), golive.kinds_switched_on()
    for kind in golive.deadline_kinds():
        if kind.key not in switched_on:
            continue
        rows = [_row(draft, sweep, go_live) for draft in kind.find_due(sweep.day) if draft.recipient.email]
        # The claim: a row another sweep (or an earlier day's) already holds is skipped by the database.
        Notice.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)


def _row(draft: NoticeDraft, sweep: NoticeSweep, go_live: date | None) -> Notice:
    held = golive.before_go_live(draft, go_live)
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
        # Due before go-live: kept in the ledger (so it is never claimed again), never sent.
        **({"state": Notice.State.BEFORE_GO_LIVE, "next_attempt_at": None} if held else {}),
    )


def notices_sweep(*, today: date | None = None) -> SweepReport:
    today = today or timezone.localdate()
    hooks.daily_sweep(today=today)
    sweep = NoticeSweep.objects.create(day=today)
    report = SweepReport(sweep, in_doubt=notices_mark_in_doubt())
    if unless_done_since_changed("notice-finders", today=today, topics=FINDERS_READ, work=lambda: _claim_due(sweep)):
        hooks.changed(hooks.Topic.NOTICES)
    claimed = sweep.notices.values("kind", "state").annotate(count=Count("pk")).order_by("kind")
    for row in claimed:
        held = row["state"] == Notice.State.BEFORE_GO_LIVE
        counts = report.before_go_live_by_kind if held else report.claimed_by_kind
        counts[row["kind"]] = counts.get(row["kind"], 0) + row["count"]
    report.delivered = dict(notices_deliver_due())
    sweep.claimed = sum(report.claimed_by_kind.values())
    sweep.sent = report.delivered.get(Notice.State.SENT, 0)
    sweep.failed = report.delivered.get(Notice.State.RETRYING, 0) + report.delivered.get(Notice.State.FAILED, 0)
    sweep.finished_at = timezone.now()
    sweep.save()
    return report
