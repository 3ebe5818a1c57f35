"""Figures kept until what they read changes (secor/freshness.py, behind the staff dashboard of issues 7 and 23):
every write says what it changed through secor.hooks, and that moves on the figures kept by its topic, and those
kept until any write, now and again when its transaction commits; a figure kept by other topics stays; reads,
and the refresh of kept rows that reads do, move nothing."""

from datetime import date, timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from companies.models import Company
from companies.services import headcounts_refresh
from milestones.models import MilestoneLetter
from secor import hooks
from secor.freshness import kept_until_changed, kept_until_data_changes, topic_changed
from secor.paging import kept_page
from tests.clock import on
from tests.factories import CompanyFactory, EmployeeFactory
from training.summaries import summaries_refresh_all

pytestmark = pytest.mark.django_db


class Counter:
    def __init__(self):
        self.computed = 0

    def __call__(self) -> int:
        self.computed += 1
        return Company.objects.count()


def test_a_kept_figure_is_computed_once_while_only_reads_happen():
    count = Counter()
    CompanyFactory()
    assert [kept_until_data_changes("figure", count) for _ in range(3)] == [1, 1, 1]
    list(Company.objects.all())
    assert kept_until_data_changes("figure", count) == 1
    assert count.computed == 1


@pytest.mark.parametrize("topic", list(hooks.Topic))
def test_a_write_of_any_topic_moves_a_kept_figure_on(topic):
    count = Counter()
    kept_until_data_changes("figure", count)
    CompanyFactory()
    hooks.changed(topic)  # what the service that wrote says
    assert kept_until_data_changes("figure", count) == Company.objects.count()
    assert count.computed == 2


def kept_by_topic(topic: hooks.Topic, compute) -> int:
    return kept_until_changed({f"figure of {topic}": ((topic,), compute)})[f"figure of {topic}"]


@pytest.mark.parametrize("topic", list(hooks.Topic))
def test_a_write_moves_on_the_figures_kept_by_its_topic_and_leaves_the_others(topic):
    """Each figure is kept by the topics it reads: a write computes again only those that read what it wrote."""
    counters = {kept: Counter() for kept in hooks.Topic}
    for kept, count in counters.items():
        kept_by_topic(kept, count)
    CompanyFactory()
    hooks.changed(topic)
    assert {kept: kept_by_topic(kept, count) for kept, count in counters.items()} == {
        kept: Company.objects.count() if kept == topic else 0 for kept in hooks.Topic
    }
    assert {kept for kept, count in counters.items() if count.computed == 2} == {topic}


def test_a_figure_of_several_topics_is_moved_on_by_a_write_to_any_of_them():
    count = Counter()
    topics = (hooks.Topic.TRAINING, hooks.Topic.REVIEWS)

    def kept() -> int:
        return kept_until_changed({"figure": (topics, count)})["figure"]

    kept()
    hooks.changed(hooks.Topic.NOTICES)
    kept()
    assert count.computed == 1
    for topic in topics:
        hooks.changed(topic)
        kept()
    assert count.computed == 3


@pytest.mark.parametrize(
    "keep",
    [
        pytest.param(kept_until_data_changes, id="until any write"),
        pytest.param(lambda key, compute: kept_by_topic(hooks.Topic.COMPANY, compute), id="by its topic"),
    ],
)
def test_what_another_process_kept_while_a_transaction_was_open_is_left_behind_at_its_commit(
    keep, django_capture_on_commit_callbacks
):
    count = Counter()
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        for _ in range(2):
            company = CompanyFactory()
            hooks.changed(hooks.Topic.COMPANY, company_ids=[company.pk])
        # Another process, reading now, sees neither company and keeps 0 under the tokens of this moment.
        keep("figure", lambda: 0)
    # One move of the figures' tokens at the commit, however many changes the transaction said (the values kept
    # per company have their own, secor.company_keep).
    assert len([callback for callback in callbacks if getattr(callback, "func", None) is topic_changed]) == 1
    assert keep("figure", count) == 2


def test_the_dashboard_kept_yesterday_is_computed_again_today(login, staff_user, company):
    """Statuses depend on today ("computed, not stored"): the kept dashboard names its day, so a letter
    expiring in 31 days enters the 30-day window at midnight in Regina with no write in between."""
    MilestoneLetter.objects.create(
        company=company, milestone=1, issued_on=date(2026, 1, 26), expires_on=date(2026, 12, 27)
    )
    client = login(staff_user)

    def letters_within_30_days() -> int:
        table = dict(client.get(reverse("pages:dashboard")).context["deadline_table"])
        return table["Milestone letters expiring (MIL-1, MIL-2)"][0].count

    with on(date(2026, 11, 26), 23, 59, tick=False):
        assert letters_within_30_days() == 0
        assert letters_within_30_days() == 0
    with on(date(2026, 11, 27), 0, 1, tick=False):
        assert letters_within_30_days() == 1


def test_keeping_the_kept_rows_current_moves_nothing(company):
    """A list page refreshes the headcounts and summaries a day has made stale: no figure changes with them."""
    EmployeeFactory(company=company)
    hooks.changed(hooks.Topic.ROSTER, company_ids=[company.pk])  # as adding a person says
    Company.objects.filter(pk=company.pk).update(counted_workers=None)
    count = Counter()
    kept_until_data_changes("figure", count)
    assert headcounts_refresh(today=timezone.localdate()) == 1
    assert summaries_refresh_all(today=timezone.localdate()) >= 1
    kept_until_data_changes("figure", count)
    assert count.computed == 1


def test_elig_1_the_search_for_stale_headcounts_is_skipped_until_a_write_or_a_new_day(company):
    """Every list page searches for the headcounts a day has changed; once it found none, the search waits
    for the next write, or the next day (ELIG-1: a person counts from their start date)."""
    today = timezone.localdate()
    EmployeeFactory(company=company, start_date=today + timedelta(days=1))
    assert headcounts_refresh(today=today) == 1  # the company's count, kept as the factory left it
    assert headcounts_refresh(today=today) == 0
    hooks.changed(hooks.Topic.PROGRAM_SETTINGS)  # a changed setting forgets every count
    assert headcounts_refresh(today=today) == 1
    hooks.changed(hooks.Topic.COMPANY, company_ids=[company.pk])  # any write
    with CaptureQueriesContext(connection) as searched:
        assert headcounts_refresh(today=today) == 0
    assert len(searched) == 1  # the search after the write, finding nothing
    with CaptureQueriesContext(connection) as searched:
        assert headcounts_refresh(today=today) == 0
    assert len(searched) == 0
    company.refresh_from_db()
    before = company.counted_workers
    headcounts_refresh(today=today + timedelta(days=1))  # the new person counts from tomorrow
    company.refresh_from_db()
    assert company.counted_workers == before + 1


def test_a_kept_page_counts_and_renders_its_rows_once_until_a_write_to_its_topics():
    """secor.paging.kept_page (the anniversaries, issue 23): the count and each row are kept by the list's topics;
    a row is rendered once whatever page it is then on, and a write to another topic renders nothing again."""
    first, second, third = CompanyFactory(), CompanyFactory(), CompanyFactory()
    rendered = []

    def render(rows):
        rendered.extend(row.pk for row in rows)
        return {row.pk: row.legal_name for row in rows}

    def page(number):
        companies = Company.objects.order_by("pk")
        return kept_page(companies, number, 2, name="companies", topics=[hooks.Topic.COMPANY], render=render)

    assert list(page(1)) == [first.legal_name, second.legal_name] and page(1).paginator.count == 3
    assert list(page(2)) == [third.legal_name] and rendered == [first.pk, second.pk, third.pk]
    Company.objects.filter(pk=first.pk).update(legal_name="Renamed Ltd.")
    hooks.changed(hooks.Topic.TRAINING, company_ids=[first.pk])  # not what the list reads
    assert list(page(1)) == [first.legal_name, second.legal_name] and len(rendered) == 3
    CompanyFactory()
    hooks.changed(hooks.Topic.COMPANY, company_ids=[first.pk])
    assert list(page(1)) == ["Renamed Ltd.", second.legal_name] and page(2).paginator.count == 4
