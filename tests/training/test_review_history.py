"""A row of the training chart and of the review queue shows the latest version of its review, the one a reviewer
acts on; every earlier version, with what the reviewers said, is the review's history page, opened on demand
(issue 23: the queue and the chart no longer read or render every version on every row)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from secor.reviews.inputs import SectionVerdict
from secor.reviews.models import SectionComment
from secor.reviews.services import review_resubmit, review_return
from tests.factories import DocumentFactory, ManualSubmissionFactory, TrainingRecordFactory, UserFactory, course
from training.models import TrainingRecord
from training.rules import CourseCode

pytestmark = pytest.mark.django_db

QUEUE = reverse("training:verification_queue")


def corrected(record: TrainingRecord, times: int, staff) -> TrainingRecord:
    """The record returned and corrected `times` times: version `times + 1` waits, each earlier one returned
    with its reason (the first also with a verdict on a section, as the manual's reviewers give them)."""
    for number in range(1, times + 1):
        sections = [SectionVerdict("Certificate", SectionComment.Verdict.CORRECTIONS, "Unreadable scan")]
        review_return(
            review=record.review, actor=staff, comments=f"Reason {number}", sections=sections if number == 1 else ()
        )
        document = DocumentFactory(company=record.company, kind="certificate")
        review_resubmit(review=record.review, actor=UserFactory(first_name="Pat", last_name="Lee"), document=document)
    record.review.refresh_from_db()
    return record


@pytest.fixture
def waiting(company, worker, staff_user):
    """Version 3 of a course record waits for staff, after two returns."""
    record = TrainingRecordFactory(
        employee=worker, course=course(CourseCode.SAFETY_MANAGEMENT), status=TrainingRecord.Status.PENDING
    )
    return corrected(record, 2, staff_user)


def row_of(response, element_id: str, *, ends: str = "</li>") -> str:
    """The queue's card (or with `ends="</tr>"`, the chart's row) of that id."""
    body = response.content.decode()
    start = body.index(f'id="{element_id}"')
    return body[start : body.index(ends, start)]


def test_a_queue_row_shows_the_latest_version_the_last_return_and_a_link_to_the_versions(
    login, company, staff_user, waiting
):
    history = reverse("training:review_versions", args=[company.pk, waiting.review_id])
    row = row_of(login(staff_user).get(QUEUE), f"record-{waiting.pk}")
    assert "Version 3, sent" in row and "by Pat Lee" in row
    assert "Returned before: “Reason 2”" in row
    assert re.search(rf'<a [^>]*href="{history}"[^>]*>3 versions</a>', row)
    # The earlier versions are not on the row: their reasons and verdicts are the history page's.
    assert "Reason 1" not in row and "Unreadable scan" not in row


def test_a_chart_row_shows_the_latest_version_and_a_link_to_the_versions(login, company, employer, waiting):
    response = login(employer).get(reverse("training:chart", args=[company.pk]))
    history = reverse("training:review_versions", args=[company.pk, waiting.review_id])
    row = row_of(response, f"record-{waiting.pk}", ends="</tr>")
    assert "Version 3, sent" in row and "Returned before: “Reason 2”" in row
    assert f'href="{history}"' in row and ">3 versions</a>" in row
    assert "Reason 1" not in row


def test_a_single_version_waiting_has_no_history_to_open(login, company, staff_user, worker):
    record = TrainingRecordFactory(employee=worker, status=TrainingRecord.Status.PENDING)
    row = row_of(login(staff_user).get(QUEUE), f"record-{record.pk}")
    assert "Version 1, sent" in row
    assert "review_versions" not in row and "/versions/" not in row and "Returned before" not in row


def test_the_history_page_lists_every_version_newest_first_with_comments_and_section_verdicts(
    login, company, employer, waiting
):
    response = login(employer).get(reverse("training:review_versions", args=[company.pk, waiting.review_id]))
    assert response.status_code == 200
    body = response.content.decode()
    assert re.findall(r'data-version="(\d+)"', body) == ["3", "2", "1"]
    assert "Under review" in body
    assert "“Reason 2”" in body and "“Reason 1”" in body
    assert "Certificate</span>: Corrections required — Unreadable scan" in body
    assert re.search(r"<h1[^>]*>Safety Management of Jane Doe: every version", body)


def test_the_history_opened_in_a_row_is_the_versions_alone(login, company, staff_user, waiting):
    response = login(staff_user).get(
        reverse("training:review_versions", args=[company.pk, waiting.review_id]), headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert "<html" not in body and body.strip().startswith("<details")
    assert re.findall(r'data-version="(\d+)"', body) == ["3", "2", "1"]
    assert "HX-Request" in response["Vary"]


def test_the_history_of_another_kind_of_review_of_the_company_is_not_found(login, company, employer):
    """The page is a training row's: the manual's review has its own page (404, like another company's)."""
    manual = ManualSubmissionFactory(company=company)
    response = login(employer).get(reverse("training:review_versions", args=[company.pk, manual.review_id]))
    assert response.status_code == 404


@pytest.mark.parametrize("page", ["queue", "chart"])
def test_the_rows_queries_do_not_grow_with_the_versions(login, company, staff_user, worker, page):
    """One row with one version, then ten rows with four versions each: the same queries, none of which loads the
    versions themselves (each row's latest comes with it, the last return's comments as a subquery)."""
    client = login(staff_user)
    url = QUEUE if page == "queue" else reverse("training:chart", args=[company.pk])

    def queries() -> list[str]:
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return [query["sql"] for query in captured.captured_queries]

    TrainingRecordFactory(employee=worker, status=TrainingRecord.Status.PENDING)
    few = queries()
    for _ in range(10):
        corrected(TrainingRecordFactory(employee=worker, status=TrainingRecord.Status.PENDING), 3, staff_user)
    many = queries()
    assert len(many) == len(few)
    versions_read = ('SELECT "reviews_reviewversion".', 'SELECT "reviews_sectioncomment".')
    assert not [sql for sql in many if sql.startswith(versions_read)]
