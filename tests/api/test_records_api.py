"""Staff's read access (issue 27): a list answers in the same few queries whatever its length (≤ 15, as a page),
filtered by the list pages' filters, sorted stably, with today's status and roadmap stage."""

from datetime import date

import pytest
from django.urls import reverse

from secor.api.services import api_key_create
from tests.clock import on
from tests.factories import CompanyFactory, certificate_without_pdf

DAY = date(2027, 1, 4)
MOST_QUERIES = 15


@pytest.fixture
def staff_token(staff_user):
    return api_key_create(holder="Sam", actor=staff_user, user=staff_user)[1]


def _list(client, name: str, token: str, **query):
    return client.get(reverse(f"api:{name}-list"), query, HTTP_AUTHORIZATION=f"Bearer {token}")


def test_every_list_takes_the_same_few_queries_for_many_rows(
    client, staff_user, staff_token, django_assert_max_num_queries
):
    with on(date(2026, 8, 11)):
        for _ in range(12):
            company = CompanyFactory(status="registered", registration_date=date(2025, 9, 1))
            certificate_without_pdf(company, staff_user, date(2026, 8, 11))
    for name in ("companies", "certificates", "audits", "letters", "invoices", "notices"):
        with on(DAY):
            _list(client, name, staff_token)  # the day's training summaries kept, as the company list keeps them
            with django_assert_max_num_queries(MOST_QUERIES):
                answer = _list(client, name, staff_token)
        assert answer.status_code == 200, name


def test_companies_are_filtered_and_sorted_as_the_list_does(client, staff_user, staff_token):
    with on(date(2026, 8, 11)):
        alpha = CompanyFactory(legal_name="Alpha Roofing", status="registered", registration_date=date(2025, 9, 1))
        CompanyFactory(legal_name="Beta Concrete", status="applied")
        certificate_without_pdf(alpha, staff_user, date(2026, 8, 11))
    with on(DAY):
        registered = _list(client, "companies", staff_token, status="registered").json()
        searched = _list(client, "companies", staff_token, q="beta", sort="-name").json()
    assert [row["legal_name"] for row in registered["results"]] == ["Alpha Roofing"]
    row = registered["results"][0]
    assert (row["status"], row["stage"]) == ("registered", "courses")  # MIL-4: the first step not done
    assert row["next_deadline"] == {  # tests/api/test_next_deadline.py: every kind
        "on": "2027-08-11",
        "kind": "maintenance-package",
        "what": "A maintenance package is due by the anniversary",
        "rule": "MNT-1",
    }
    assert [row["legal_name"] for row in searched["results"]] == ["Beta Concrete"]
