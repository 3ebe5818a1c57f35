"""The company timeline: events with a kind and a subject, paged and filterable on the company page."""

import pytest
from django.urls import reverse

from companies import events, services
from secor.timeline.models import Event
from secor.timeline.services import event_record
from tests.factories import EmployeeFactory


def test_an_event_records_its_kind_subject_and_data(company, staff_user):
    services.company_change_status(company=company, actor=staff_user, action="withdraw", reason="Closed its doors")
    event = Event.objects.get(company=company)
    assert (event.kind, event.subject, event.actor) == (events.STATUS, company, staff_user)
    assert event.data == {"from": "registered", "to": "withdrawn"}


def test_an_undeclared_kind_is_a_programming_error(company):
    with pytest.raises(ValueError, match="Undeclared timeline kind"):
        event_record(company=company, actor=None, kind="gossip", summary="Nobody declared this")


def test_the_company_page_filters_the_timeline_by_kind(login, company, employer):
    services.company_update_details(company=company, actor=employer, data={"phone": "306-555-0999"})
    employee = EmployeeFactory(company=company)
    event_record(company=company, actor=employer, kind=events.ROSTER, subject=employee, summary="Added")
    page = login(employer).get(reverse("companies:detail", args=[company.pk]), {"events": events.ROSTER})
    shown = [event.subject for event in page.context["timeline"]]
    assert shown == [employee]
    assert "Company details changed" not in page.text


def test_the_company_page_shows_the_timeline_a_page_at_a_time(login, company, employer):
    for number in range(45):
        event_record(company=company, actor=employer, kind=events.DETAILS, summary=f"Change number {number}")
    client = login(employer)
    first = client.get(reverse("companies:detail", args=[company.pk]))
    assert "Change number 44" in first.text and "Change number 24" not in first.text
    assert "events_page=2#timeline" in first.text
    third = client.get(reverse("companies:detail", args=[company.pk]), {"events_page": 3})
    assert "Change number 0" in third.text and "Change number 44" not in third.text
