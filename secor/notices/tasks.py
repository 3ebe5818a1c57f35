"""Celery tasks: thin, taking ids, each calling one service. Their schedules are in settings."""

from celery import shared_task

from secor.notices.services import notice_deliver, notices_deliver_due, notices_mark_in_doubt, notices_sweep


@shared_task(soft_time_limit=90, time_limit=120)
def deliver_notice(notice_id: int) -> str:
    return notice_deliver(notice_id=notice_id)


@shared_task(soft_time_limit=240, time_limit=270)
def deliver_due_notices() -> dict:
    """Every few minutes: retries now due, and notices whose hand-off to a worker was lost."""
    notices_mark_in_doubt()
    return dict(notices_deliver_due(limit=500))


@shared_task(soft_time_limit=1500, time_limit=1800)
def run_notice_sweep() -> dict:
    report = notices_sweep()
    return {"claimed": report.claimed_by_kind, "delivered": report.delivered, "in_doubt": report.in_doubt}
