"""The API's companies and notices are filtered as the company list and the notices log filter them, by the same
code: each filter of the list page finds the same companies through the API, and a value a filter does not take is
refused with a 400 naming it (never read as "no filter")."""

from datetime import date

import pytest
from django.urls import reverse

from secor.api.services import api_key_create
from tests.clock import on
from tests.factories import CompanyFactory, certificate_without_pdf
from tests.notices.test_pages import notice

DAY = date(2027, 1, 4)


@pytest.fixture
def staff_token(staff_user):
    return api_key_create(holder="Sam", actor=staff_user, user=staff_user)[1]


def _api(client, name: str, token: str, **query):
    return client.get(reverse(f"api:{name}-list"), query, HTTP_AUTHORIZATION=f"Bearer {token}")


def test_each_company_list_filter_finds_the_same_companies_through_the_api(client, login, staff_user, staff_token):
    with on(date(2026, 8, 11)):
        certified = CompanyFactory(legal_name="Alpha Roofing", status="registered", registration_date=date(2025, 9, 1))
        CompanyFactory(legal_name="Beta Concrete", status="applied", is_scsa_member=True)
        certificate_without_pdf(certified, staff_user, date(2026, 8, 11))
    queries = [
        {"q": "alpha"},
        {"status": "registered"},
        {"member": "yes"},
        {"training": "incomplete"},
        {"stage": "courses"},
        {"certified": "2026-08"},
        {"certificate": "ended"},
        {"over_limit": "1"},
        {"sort": "-name"},
    ]
    page = login(staff_user)
    with on(DAY):
        for query in queries:
            listed = [company.legal_name for company in page.get(reverse("companies:list"), query).context["page"]]
            answered = _api(client, "companies", staff_token, **query).json()["results"]
            assert [row["legal_name"] for row in answered] == listed, query
    assert listed == ["Beta Concrete", "Alpha Roofing"]  # the last, sorted by name backwards: both found


@pytest.mark.parametrize(
    ("name", "query", "field"),
    [
        ("companies", {"status": "certified-ish"}, "status"),
        ("companies", {"stage": "nowhere"}, "stage"),
        ("companies", {"training": "maybe"}, "training"),
        ("companies", {"certified": "2026-13"}, "certified"),
        ("companies", {"sort": "size"}, "sort"),
        ("notices", {"kind": "postcard"}, "kind"),
        ("notices", {"state": "lost"}, "state"),
        ("notices", {"due_from": "2027-02-01", "due_to": "2027-01-01"}, "due_to"),
    ],
)
def test_a_value_a_filter_does_not_take_is_refused_naming_the_filter(client, staff_token, name, query, field):
    answer = _api(client, name, staff_token, **query)
    assert answer.status_code == 400
    assert list(answer.json()) == [field]


def test_notices_are_filtered_as_the_notices_log_filters_them(client, company, other_company, staff_token):
    ours = notice(company, due_on=date(2026, 11, 2))
    notice(company, kind="status-change", due_on=date(2026, 11, 20))
    notice(other_company, subject="[SECOR] About Charlie", due_on=date(2026, 11, 2))

    def found(**query) -> set[int]:
        return {row["id"] for row in _api(client, "notices", staff_token, **query).json()["results"]}

    assert found(kind="application-decision", q="Roofing Ltd") == {ours.pk}
    assert found(due_from="2026-11-01", due_to="2026-11-10", q=company.legal_name) == {ours.pk}
    assert len(found(state="sent", due_to="2026-11-30")) == 3
