"""Every number and date people type has sane bounds, and a wrong one is answered by its field."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from companies import services
from secor.core.models import ProgramSettings
from tests.clock import on
from tests.factories import EmployeeFactory, course, pdf_upload, program_settings_form
from training import services as training_services
from training.rules import CourseCode

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with on(date(2026, 11, 27), 10):
        yield


def test_elig_7_a_negative_fee_is_refused_by_its_field_and_by_the_database(admin_client):
    settings = ProgramSettings.current()
    response = admin_client.post(
        reverse("admin:core_programsettings_change", args=[settings.pk]),
        program_settings_form(registration_fee_non_member="-50.00"),
    )
    assert response.status_code == 200
    assert "A fee cannot be negative" in response.text
    assert ProgramSettings.current().registration_fee_non_member == Decimal("250.00")
    with pytest.raises(IntegrityError):
        ProgramSettings.objects.filter(pk=settings.pk).update(registration_fee_member=Decimal("-1"))


@pytest.mark.parametrize(
    ("typed", "message"), [("0", "Count at least one worker."), ("9223372036854775807", "at most 9,999")]
)
def test_elig_4_a_general_contractors_expected_workers_is_a_small_positive_number(
    login, employer, company, typed, message
):
    data = {
        "legal_name": company.legal_name,
        "operating_name": "",
        "street_address": company.street_address,
        "city": company.city,
        "postal_code": company.postal_code,
        "phone": company.phone,
        "email": company.email,
        "trade": company.trade,
        "acts_as_general_contractor": "on",
        "expected_workers_as_general_contractor": typed,
    }
    response = login(employer).post(reverse("companies:edit", args=[company.pk]), data)
    assert response.status_code == 200
    assert message in str(response.context["form"].errors["expected_workers_as_general_contractor"])
    assert "9223372036854775807" not in str(response.context["form"].errors)


def roster_entry(**dates) -> dict:
    base = {
        "first_name": "Ann",
        "last_name": "Fields",
        "email": "",
        "employment_type": "full_time",
        "is_permanent": True,
        "works_in_saskatchewan": True,
        "location": "field",
        "start_date": date(2024, 1, 8),
        "end_date": None,
    }
    return base | dates


@pytest.mark.parametrize(
    ("dates", "field", "message"),
    [
        ({"start_date": date(1900, 1, 1)}, "start_date", "Check the year"),
        ({"start_date": date(2999, 1, 1)}, "start_date", "more than a year ahead"),
        ({"start_date": date(2027, 11, 28)}, "start_date", "at the latest November 27, 2027"),
        ({"end_date": date(2999, 12, 31)}, "end_date", "more than a year ahead"),
    ],
)
def test_roster_dates_are_within_reason(company, employer, dates, field, message):
    with pytest.raises(ValidationError) as error:
        services.employee_add(company=company, actor=employer, data=roster_entry(**dates))
    assert message in error.value.message_dict[field][0]


def test_a_hire_agreed_for_next_month_is_accepted(company, employer):
    services.employee_add(company=company, actor=employer, data=roster_entry(start_date=date(2026, 12, 15)))


def test_a_course_date_of_long_ago_is_a_typo(company, employer):
    person = EmployeeFactory(company=company)
    with pytest.raises(ValidationError) as error:
        training_services.record_add(
            company=company,
            actor=employer,
            employee=person,
            course=course(CourseCode.SCOT),
            completed_on=date(1900, 5, 1),
            certificate_number="",
            certificate_file=pdf_upload(),
        )
    assert "Check the year" in error.value.message_dict["completed_on"][0]
