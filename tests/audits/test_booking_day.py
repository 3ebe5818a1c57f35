"""Booking an audit (AUD-2, AUD-3): a weekend or a Saskatchewan statutory holiday is asked to be confirmed first,
as a plain form post; the booking has a start time, shown wherever the booking is: the pages, the email and the
auditor's calendar feed."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from audits.audit.rules import booking_day_warning
from audits.models import Audit, AuditRequest
from tests.clock import on
from tests.factories import ManualSubmissionFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 1)


def test_aud_3_a_weekend_or_a_saskatchewan_statutory_holiday_is_warned_of():
    assert booking_day_warning(date(2026, 8, 3)) == (
        "Monday, August 3, 2026 is Saskatchewan Day, a statutory holiday in Saskatchewan."
    )
    assert (
        booking_day_warning(date(2026, 9, 7))
        == "Monday, September 7, 2026 is Labour Day, a statutory holiday in Saskatchewan."
    )
    assert booking_day_warning(date(2026, 8, 8)) == "August 8, 2026 is a Saturday."
    assert booking_day_warning(date(2026, 8, 4)) is None


@pytest.fixture
def requested(company, employer):
    ManualSubmissionFactory(company=company, status="accepted", submitted_on=date(2026, 1, 5))
    AuditRequest.objects.create(
        company=company,
        site_assessment=company.documents.first(),
        compliance_declaration=company.documents.first(),
        system_functioning_since=date(2025, 1, 1),
        requested_by=employer,
    )
    return company


def test_aud_3_booking_on_a_holiday_asks_first_and_the_booking_keeps_its_time(
    login, staff_user, auditor, employer, requested, client, django_capture_on_commit_callbacks
):
    url = reverse("audits:audit_schedule", args=[requested.pk])
    booking = {"kind": "baseline", "auditor": auditor.pk, "scheduled_on": "2026-08-03", "starts_at": "09:30"}
    staff = login(staff_user)
    with on(TODAY):
        # Too early and on a weekend: the date's error comes first, by its field, before any question.
        early = staff.post(url, booking | {"scheduled_on": "2026-07-04"})
        assert early.context["form"].errors["scheduled_on"][0].startswith("Audits are scheduled 2 to 3 months")
        asking = staff.post(url, booking).content.decode()
        assert "Saskatchewan Day, a statutory holiday in Saskatchewan" in asking
        assert 'name="confirmed" value="yes"' in asking and 'name="starts_at" value="09:30"' in asking
        assert not Audit.objects.exists()
        with django_capture_on_commit_callbacks(execute=True):
            done = staff.post(url, booking | {"confirmed": "yes"}, follow=True).content.decode()
    assert "booked for August 3, 2026 at 9:30 a.m." in done
    audit = Audit.objects.get()
    assert (audit.scheduled_on, audit.starts_at.isoformat()) == (date(2026, 8, 3), "09:30:00")
    assert "August 3, 2026 at 9:30 a.m." in login(employer).get(reverse("audits:audits", args=[requested.pk])).text
    booked = "booked for August 3, 2026 at 9:30 a.m. (Saskatchewan time)"
    assert any(booked in message.body for message in mail.outbox)
    login(auditor).post(reverse("audits:my_audit_calendar"))
    with on(TODAY):
        feed = client.get(reverse("audits:auditor_calendar_feed", args=[auditor.audit_calendar.token])).text
    assert "DTSTART:20260803T153000Z" in feed  # 9:30 in Saskatchewan, UTC-6 all year


def test_aud_2_a_working_day_is_booked_at_once(login, staff_user, auditor, requested):
    url = reverse("audits:audit_schedule", args=[requested.pk])
    booking = {"kind": "baseline", "auditor": auditor.pk, "scheduled_on": "2026-08-04", "starts_at": "13:00"}
    with on(TODAY):
        assert login(staff_user).post(url, booking).status_code == 302
    assert Audit.objects.get().when == "August 4, 2026 at 1:00 p.m."
