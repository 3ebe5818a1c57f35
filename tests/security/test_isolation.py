"""Tenant isolation: every URL of the project is classified, and each class keeps to its people.

Outside a user's scope an object does not exist: 404, never 403 (secor/tenancy.py). A page for another
role is answered the same way. Anonymous visitors are sent to the login page.

The classification table `URLS` (tests/security/urls_table.py) is the single list of the project's URLs: a URL
added without being classified there fails `test_every_url_pattern_is_classified`.
"""

import html
import re
from collections import Counter
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from audits.models import ManualSubmission
from companies.models import Application, Company
from tests.pdfs import pdf_text
from tests.security.urls_table import (
    AUDITOR,
    COMPANY,
    EMPLOYER,
    EMPLOYER_ROLES,
    HEADINGS,
    IN_SCOPE_OF_A,
    OUT_OF_SCOPE_OF_A,
    PUBLIC,
    ROUTES,
    SECRET,
    SIGNED_IN,
    SIGNED_IN_ONLY,
    STAFF,
    THIRD_PARTY,
    URLS,
)
from tests.security.urls_table import names as _names
from tests.security.world import ANONYMOUS, hostile_payload, snapshot

LOGIN_PATH = "/accounts/login/"
METHODS = ("GET", "POST")


# --- the classification itself -------------------------------------------------------------------------------


def test_every_url_pattern_is_classified():
    project_routes = [route for route in ROUTES if not route.is_third_party]
    unclassified = [
        f"{route.name or '(unnamed)'}  /{route.route}" for route in project_routes if route.name not in URLS
    ]
    assert not unclassified, "URL patterns missing from the classification table URLS:\n" + "\n".join(unclassified)
    duplicated = [name for name, count in Counter(route.name for route in project_routes).items() if count > 1]
    assert not duplicated, f"several patterns share a name, so the table cannot tell them apart: {duplicated}"


def test_classification_table_names_only_existing_urls():
    names = {route.name for route in ROUTES if not route.is_third_party}
    assert not set(URLS) - names, f"classified but no longer a URL: {sorted(set(URLS) - names)}"
    includes = {route.include for route in ROUTES}
    assert not set(THIRD_PARTY) - includes, f"third-party include gone: {sorted(set(THIRD_PARTY) - includes)}"


def test_every_page_that_opens_says_what_it_is():
    """The pages the tests below open (those that are not files nor actions) each have their heading."""
    opened = {
        name
        for name, rule in URLS.items()
        if rule.kind in (PUBLIC, STAFF, AUDITOR, COMPANY) and not rule.post_only and rule.serves is None
    } | {"companies:register"}
    assert not opened - set(HEADINGS), f"pages without their heading in HEADINGS: {sorted(opened - set(HEADINGS))}"
    assert not set(HEADINGS) - opened, f"headings of no page opened: {sorted(set(HEADINGS) - opened)}"


def test_classification_table_arguments_match_the_patterns():
    mismatched = [
        f"{route.name}: pattern takes {sorted(route.params)}, table builds {sorted(URLS[route.name].args)}"
        for route in ROUTES
        if route.name in URLS and set(URLS[route.name].args) != route.params
    ]
    assert not mismatched, "\n".join(mismatched)


# --- helpers ---------------------------------------------------------------------------------------------------


def _url(name: str, world, **objects: str) -> str:
    """The URL of `name` for company A's objects; `objects` replaces some (URL argument -> world attribute)."""
    args = URLS[name].args | objects
    return reverse(name, kwargs={arg: _key(arg, getattr(world, attribute)) for arg, attribute in args.items()})


def _key(arg: str, obj):
    """How a URL names the object: by its name, its secret token, its certificate number, or its primary key."""
    if isinstance(obj, str):
        return obj
    return {"token": getattr(obj, "token", None), "number": getattr(obj, "number", None)}.get(arg) or obj.pk


def _request(client, method: str, url: str, world):
    return client.get(url) if method == "GET" else client.post(url, hostile_payload(world))


def _assert_not_found(client, method: str, url: str, world) -> None:
    before = snapshot()
    response = _request(client, method, url, world)
    assert response.status_code == 404, f"{method} {url} answered {response.status_code}, expected 404"
    assert world.company.legal_name not in response.content.decode()
    assert snapshot() == before, f"{method} {url} answered 404 but changed data"


def _assert_is_page(response, name: str, world, role: str) -> None:
    """The page answered is `name`'s: its heading (or a text file's first line) is the one in HEADINGS."""
    expected = HEADINGS[name][role] if isinstance(HEADINGS[name], dict) else HEADINGS[name]
    expected = expected.format_map(vars(world) | {"today": timezone.localdate()})
    body = response.getvalue().decode()
    if response["Content-Type"].startswith("text/html"):
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", body, re.DOTALL)
        # The heading's own words: a badge inside it says a count or a state, not which page this is.
        shown = heading and " ".join(html.unescape(re.sub(r"<(\w+)[^>]*>.*?</\1>", "", heading[1])).split())
        assert shown == expected, f"{name} as {role} is the page headed {shown!r}, not {expected!r}"
    else:
        first_line = body.partition("\n")[0]
        assert first_line.startswith(expected), f"{name} as {role} starts {first_line!r}, not {expected!r}"


def _assert_login_redirect(response, path: str) -> None:
    assert response.status_code == 302, f"{path} answered {response.status_code}, expected a login redirect"
    location = urlsplit(response["Location"])
    assert (location.path, parse_qs(location.query)) == (LOGIN_PATH, {"next": [path]})


def _denied_case(name: str, role: str, method: str):
    return pytest.param(name, role, method, id=f"{name}-{role}-{method}")


# --- anonymous visitors ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "method"),
    [
        pytest.param(name, method, id=f"{name}-{method}")
        for name, rule in URLS.items()
        if rule.kind not in (PUBLIC, SECRET)
        for method in METHODS
    ],
)
def test_anonymous_visitor_is_sent_to_login(world, client, name, method):
    url = _url(name, world)
    before = snapshot()
    response = _request(client, method, url, world)
    _assert_login_redirect(response, url)
    assert snapshot() == before


@pytest.mark.parametrize("name", _names(PUBLIC))
def test_public_url_opens_for_anonymous_visitors(world, client, name):
    response = client.get(_url(name, world))
    assert response.status_code == 200
    _assert_is_page(response, name, world, ANONYMOUS)


def test_a_secret_link_opens_with_its_secret_only_and_shows_its_company_only(world, client):
    """MIL-4: A's calendar at A's secret address; any other address, B's included, shows nothing of A."""
    for name in _names(SECRET):
        response = client.get(_url(name, world))
        assert response.status_code == 200
        assert world.company.legal_name in response.content.decode()
        assert world.other_company.legal_name not in response.content.decode()
        other = client.get(_url(name, world, token=f"other_{URLS[name].args['token']}")).content.decode()
        assert world.company.legal_name not in other
        guessed = reverse(name, kwargs={"token": world.calendar_feed.token[:-1] + "x"})
        assert client.get(guessed).status_code == 404


# --- company-scoped --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "role", "method"),
    [_denied_case(name, role, method) for name in _names(COMPANY) for role in OUT_OF_SCOPE_OF_A for method in METHODS],
)
def test_company_url_is_404_outside_scope(world, client_as, name, role, method):
    _assert_not_found(client_as(role), method, _url(name, world), world)


@pytest.mark.parametrize(
    ("name", "role", "method"),
    [
        _denied_case(name, role, method)
        for name in _names(COMPANY)
        for role in sorted(IN_SCOPE_OF_A - URLS[name].allowed)
        for method in METHODS
    ],
)
def test_company_url_is_404_for_role_without_permission(world, client_as, name, role, method):
    """Company A's own people get 404 from A's pages that are not for their role (e.g. an auditor editing)."""
    _assert_not_found(client_as(role), method, _url(name, world), world)


@pytest.mark.parametrize(
    ("name", "role"),
    [
        pytest.param(name, role, id=f"{name}-{role}")
        for name in _names(COMPANY)
        if not URLS[name].post_only
        for role in sorted(URLS[name].allowed)
    ],
)
def test_company_page_opens_for_its_people(world, client_as, name, role):
    rule = URLS[name]
    response = client_as(role).get(_url(name, world))
    assert response.status_code == 200
    if rule.serves is None:
        assert response.context["company"] == world.company
        _assert_is_page(response, name, world, role)
        return
    # A file: served whole, as what it is, and it is A's (a stored document, or A's chart drawn as a PDF).
    # Read whole, the test client closes the response (and its file) with Django's end-of-request signal held
    # back: closing it again would send that signal, whose handler closes the connection holding the world.
    body = response.getvalue()
    assert response["Content-Type"] == rule.serves
    documents = [attribute for attribute in rule.args.values() if attribute in world.documents]
    if documents:
        assert body == world.documents[documents[0]]
    else:
        assert world.company.legal_name in pdf_text(body)


@pytest.mark.parametrize(
    ("name", "role"),
    [
        pytest.param(name, role, id=f"{name}-{role}")
        for name in _names(COMPANY)
        if URLS[name].post_only
        for role in sorted(URLS[name].allowed)
    ],
)
def test_company_action_takes_posts_from_its_people(world, client_as, name, role):
    client = client_as(role)
    url = _url(name, world)
    assert client.get(url).status_code == 405
    before = snapshot()
    response = client.post(url, {})  # an empty form: refused with a message, nothing changes
    if name == "training:designate":
        # A refused designation shows the chart again with the form's errors by its fields.
        assert response.status_code == 200
        assert response.context["designation_form"].errors["employee"]
    elif name in ("training:designation_remove", "milestones:issue_next"):
        # A one-button action that cannot be undone asks first (secor/viewutils.py: confirmation_page).
        assert response.status_code == 200
        assert response.templates[0].name == "confirm.html"
    else:
        back = {
            "audits:audit_complete": reverse("audits:audit", args=[world.company.pk, world.audit.pk]),
            "audits:manual_assign": reverse("audits:manual", args=[world.company.pk]),
            "audits:maintenance_assign": reverse("audits:maintenance", args=[world.company.pk]),
            "audits:certificate_status": reverse("audits:audits", args=[world.company.pk]),
            "audits:certificate_listed": reverse("audits:audits", args=[world.company.pk]),
            "audits:invoice_pay": reverse("audits:invoice", args=[world.company.pk, world.invoice.pk]),
            "audits:invoice_void": reverse("audits:invoice", args=[world.company.pk, world.invoice.pk]),
        }.get(name)
        page = "training:chart" if name.startswith("training:") else "companies:detail"
        assert (response.status_code, response["Location"]) == (302, back or reverse(page, args=[world.company.pk]))
    assert snapshot() == before


@pytest.mark.parametrize(
    ("name", "role", "url_company", "object_company", "method"),
    [
        pytest.param(name, role, url_company, object_company, method, id=f"{name}-{role}-{object_id}-{method}")
        for name in _names(COMPANY)
        # Objects of A's in the URL (a form's name, "form", belongs to no company).
        if set(URLS[name].args) - {"pk", "form"}
        for role, url_company, object_company, object_id in [
            ("other_employer", "other_company", "company", "A-object-under-B"),
            ("staff_user", "other_company", "company", "A-object-under-B"),
            ("employer", "company", "other_company", "B-object-under-A"),
            ("auditor", "company", "other_company", "B-object-under-A"),  # reads and reviews A
        ]
        for method in METHODS
    ],
)
def test_company_object_through_another_company_url_is_404(
    world, client_as, name, role, url_company, object_company, method
):
    """An object addressed through a company the user may see, but belonging to another company."""
    objects = {"pk": url_company} | {
        arg: attribute if object_company == "company" else f"other_{attribute}"
        for arg, attribute in URLS[name].args.items()
        if arg != "pk"
    }
    _assert_not_found(client_as(role), method, _url(name, world, **objects), world)


@pytest.mark.writes
@pytest.mark.parametrize("role", ["employer", "staff_user"])
@pytest.mark.parametrize("name", ["training:record_add", "training:designate", "training:submission_add"])
def test_another_companys_employee_named_in_a_form_is_refused(world, client_as, name, role):
    """The hostile payload changes data (see the last test), but not with B's employee in A's form."""
    world.other_designation.delete()  # else TRN-2 alone would refuse to designate B's trained employee
    before = snapshot()
    client_as(role).post(_url(name, world), hostile_payload(world) | {"employee": str(world.other_employee.pk)})
    assert snapshot() == before


# --- everyone signed in ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "role"),
    [pytest.param(name, role, id=f"{name}-{role}") for name in _names(SIGNED_IN_ONLY) for role in SIGNED_IN],
)
def test_signed_in_url_opens_for_every_signed_in_role(world, client_as, name, role):
    response = client_as(role).get(_url(name, world))
    assert (response.status_code, response["Content-Type"]) == (200, URLS[name].serves)
    assert response.getvalue().startswith(b"%PDF")  # served whole (which closes the stored file)


# --- staff -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "role", "method"),
    [
        _denied_case(name, role, method)
        for name in _names(STAFF)
        for role in SIGNED_IN
        if role != "staff_user"
        for method in METHODS
    ],
)
def test_staff_url_is_404_for_everyone_else(world, client_as, name, role, method):
    _assert_not_found(client_as(role), method, _url(name, world), world)


@pytest.mark.parametrize("name", _names(STAFF))
def test_staff_url_opens_for_staff(world, client_as, name):
    expected = 405 if URLS[name].post_only else 200
    response = client_as("staff_user").get(_url(name, world))
    assert response.status_code == expected
    if URLS[name].serves is not None:
        assert response.getvalue().startswith(b"%PDF")  # served whole (which closes the stored file)
    elif expected == 200:
        _assert_is_page(response, name, world, "staff_user")


def test_application_page_is_for_staff_even_when_it_is_the_employers_own(world, client_as):
    """The application belongs to company A and was submitted by A's owner, who still gets 404."""
    url = _url("companies:application", world)
    assert world.application.company == world.company and world.application.submitted_by == world.users["employer"]
    _assert_not_found(client_as("employer"), "POST", url, world)
    world.application.refresh_from_db()
    assert world.application.decision == Application.Decision.PENDING


# --- staff or auditor ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "role", "method"),
    [
        _denied_case(name, role, method)
        for name in _names(AUDITOR)
        for role in sorted(EMPLOYER_ROLES)
        for method in METHODS
    ],
)
def test_staff_or_auditor_url_is_404_for_employers(world, client_as, name, role, method):
    _assert_not_found(client_as(role), method, _url(name, world), world)


@pytest.mark.parametrize(
    ("name", "role"),
    [pytest.param(name, role, id=f"{name}-{role}") for name in _names(AUDITOR) for role in sorted(URLS[name].allowed)],
)
def test_staff_or_auditor_url_opens_for_them(world, client_as, name, role):
    response = client_as(role).get(_url(name, world))
    assert response.status_code == 200
    _assert_is_page(response, name, world, role)


# --- employer --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "role", "method"),
    [
        _denied_case(name, role, method)
        for name in _names(EMPLOYER)
        for role in SIGNED_IN
        if role not in URLS[name].allowed
        for method in METHODS
    ],
)
def test_employer_url_is_404_for_program_people(world, client_as, name, role, method):
    _assert_not_found(client_as(role), method, _url(name, world), world)


@pytest.mark.parametrize(
    ("name", "role"),
    [pytest.param(name, role, id=f"{name}-{role}") for name in _names(EMPLOYER) for role in sorted(URLS[name].allowed)],
)
def test_employer_url_opens_for_employers(world, client_as, name, role):
    """A new employer starts the journey; one whose company is registered is sent to that company."""
    response = client_as(role).get(_url(name, world))
    if role == "new_employer":
        expected = 200 if name == "companies:register" else (302, reverse("companies:register"))
    else:
        own = world.other_company if role == "other_employer" else world.company
        expected = (302, reverse("companies:detail", args=[own.pk]))
    assert (response.status_code if expected == 200 else (response.status_code, response["Location"])) == expected
    if expected == 200:
        _assert_is_page(response, name, world, role)


# --- the hostile payload is a real attack ----------------------------------------------------------------------


@pytest.mark.writes
@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("companies:edit", "employer"),
        ("companies:employee_add", "employer"),
        ("companies:employee_edit", "employer"),
        ("companies:member_invite", "employer"),
        ("companies:status", "staff_user"),
        ("companies:auditors", "staff_user"),
        ("companies:application", "staff_user"),
        ("companies:people", "staff_user"),
        ("companies:question_answer", "staff_user"),
        ("companies:questions", "member"),
        ("notices:resend", "staff_user"),
        ("training:record_add", "employer"),
        ("training:record_correct", "member"),
        ("training:record_review", "staff_user"),
        ("training:designate", "employer"),
        ("training:designation_remove", "member"),
        ("training:submission_add", "employer"),
        ("training:submission_resubmit", "member"),
        ("training:submission_review", "auditor"),
        ("training:submission_review", "staff_user"),
        ("audits:manual_submit", "employer"),
        ("audits:manual_resubmit", "member"),
        ("audits:manual_assign", "staff_user"),
        ("audits:manual_review", "auditor"),
        ("audits:manual_review", "staff_user"),
        ("milestones:letter_extend", "staff_user"),
        ("milestones:calendar", "member"),
        ("audits:audit", "auditor"),
        ("audits:audit", "staff_user"),
        ("audits:certificate_status", "staff_user"),
        ("audits:certificate_listed", "staff_user"),
        ("audits:invoice_pay", "staff_user"),
        ("audits:invoice_void", "staff_user"),
        ("audits:audit_tool:version", "staff_user"),
        ("audits:audit_tool:copy", "staff_user"),
        ("audits:program_documents", "staff_user"),
    ],
)
def test_hostile_payload_changes_data_when_allowed(world, client_as, name, role):
    """Makes the "nothing changed" checks above meaningful: from an allowed user the same POST does change data."""
    if name == "companies:application":
        # Staff accept an application only from a company waiting for the decision.
        Company.objects.filter(pk=world.company.pk).update(status=Company.Status.APPLIED)
    if name == "audits:manual_submit":
        # A company sends its first manual once; the world's company has two.
        ManualSubmission.objects.filter(company=world.company).delete()
    before = snapshot()
    response = client_as(role).post(_url(name, world), hostile_payload(world))
    assert response.status_code == 302
    assert snapshot() != before
