"""Celery tasks of the pages that combine apps: thin, each calling one function."""

from celery import shared_task

from secor.pages.companies import list_rows_keep


@shared_task
def keep_company_list_rows(company_ids: list[int]) -> int:
    """After a write naming these companies: render and keep their rows of the company list."""
    return list_rows_keep(company_ids=company_ids)
