"""Tenant isolation of the lists: the company list, its CSV export and the review queue show only what is in scope."""

import csv
import io

import pytest
from django.urls import reverse

COMPANIES_SEEN = {
    "staff_user": {"company", "other_company"},
    "auditor": {"company"},
    "unassigned_auditor": set(),
}


@pytest.mark.parametrize("query", ["", "?q=Roofing", "?status=registered&sort=-name", "?page=2"])
@pytest.mark.parametrize("role", COMPANIES_SEEN)
def test_company_list_shows_only_the_companies_in_scope(world, client_as, role, query):
    response = client_as(role).get(reverse("companies:list") + query)
    assert response.status_code == 200
    listed = {company.pk for company in response.context["page"].object_list}
    expected = {getattr(world, attribute).pk for attribute in COMPANIES_SEEN[role]}
    if query == "?q=Roofing":  # the search only narrows: Charlie Concrete does not match
        expected.discard(world.other_company.pk)
    assert listed == expected
    assert (world.company.legal_name in response.content.decode()) == (world.company.pk in expected)


@pytest.mark.parametrize("role", COMPANIES_SEEN)
def test_company_export_lists_only_the_companies_in_scope(world, client_as, role):
    response = client_as(role).get(reverse("companies:export"))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][0] == "Legal name"
    assert {row[0] for row in rows[1:]} == {getattr(world, attribute).legal_name for attribute in COMPANIES_SEEN[role]}


@pytest.mark.parametrize("role", COMPANIES_SEEN)
def test_verification_queue_shows_only_the_companies_in_scope(world, client_as, role):
    """Submissions wait for staff or the company's assigned auditor; course records for staff alone."""
    response = client_as(role).get(reverse("training:verification_queue"))
    assert response.status_code == 200
    prefixes = [attribute.removesuffix("company") for attribute in COMPANIES_SEEN[role]]  # "" is A, "other_" B
    expected = {getattr(world, f"{prefix}submission") for prefix in prefixes}
    assert set(response.context["submissions"]) == expected
    records = {getattr(world, f"{prefix}record") for prefix in prefixes} if role == "staff_user" else set()
    assert set(response.context["records"]) == records
    content = response.content.decode()
    for company, submission in [(world.company, world.submission), (world.other_company, world.other_submission)]:
        shown = submission in expected
        assert (company.legal_name in content) == shown
        document = reverse("companies:document", args=[company.pk, submission.review.latest_version.document_id])
        assert (document in content) == shown
