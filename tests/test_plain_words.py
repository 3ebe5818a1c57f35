"""Rule ids stay out of the pages employers read, and stay in staff's."""

import pytest
from django.urls import reverse

from secor.plain_words import without_rule_ids
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


def test_parenthesised_rule_ids_are_taken_out():
    assert without_rule_ids("this person is casual (TRN-1).") == "this person is casual."
    assert without_rule_ids('title="No longer qualifies (ELIG-3, ELIG-4)"') == 'title="No longer qualifies"'
    assert without_rule_ids("Registration fee (ELIG-7): $0") == "Registration fee: $0"
    assert without_rule_ids("Phone (306) 555-0100") == "Phone (306) 555-0100"


def test_employers_read_the_chart_without_rule_ids_staff_with_them(login, company, employer, staff_user):
    EmployeeFactory.create_batch(10, company=company)
    url = reverse("companies:detail", args=[company.pk])
    assert "(ELIG-3)" not in login(employer).get(url).text
    assert "no longer qualifies" in login(employer).get(url).text
    assert "(ELIG-3)" in login(staff_user).get(url).text
