"""Celery tasks of the milestones: thin, each calling one service. Their schedules are in settings."""

from celery import shared_task


@shared_task(soft_time_limit=1500, time_limit=1800)
def settle_expired_letters() -> dict:
    """MIL-3, daily: before the notice sweep, so that a de-roll's notice goes out with the day's others."""
    from milestones.services import letters_settle_expired

    settled = letters_settle_expired()
    return {"derolled": len(settled.derolled), "met": len(settled.met)}
