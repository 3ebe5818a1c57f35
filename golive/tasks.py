"""Celery tasks: thin, taking ids, each calling one service."""

from celery import shared_task

from golive.services import import_run_execute


@shared_task(soft_time_limit=3300, time_limit=3600)
def run_import(run_id: int, dry_run: bool) -> str:
    return import_run_execute(run_id=run_id, dry_run=dry_run).state
