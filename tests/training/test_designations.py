"""Designating and removing trained employees (TRN-1, TRN-3): a replacement or a removal asks first and says
what it changes."""

from datetime import date

import pytest
from django.urls import reverse

from tests.clock import on
from tests.factories import EmployeeFactory, course
from tests.training.chart_helpers import cells, chart_of, designate
from training.rules import CourseCode

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with on(date(2026, 11, 26)):
        yield


def test_trn_3_designating_someone_in_a_held_place_says_who_is_replaced_and_asks_first(login, company, employer, jane):
    designate(jane, CourseCode.SAFETY_MANAGEMENT, CourseCode.LSE)
    maria = EmployeeFactory(company=company, first_name="Maria", last_name="Santos", email="maria@roofing.example")
    client = login(employer)
    url = reverse("training:designate", args=[company.pk])
    replace = {"employee": maria.pk, "position": 1, "courses": [course(CourseCode.SAFETY_MANAGEMENT).pk]}
    asking = client.post(url, replace)
    assert "Make Maria Santos trained employee #1 in place of Jane Doe?" in asking.text
    assert "Jane Doe is no longer trained employee #1 for Safety Management." in asking.text
    assert cells(chart_of(company), CourseCode.SAFETY_MANAGEMENT)[0].employee == jane
    response = client.post(url, replace | {"confirmed": "yes"}, follow=True)
    assert "Maria Santos designated trained employee #1 for Safety Management." in response.text
    assert cells(chart_of(company), CourseCode.SAFETY_MANAGEMENT)[0].employee == maria
    assert cells(chart_of(company), CourseCode.LSE)[0].employee == jane
    timeline = client.get(reverse("companies:detail", args=[company.pk])).text
    assert "Maria Santos designated trained employee #1 in place of Jane Doe" in timeline


def test_trn_3_a_first_designation_replaces_no_one_and_is_made_at_once(login, company, employer, jane):
    response = login(employer).post(
        reverse("training:designate", args=[company.pk]),
        {"employee": jane.pk, "position": 1, "courses": [course(code).pk for code in CourseCode.DESIGNATED]},
        follow=True,
    )
    assert "Jane Doe designated trained employee #1 for Safety Management," in response.text
    assert all(cells(chart_of(company), code)[0].employee == jane for code in CourseCode.DESIGNATED)


def test_trn_3_removing_a_trained_employee_asks_first(login, company, employer, jane):
    designate(jane, CourseCode.LSE)
    designation, lse = company.trained_employees.get(), course(CourseCode.LSE)
    client = login(employer)
    url = reverse("training:designation_remove", args=[company.pk, designation.pk])
    asking = client.post(url)
    assert f"Remove Jane Doe as trained employee #1 for {lse}?" in asking.text
    assert company.trained_employees.exists()
    response = client.post(url, {"confirmed": "yes"}, follow=True)
    assert f"Jane Doe is no longer trained employee #1 for {lse}." in response.text
    assert not company.trained_employees.exists()
