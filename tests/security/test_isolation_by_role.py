"""Tenant isolation by role: the public, signed-in, staff, staff-or-auditor and employer URLs each keep to their
people.

Outside a user's scope an object does not exist: 404, never 403 (secor/tenancy.py). A page for another
role is answered the same way. Anonymous visitors are sent to the login page.

The classification table `URLS` (tests/security/urls_table.py) is the single list of the project's URLs
(tests/security/test_url_classification.py).
"""

import pytest
from django.urls import reverse

from companies.models import Application
from tests.security.isolation import (
    METHODS,
    assert_is_page,
    assert_login_redirect,
    assert_not_found,
    denied_case,
    page_url,
    send,
)
from tests.security.urls_table import (
    API,
    AUDITOR,
    EMPLOYER,
    EMPLOYER_ROLES,
    PDF,
    PUBLIC,
    SECRET,
    SIGNED_IN,
    SIGNED_IN_ONLY,
    STAFF,
    URLS,
)
from tests.security.urls_table import names as _names
from tests.security.world import ANONYMOUS, snapshot

# --- anonymous visitors ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "method"),
    [
        pytest.param(name, method, id=f"{name}-{method}")
        for name, rule in URLS.items()
        if rule.kind not in (PUBLIC, SECRET, API)
        for method in METHODS
    ],
)
def test_anonymous_visitor_is_sent_to_login(world, client, name, method):
    url = page_url(name, world)
    before = snapshot()
    response = send(client, method, url, world)
    assert_login_redirect(response, url)
    assert snapshot() == before


@pytest.mark.parametrize("name", _names(PUBLIC))
def test_public_url_opens_for_anonymous_visitors(world, client, name):
    response = client.get(page_url(name, world))
    assert response.status_code == 200
    assert_is_page(response, name, world, ANONYMOUS)


def test_a_secret_link_opens_with_its_secret_only_and_shows_its_company_only(world, client):
    """MIL-4: A's calendar at A's secret address; any other address, B's included, shows nothing of A."""
    for name in _names(SECRET):
        response = client.get(page_url(name, world))
        assert response.status_code == 200
        assert world.company.legal_name in response.content.decode()
        assert world.other_company.legal_name not in response.content.decode()
        other = client.get(page_url(name, world, token=f"other_{URLS[name].args['token']}")).content.decode()
        assert world.company.legal_name not in other
        guessed = reverse(name, kwargs={"token": world.calendar_feed.token[:-1] + "x"})
        assert client.get(guessed).status_code == 404


# --- everyone signed in ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "role"),
    [pytest.param(name, role, id=f"{name}-{role}") for name in _names(SIGNED_IN_ONLY) for role in SIGNED_IN],
)
def test_signed_in_url_opens_for_every_signed_in_role(world, client_as, name, role):
    response = client_as(role).get(page_url(name, world))
    assert (response.status_code, response["Content-Type"]) == (200, URLS[name].serves)
    assert response.getvalue().startswith(b"%PDF")  # served whole (which closes the stored file)


# --- staff -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "role", "method"),
    [
        denied_case(name, role, method)
        for name in _names(STAFF)
        for role in SIGNED_IN
        if role != "staff_user"
        for method in METHODS
    ],
)
def test_staff_url_is_404_for_everyone_else(world, client_as, name, role, method):
    assert_not_found(client_as(role), method, page_url(name, world), world)


@pytest.mark.parametrize("name", _names(STAFF))
def test_staff_url_opens_for_staff(world, client_as, name):
    expected = 405 if URLS[name].post_only else 200
    response = client_as("staff_user").get(page_url(name, world))
    assert response.status_code == expected
    if URLS[name].serves is not None:
        # Served whole (which closes the stored file): a PDF, or a spreadsheet (a zip of its parts).
        assert response.getvalue().startswith(b"%PDF" if URLS[name].serves == PDF else b"PK")
    elif expected == 200:
        assert_is_page(response, name, world, "staff_user")


def test_application_page_is_for_staff_even_when_it_is_the_employers_own(world, client_as):
    """The application belongs to company A and was submitted by A's owner, who still gets 404."""
    url = page_url("companies:application", world)
    assert world.application.company == world.company and world.application.submitted_by == world.users["employer"]
    assert_not_found(client_as("employer"), "POST", url, world)
    world.application.refresh_from_db()
    assert world.application.decision == Application.Decision.PENDING


# --- staff or auditor ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "role", "method"),
    [
        denied_case(name, role, method)
        for name in _names(AUDITOR)
        for role in sorted(EMPLOYER_ROLES)
        for method in METHODS
    ],
)
def test_staff_or_auditor_url_is_404_for_employers(world, client_as, name, role, method):
    assert_not_found(client_as(role), method, page_url(name, world), world)


@pytest.mark.parametrize(
    ("name", "role"),
    [pytest.param(name, role, id=f"{name}-{role}") for name in _names(AUDITOR) for role in sorted(URLS[name].allowed)],
)
def test_staff_or_auditor_url_opens_for_them(world, client_as, name, role):
    response = client_as(role).get(page_url(name, world))
    assert response.status_code == 200
    assert_is_page(response, name, world, role)


# --- employer --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "role", "method"),
    [
        denied_case(name, role, method)
        for name in _names(EMPLOYER)
        for role in SIGNED_IN
        if role not in URLS[name].allowed
        for method in METHODS
    ],
)
def test_employer_url_is_404_for_program_people(world, client_as, name, role, method):
    assert_not_found(client_as(role), method, page_url(name, world), world)


@pytest.mark.parametrize(
    ("name", "role"),
    [pytest.param(name, role, id=f"{name}-{role}") for name in _names(EMPLOYER) for role in sorted(URLS[name].allowed)],
)
def test_employer_url_opens_for_employers(world, client_as, name, role):
    """A new employer starts the journey; one whose company is registered is sent to that company."""
    response = client_as(role).get(page_url(name, world))
    if role == "new_employer":
        expected = 200 if name == "companies:register" else (302, reverse("companies:register"))
    else:
        own = world.other_company if role == "other_employer" else world.company
        expected = (302, reverse("companies:detail", args=[own.pk]))
    assert (response.status_code if expected == 200 else (response.status_code, response["Location"])) == expected
    if expected == 200:
        assert_is_page(response, name, world, role)
