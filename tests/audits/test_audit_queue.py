"""Staff's queue of the audit requests waiting to be booked (AUD-1, AUD-2): the oldest first, each with the first
date an audit booked today may be held, counted in the navigation and on the dashboard."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from audits.audit import services
from audits.models import AuditRequest
from companies.models import Company
from tests.clock import on
from tests.factories import CompanyFactory, DocumentFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 1)


def waiting_request(company, employer, requested_on: date) -> AuditRequest:
    document = DocumentFactory(company=company)
    return AuditRequest.objects.create(
        company=company,
        site_assessment=document,
        compliance_declaration=document,
        system_functioning_since=date(2025, 10, 1),
        requested_by=employer,
        requested_at=datetime(requested_on.year, requested_on.month, requested_on.day, 9, tzinfo=ZoneInfo("UTC")),
    )


@pytest.fixture
def requests(company, employer, other_company, other_employer):
    newer = waiting_request(company, employer, date(2026, 5, 20))
    older = waiting_request(other_company, other_employer, date(2026, 5, 2))
    withdrawn = CompanyFactory(status=Company.Status.WITHDRAWN)
    waiting_request(withdrawn, employer, date(2026, 4, 1))  # not registered: nothing to book
    return older, newer


def test_aud_2_the_queue_lists_the_requests_oldest_first_with_the_first_possible_date(login, staff_user, requests):
    with on(TODAY):
        page = login(staff_user).get(reverse("audits:audit_requests"))
    assert [row.pk for row in page.context["page"]] == [request.pk for request in requests]
    text = page.content.decode()
    assert "the first possible date is <strong>August 1, 2026</strong>" in text
    assert text.count('<td data-label="First possible date">August 1, 2026</td>') == 2
    assert reverse("audits:audit_schedule", args=[requests[0].company_id]) in text


def test_aud_2_the_navigation_and_the_dashboard_count_the_requests_and_a_booked_one_leaves(
    login, staff_user, auditor, requests, company
):
    with on(TODAY):
        client = login(staff_user)
        page = client.get(reverse("pages:dashboard"))
        assert page.context["waiting"]["audit_requests"] == 2
        assert 'data-waiting="audit_requests">2<' in page.content.decode()
        assert reverse("audits:audit_requests") in page.content.decode()
        services.audit_schedule(company=company, actor=staff_user, auditor=auditor, scheduled_on=date(2026, 8, 3))
        assert client.get(reverse("companies:list")).context["waiting"]["audit_requests"] == 1
        assert [row.pk for row in client.get(reverse("audits:audit_requests")).context["page"]] == [requests[0].pk]
