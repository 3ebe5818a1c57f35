"""Pages run a fixed number of queries whatever the data size, at most 15 (issue 7)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse, reverse_lazy
from django.utils import timezone

from audits.models import ManualFile
from companies.services.headcounts import headcounts_refresh_for
from milestones.models import MilestoneLetter
from milestones.services import letter_issue
from tests.factories import (
    CompanyFactory,
    DocumentFactory,
    EmployeeFactory,
    ManualSubmissionFactory,
    TrainingRecordFactory,
    course,
)
from tests.training.test_chart import designate
from training.rules import CourseCode

pytestmark = pytest.mark.django_db
MAX_QUERIES = 15  # issue 7: at most 15 queries a page, whatever the data size


def queries_of(client, url) -> int:
    client.get(url)  # the first view also keeps the company's summaries: a fixed batch of its own
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def add_people(company, count):
    for _ in range(count):
        person = EmployeeFactory(company=company)
        TrainingRecordFactory(employee=person, course=course(CourseCode.SCOT), completed_on=date(2025, 1, 6))
    # The roster's services keep the headcount as they change it (the factories bypass them).
    headcounts_refresh_for(company_ids=[company.pk])


@pytest.fixture(autouse=True)
def _registered_with_its_letter(company):
    """A registered company has its Milestone #1 letter (MIL-1); the company page shows it."""
    letter_issue(company=company, milestone=MilestoneLetter.Milestone.FIRST, actor=None)


@pytest.mark.parametrize("page", ["companies:detail", "training:chart", "companies:roster"])
def test_employer_pages_run_at_most_15_queries_however_big_the_roster(login, company, employer, page):
    client = login(employer)
    url = reverse(page, args=[company.pk])
    add_people(company, 2)
    designate(company.employees.first(), *CourseCode.DESIGNATED)
    few = queries_of(client, url)
    add_people(company, 12)
    assert queries_of(client, url) == few <= MAX_QUERIES


def test_the_staff_company_page_runs_at_most_15_queries_however_big_the_roster(login, company, staff_user, auditor):
    client = login(staff_user)
    url = reverse("companies:detail", args=[company.pk])
    add_people(company, 2)
    few = queries_of(client, url)
    add_people(company, 12)
    assert queries_of(client, url) == few <= MAX_QUERIES


def _manuals(count: int, **kwargs) -> None:
    for _ in range(count):
        ManualSubmissionFactory(**kwargs)


def _letters(count: int) -> None:
    today = timezone.localdate()
    for _ in range(count):
        MilestoneLetter.objects.create(
            company=CompanyFactory(),
            milestone=MilestoneLetter.Milestone.FIRST,
            issued_on=today - timedelta(days=340),
            expires_on=today + timedelta(days=25),
            next_requested_at=timezone.now(),
        )


@pytest.mark.parametrize(
    ("url", "add"),
    [
        pytest.param(reverse_lazy("manual_queue"), _manuals, id="manual queue"),
        pytest.param(reverse_lazy("milestones_watch"), _letters, id="milestone letters to watch"),
        pytest.param(reverse_lazy("companies:list") + "?stage=courses", _letters, id="company list by stage"),
    ],
)
def test_man_2_mil_3_the_staff_queues_run_a_fixed_number_of_queries(login, staff_user, auditor, url, add):
    client = login(staff_user)
    add(2)
    few = queries_of(client, str(url))
    add(8)
    assert queries_of(client, str(url)) == few <= MAX_QUERIES


def test_man_2_the_manual_page_runs_a_fixed_number_of_queries_whatever_its_versions(login, company, employer):
    from audits.selectors import audit_tool_on, sections_of
    from secor.reviews.services import review_resubmit

    manual = ManualSubmissionFactory(company=company, status="returned")
    url = reverse("audits:manual", args=[company.pk])
    few = queries_of(login(employer), url)
    for _ in range(3):
        review_resubmit(review=manual.review, actor=employer, from_states=["submitted"])
        version = manual.review.versions.order_by("-number").first()
        ManualFile.objects.create(version=version, document=DocumentFactory(company=company)).sections.set(
            sections_of(audit_tool_on(timezone.localdate()))
        )
    assert queries_of(login(employer), url) == few <= MAX_QUERIES
