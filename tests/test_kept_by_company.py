"""Figures over every company kept company by company (secor/kept_by_company.py, behind the staff dashboard of
issue 23): a write naming a company computes again that company's share alone, on the figure's topics; a write
naming none, or one the log cannot tell, counts the figure whole; a share computed while a transaction was open
is computed again once it commits."""

import pytest
from django.core.cache import cache
from django.db import transaction

from companies.models import Company
from secor import hooks
from secor import kept_by_company as kept_by_company_module
from secor.kept_by_company import MOST_COMPANIES, Key, compute_ahead, kept_by_company, kept_totals_by_company
from tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db
Topic = hooks.Topic


class Shares:
    """Each company's share of "withdrawn": 1 for a withdrawn company; and which companies each call computed."""

    def __init__(self):
        self.calls: list[frozenset[int] | None] = []

    def __call__(self, company_ids):
        self.calls.append(None if company_ids is None else frozenset(company_ids))
        companies = Company.objects.filter(status=Company.Status.WITHDRAWN)
        if company_ids is not None:
            companies = companies.filter(pk__in=company_ids)
        return {"withdrawn": dict.fromkeys(companies.values_list("pk", flat=True), 1)}


@pytest.fixture(params=["shares", "totals"])
def kept(request):
    """How many are withdrawn, as the figure kept by `compute` says: from every company's share, or from the totals
    kept (which read the shares of the companies named since alone)."""

    def withdrawn(compute) -> int:
        if request.param == "shares":
            shares = kept_by_company("figure:now", topics=(Topic.COMPANY_STATUS,), compute=compute)
            return sum(shares.get("withdrawn", {}).values())
        return kept_totals_by_company("figure:now", topics=(Topic.COMPANY_STATUS,), compute=compute).get("withdrawn", 0)

    return withdrawn


def withdraw(company: Company) -> None:
    Company.objects.filter(pk=company.pk).update(status=Company.Status.WITHDRAWN)


def test_a_write_naming_a_company_computes_again_that_companys_share_alone(kept):
    shares = Shares()
    first, second = CompanyFactory(), CompanyFactory()
    withdraw(first)
    assert kept(shares) == 1
    withdraw(second)
    hooks.changed(Topic.COMPANY_STATUS, company_ids=[second.pk])  # what the status service says
    assert [kept(shares), kept(shares)] == [2, 2]
    assert shares.calls == [None, frozenset({second.pk})]


def test_a_write_to_another_topic_computes_nothing_again(kept):
    shares = Shares()
    company = CompanyFactory()
    assert kept(shares) == 0
    withdraw(company)
    hooks.changed(Topic.TRAINING, company_ids=[company.pk])  # not a topic the figure reads
    assert kept(shares) == 0
    assert shares.calls == [None]


@pytest.mark.parametrize(
    "named", [pytest.param(lambda company: [], id="naming none"), pytest.param(None, id="too many companies")]
)
def test_a_write_naming_no_company_or_too_many_counts_the_figure_whole(named, kept):
    shares = Shares()
    company = CompanyFactory()
    assert kept(shares) == 0
    withdraw(company)
    company_ids = named(company) if named else [company.pk, *range(10**6, 10**6 + MOST_COMPANIES)]
    hooks.changed(Topic.COMPANY_STATUS, company_ids=company_ids)
    assert kept(shares) == 1
    assert shares.calls == [None, None]


def test_a_share_computed_while_a_transaction_was_open_is_computed_again_at_its_commit(
    django_capture_on_commit_callbacks, kept
):
    shares = Shares()
    company = CompanyFactory()
    assert kept(shares) == 0
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        withdraw(company)
        hooks.changed(Topic.COMPANY_STATUS, company_ids=[company.pk])
        # Another process, reading now, does not see the withdrawal yet: its share is kept as 0.
        kept(lambda ids: {"withdrawn": {}})
    assert kept(shares) == 1
    assert shares.calls == [None, frozenset({company.pk})]


def test_a_write_computes_its_companys_shares_ahead_as_it_commits(
    django_capture_on_commit_callbacks, monkeypatch, kept
):
    """The write pays for what it changed: the reads after its commit find its company's share computed."""
    shares, ahead = Shares(), Shares()
    monkeypatch.setattr(kept_by_company_module, "_AHEAD", [])
    compute_ahead(topics=(Topic.COMPANY_STATUS,), key=Key("figure", lambda: "now"), compute=ahead)
    company = CompanyFactory()
    assert kept(shares) == 0
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        withdraw(company)
        hooks.changed(Topic.COMPANY_STATUS, company_ids=[company.pk])
    assert [kept(shares), kept(shares)] == [1, 1]
    assert (shares.calls, ahead.calls) == ([None], [frozenset({company.pk})])


def test_the_shares_of_one_write_after_another_add_up(kept):
    """Each company is brought up to date by its latest write, whichever came first, and a share gone counts none."""
    shares = Shares()
    first, second = CompanyFactory(), CompanyFactory()
    withdraw(first)
    assert kept(shares) == 1
    for company, status, withdrawn in (
        (second, Company.Status.WITHDRAWN, 2),
        (first, Company.Status.REGISTERED, 1),
        (second, Company.Status.REGISTERED, 0),
    ):
        Company.objects.filter(pk=company.pk).update(status=status)
        hooks.changed(Topic.COMPANY_STATUS, company_ids=[company.pk])
        assert kept(shares) == withdrawn
    assert shares.calls == [None, frozenset({second.pk}), frozenset({first.pk}), frozenset({second.pk})]


def test_no_share_is_computed_ahead_for_a_figure_nobody_kept_today(django_capture_on_commit_callbacks, monkeypatch):
    """The nightly job's writes, before anyone has opened a page today, compute nothing ahead for it."""
    ahead = Shares()
    monkeypatch.setattr(kept_by_company_module, "_AHEAD", [])
    compute_ahead(topics=(Topic.COMPANY_STATUS,), key=Key("figure", lambda: "now"), compute=ahead)
    company = CompanyFactory()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        withdraw(company)
        hooks.changed(Topic.COMPANY_STATUS, company_ids=[company.pk])
    assert ahead.calls == []


def test_the_notices_ledger_is_not_logged_and_no_figure_kept_by_company_reads_it():
    """Every notice sent says NOTICES (hundreds a sweep): none is an entry of the log, so the log's entries are
    the writes the figures read; and a figure reading the ledger is refused rather than left behind it."""
    company = CompanyFactory()
    last = cache.get(kept_by_company_module.LAST_KEY)
    hooks.changed(Topic.NOTICES, company_ids=[company.pk])
    assert cache.get(kept_by_company_module.LAST_KEY) == last
    with pytest.raises(ValueError, match="does not record"):
        kept_by_company("figure:notices", topics=(Topic.NOTICES,), compute=Shares())
