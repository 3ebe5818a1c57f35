"""The applications queue at a busy month's size: a page at a time, the oldest first, in a fixed number of
queries however many wait."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from companies import services
from companies.staff_views import APPLICATIONS_PAGE_SIZE
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def test_the_applications_queue_is_paged_the_oldest_first(login, staff_user):
    now = timezone.now()
    waiting = [
        ApplicationFactory(submitted_at=now - timedelta(days=days), company__legal_name=f"Applicant {days:02}")
        for days in range(APPLICATIONS_PAGE_SIZE + 1, 0, -1)
    ]
    staff = login(staff_user)
    first = staff.get(reverse("companies:applications"))
    assert [application.pk for application in first.context["page"]] == [a.pk for a in waiting[:-1]]
    assert "Page 1 of 2" in first.text and f"{APPLICATIONS_PAGE_SIZE + 1}</span></h1>" in first.text
    second = staff.get(reverse("companies:applications"), {"page": 2})
    assert [application.pk for application in second.context["page"]] == [waiting[-1].pk]
    assert "Applicant 01" in second.text and "Applicant 01" not in first.text


def test_the_applications_queue_reads_a_page_in_the_same_queries_however_many_wait(login, staff_user):
    staff = login(staff_user)

    def queries() -> int:
        with CaptureQueriesContext(connection) as read:
            staff.get(reverse("companies:applications"))
        return len(read.captured_queries)

    ApplicationFactory.create_batch(2)
    queries()  # the navigation's counts, kept from here on (nothing here says what it wrote)
    few = queries()
    ApplicationFactory.create_batch(APPLICATIONS_PAGE_SIZE * 2)
    assert queries() == few


def test_the_queue_is_kept_as_rendered_until_an_application_is_decided(
    login, staff_user, django_capture_on_commit_callbacks
):
    """Its count and rows are kept (issue 23: rendering them was most of the page) until a write to the companies or
    their statuses: an application accepted leaves the queue at once. How long each waited is read each time."""
    first, second = (
        ApplicationFactory(company__legal_name="First Ltd."),
        ApplicationFactory(company__legal_name="Next Ltd."),
    )
    staff = login(staff_user)
    assert "First Ltd." in staff.get(reverse("companies:applications")).text
    with CaptureQueriesContext(connection) as kept:
        page = staff.get(reverse("companies:applications"))
    assert not [
        query for query in kept.captured_queries if '"companies_application"."registration_fee"' in query["sql"]
    ]
    assert "minute" in page.text  # waited: read from when it was sent, at each request
    with django_capture_on_commit_callbacks(execute=True):
        services.application_accept(application=first, actor=staff_user)
    page = staff.get(reverse("companies:applications"))
    assert [row.pk for row in page.context["page"]] == [second.pk]
    assert "First Ltd." not in page.text
