"""Celery tasks of the training app: thin, each calling one service. Their schedules are in settings."""

from celery import shared_task
from django.utils import timezone

from training.chart_pdf import chart_pdfs_keep
from training.summaries import summaries_refresh_all


@shared_task(soft_time_limit=1500, time_limit=1800)
def refresh_training_summaries() -> int:
    """Daily, before anyone opens a list, and after a change every chart reads: compute the summaries whose
    deadline or expiry has come, or that were cleared."""
    return summaries_refresh_all(today=timezone.localdate())


@shared_task
def keep_training_chart_pdfs(company_ids: list[int]) -> int:
    """After a write to these companies' charts: render and keep them, so that their download reads them kept."""
    return chart_pdfs_keep(company_ids=company_ids)
