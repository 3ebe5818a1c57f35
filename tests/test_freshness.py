"""Figures kept until SECOR's data changes (secor/freshness.py, behind the staff dashboard of issue 7): any
write moves them on, through a model or a queryset, in this process or in another; reads do not."""

from datetime import date, timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from companies.models import Company
from companies.services import headcounts_refresh
from milestones.models import MilestoneLetter
from secor.freshness import kept_until_data_changes
from tests.clock import on
from tests.factories import CompanyFactory, EmployeeFactory

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


@pytest.mark.parametrize(
    "write",
    [
        pytest.param(lambda company: CompanyFactory(), id="a model saved"),
        pytest.param(lambda company: Company.objects.filter(pk=company.pk).update(city="Moose Jaw"), id="update"),
        pytest.param(lambda company: Company.objects.filter(pk=company.pk).delete(), id="queryset delete"),
        pytest.param(lambda company: Company.objects.bulk_create([CompanyFactory.build()]), id="bulk create"),
    ],
)
def test_any_write_moves_a_kept_figure_on_even_one_that_sends_no_signal(write):
    company = CompanyFactory()
    count = Counter()
    kept_until_data_changes("figure", count)
    write(company)
    assert kept_until_data_changes("figure", count) == Company.objects.count()
    assert count.computed == 2


def test_sql_by_hand_moves_it_on_too_and_a_session_saved_does_not():
    count = Counter()
    kept_until_data_changes("figure", count)
    session = SessionStore()
    session["seen"] = True
    session.save()  # every signed-in page may save its session (its sliding end): no figure reads it
    assert kept_until_data_changes("figure", count) == 0 and count.computed == 1
    CompanyFactory()  # kept in the test's transaction, then counted by hand below
    with connection.cursor() as cursor:
        cursor.execute("UPDATE companies_company SET city = 'Estevan'")
    kept_until_data_changes("figure", count)
    assert count.computed == 2


def test_what_another_process_kept_while_a_transaction_was_open_is_left_behind_at_its_commit(
    django_capture_on_commit_callbacks,
):
    count = Counter()
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        CompanyFactory()
        CompanyFactory()
        # Another process, reading now, sees neither company and keeps 0 under the token of this moment.
        kept_until_data_changes("figure", lambda: 0)
    assert len(callbacks) == 1  # one move at the commit, however many statements the transaction ran
    assert kept_until_data_changes("figure", count) == 2


def test_the_dashboard_kept_yesterday_is_computed_again_today(login, staff_user, company):
    """Statuses depend on today ("computed, not stored"): the kept dashboard names its day, so a letter
    expiring in 31 days enters the 30-day window at midnight in Regina with no write in between."""
    MilestoneLetter.objects.create(
        company=company, milestone=1, issued_on=date(2026, 1, 26), expires_on=date(2026, 12, 27)
    )
    client = login(staff_user)

    def letters_within_30_days() -> int:
        table = dict(client.get(reverse("dashboard")).context["deadline_table"])
        return table["Milestone letters expiring (MIL-1, MIL-2)"][0].count

    with on(date(2026, 11, 26), 23, 59, tick=False):
        assert letters_within_30_days() == 0
        assert letters_within_30_days() == 0
    with on(date(2026, 11, 27), 0, 1, tick=False):
        assert letters_within_30_days() == 1


def test_a_write_that_changes_no_row_moves_nothing():
    count = Counter()
    kept_until_data_changes("figure", count)
    Company.objects.filter(pk=-1).update(city="Estevan")  # a refresh that found everything current
    kept_until_data_changes("figure", count)
    assert count.computed == 1


def test_elig_1_the_search_for_stale_headcounts_is_skipped_until_a_write_or_a_new_day(company):
    """Every list page searches for the headcounts a day has changed; once it found none, the search waits
    for the next write, or the next day (ELIG-1: a person counts from their start date)."""
    today = timezone.localdate()
    EmployeeFactory(company=company, start_date=today + timedelta(days=1))
    assert headcounts_refresh(today=today) == 1  # the company's count, kept as the factory left it
    assert headcounts_refresh(today=today) == 0
    Company.objects.filter(pk=company.pk).update(counted_workers=None)  # as a changed setting forgets them
    assert headcounts_refresh(today=today) == 1
    Company.objects.filter(pk=company.pk).update(city="Estevan")  # any write
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
