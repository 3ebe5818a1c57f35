"""Celery tasks of the training app: thin, each calling one service. Their schedules are in settings."""

from celery import shared_task
from django.utils import timezone

from training.summaries import summaries_refresh_all


@shared_task(soft_time_limit=1500, time_limit=1800)
def refresh_training_summaries() -> int:
    """Daily, before anyone opens a list, and after a change every chart reads: compute the summaries whose
    deadline or expiry has come, or that were cleared."""
    return summaries_refresh_all(today=timezone.localdate())
