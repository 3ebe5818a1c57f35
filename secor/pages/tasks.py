"""Celery tasks of the pages that combine apps: thin, each calling one function."""

from celery import shared_task

from secor.pages.companies import company_page_data_keep, list_rows_keep


@shared_task
def keep_company_list_rows(company_ids: list[int]) -> int:
    """After a write naming these companies: render and keep their rows of the company list."""
    return list_rows_keep(company_ids=company_ids)


@shared_task
def keep_company_page_data(company_ids: list[int]) -> int:
    """After a write naming these companies: compute and keep what their pages show."""
    return company_page_data_keep(company_ids=company_ids)
