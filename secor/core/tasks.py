"""Celery tasks of SECOR's core: thin, each calling one function."""

from celery import shared_task

from secor import hooks, kept_by_company


@shared_task
def compute_shares_ahead(number: int, topics: list[str], company_ids: list[int]) -> None:
    """Once a write has committed: its companies' shares of the figures kept company by company, for the pages that
    read them next (secor.kept_by_company)."""
    kept_by_company.shares_compute(number, [hooks.Topic(topic) for topic in topics], company_ids)
