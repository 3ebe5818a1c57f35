"""The roster's form as an employer fills it in for a crew, person by person (ELIG-1)."""

import pytest
from django.urls import reverse

from companies.rules import EmploymentType
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


def person(first_name: str) -> dict:
    return {
        "first_name": first_name,
        "last_name": "Delgado",
        "employment_type": EmploymentType.FULL_TIME,
        "works_in_saskatchewan": "on",
        "location": "field",
        "start_date": "2026-03-01",
    }


def test_elig_1_save_and_add_another_opens_a_blank_form_for_the_next_person(login, company, employer):
    client = login(employer)
    url = reverse("companies:employee_add", args=[company.pk])
    assert "Save and add another" in client.get(url).text
    response = client.post(url, person("Rosa") | {"add_another": "1"}, follow=True)
    assert response.redirect_chain[-1][0] == url
    assert "Rosa Delgado added to the roster." in response.text
    assert response.context["form"]["first_name"].value() is None  # blank for the next person
    # Plain Save goes back to the roster.
    assert client.post(url, person("Tomas")).url == reverse("companies:roster", args=[company.pk])
    assert company.employees.count() == 2


def test_editing_a_person_offers_no_add_another(login, company, employer):
    employee = EmployeeFactory(company=company)
    page = login(employer).get(reverse("companies:employee_edit", args=[company.pk, employee.pk])).text
    assert "Save and add another" not in page
