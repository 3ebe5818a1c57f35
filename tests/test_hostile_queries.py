"""Hostile addresses cost a 400 or are ignored, never a server error (issue 25): Unicode digits where a number
is read ("²": `str.isdigit` says yes, `int` refuses), a NUL that PostgreSQL cannot hold, months whose
neighbours are outside the dates Python has. Every list reads its address through secor.query."""

from datetime import date

import pytest
from django.urls import reverse

from secor.query import month, one_of, whole_number

pytestmark = pytest.mark.django_db


def test_unicode_digits_in_page_numbers_and_counts_are_ignored(login, staff_user, employer, company):
    as_employer = login(employer)
    for url in [
        reverse("training:chart", args=[company.pk]) + "?records_page=²",
        reverse("training:chart", args=[company.pk]) + "?submissions_page=²",
        reverse("audits:manual_submit", args=[company.pk]) + "?rows=²",
        reverse("companies:detail", args=[company.pk]) + "?events_page=٣",
    ]:
        assert as_employer.get(url).status_code == 200, url
    as_staff = login(staff_user)
    for url in [
        reverse("training:verification_queue") + "?waiting=²",
        reverse("training:deadlines") + "?within=²",
        reverse("audits:manual_queue") + "?waiting=²",
    ]:
        assert as_staff.get(url).status_code == 200, url


def test_a_nul_in_an_address_is_answered_400(client, login, employer, company):
    for url in ["/verify/%00/", "/calendar/%00.ics", "/verify/?number=%00", "/certified/?q=a%00b"]:
        response = client.get(url)
        assert response.status_code == 400 and "NUL" in response.text, url
    added = reverse("training:record_add", args=[company.pk])
    assert login(employer).get(added + "?course=%00").status_code == 400
    assert login(employer).get(added + "?course=SOC").status_code == 200


def test_months_out_of_range_show_this_month(login, staff_user):
    as_staff = login(staff_user)
    for typed in ["9999-12", "0001-01", "2026-13", "2026-²", "-1-1", ""]:
        response = as_staff.get(reverse("audits:audit_calendar") + f"?month={typed}")
        assert response.status_code == 200, typed


def test_one_reading_of_numbers_choices_and_months():
    assert whole_number("12") == 12 and whole_number("²") is None and whole_number("0") is None
    assert whole_number("9" * 7, default=1) == 1 and whole_number("\uff11\uff12") is None  # full-width digits
    assert one_of("60", (30, 60, 90), 30) == 60 and one_of("61", (30, 60, 90), 30) == 30
    today = date(2026, 12, 7)
    assert month("2026-05", today) == date(2026, 5, 1)
    assert month("9999-12", today) == month("0001-01", today) == month("2026-0", today) == today
