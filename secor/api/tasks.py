"""Celery tasks: thin, each calling one service. The schedule is in settings (CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from secor.api.services import partner_events_claim


@shared_task(soft_time_limit=240, time_limit=270)
def claim_partner_events() -> int:
    """Every few minutes: the change events since the last days, claimed once for each subscription and handed to
    the workers (delivered, and retried, by the notice ledger)."""
    return len(partner_events_claim())
