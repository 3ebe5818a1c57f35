"""Tenant isolation: every URL of the project is classified, and each class keeps to its people.

Outside a user's scope an object does not exist: 404, never 403 (secor/tenancy.py). A page for another
role is answered the same way. Anonymous visitors are sent to the login page.

The classification table `URLS` below is the single list of the project's URLs: a URL added without
being classified here fails `test_every_url_pattern_is_classified`.
"""

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from companies.models import Application, AuditorAssignment, Company, CompanyEvent, Employee, Membership
from secor.core.models import User
from tests.security.conftest import ANONYMOUS, ROLES

PUBLIC = "public"
STAFF = "staff"
AUDITOR = "staff-or-auditor"
COMPANY = "company-scoped"
EMPLOYER = "employer"

LOGIN_PATH = "/accounts/login/"
METHODS = ("GET", "POST")

SIGNED_IN = tuple(role for role in ROLES if role != ANONYMOUS)
EMPLOYER_ROLES = frozenset({"employer", "member", "other_employer", "new_employer"})
# Roles that may see company A at all; the others must find nothing under A's URLs.
IN_SCOPE_OF_A = frozenset({"employer", "member", "auditor", "staff_user"})
OUT_OF_SCOPE_OF_A = tuple(role for role in SIGNED_IN if role not in IN_SCOPE_OF_A)

# Who may use a company-scoped page of A (they must also have A in scope).
READERS = frozenset({"employer", "member", "auditor", "staff_user"})
EDITORS = frozenset({"employer", "member", "staff_user"})  # program auditors only read
OWNERS = frozenset({"employer", "staff_user"})
STAFF_ONLY = frozenset({"staff_user"})


@dataclass(frozen=True)
class Rule:
    kind: str
    allowed: frozenset[str]  # signed-in roles the page is for
    args: dict[str, str] = field(default_factory=dict)  # URL argument -> attribute of the `world` fixture
    post_only: bool = False


def _company(allowed: frozenset[str], *, employee: bool = False, post_only: bool = False) -> Rule:
    args = {"pk": "company"} | ({"employee_pk": "employee"} if employee else {})
    return Rule(COMPANY, allowed, args, post_only)


URLS: dict[str, Rule] = {
    "home": Rule(PUBLIC, frozenset(ROLES)),
    # Staff or auditor; an auditor sees only the companies assigned to them.
    "companies:list": Rule(AUDITOR, frozenset({"staff_user", "auditor", "unassigned_auditor"})),
    "companies:export": Rule(AUDITOR, frozenset({"staff_user", "auditor", "unassigned_auditor"})),
    # Company-scoped: the company pk, and objects that belong to that company.
    "companies:detail": _company(READERS),
    "companies:edit": _company(EDITORS),
    "companies:status": _company(STAFF_ONLY, post_only=True),
    "companies:auditors": _company(STAFF_ONLY, post_only=True),
    "companies:roster": _company(READERS),
    "companies:employee_add": _company(EDITORS),
    "companies:employee_edit": _company(EDITORS, employee=True),
    "companies:member_invite": _company(OWNERS),
    # The employer's registration journey.
    "register:details": Rule(EMPLOYER, EMPLOYER_ROLES),
    "register:workers": Rule(EMPLOYER, EMPLOYER_ROLES),
    "register:check": Rule(EMPLOYER, EMPLOYER_ROLES),
    "register:agreement": Rule(EMPLOYER, EMPLOYER_ROLES),
    # Staff only. The application page takes an Application pk of company A: staff-only even for A's employers.
    "staff:applications": Rule(STAFF, STAFF_ONLY),
    "staff:application": Rule(STAFF, STAFF_ONLY, {"pk": "application"}),
    "staff:people": Rule(STAFF, STAFF_ONLY),
}

# Third-party includes that protect themselves, by (route prefix, include): the include is recognised by its
# namespace or URLconf module, so a project view put beside them under the same prefix is still unclassified.
THIRD_PARTY = {
    ("accounts/", "allauth.urls"): "allauth: sign-in, sign-up, e-mail addresses, passwords, 2FA",
    ("admin/", "admin"): "Django admin: every view is wrapped in admin_view (staff members only)",
}


@dataclass(frozen=True)
class Route:
    name: str | None  # "namespace:name"; None for an unnamed pattern
    route: str
    params: frozenset[str]
    include: tuple[str, str] | None  # (route prefix, namespace or URLconf module) of the top-level include


def _walk(patterns, prefix="", namespaces=(), params=frozenset(), include=None):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        here = params | set(pattern.pattern.regex.groupindex)
        if isinstance(pattern, URLResolver):
            # include("module") keeps the imported module; a list of patterns has no module name.
            label = pattern.namespace or getattr(pattern.urlconf_name, "__name__", "")
            namespace = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
            yield from _walk(pattern.url_patterns, route, namespace, here, include or (str(pattern.pattern), label))
        else:
            assert isinstance(pattern, URLPattern)
            name = ":".join((*namespaces, pattern.name)) if pattern.name else None
            yield Route(name, route, frozenset(here), include)


ROUTES = list(_walk(get_resolver().url_patterns))


def _is_third_party(route: Route) -> bool:
    return route.include in THIRD_PARTY


def _names(kind: str) -> list[str]:
    return [name for name, rule in URLS.items() if rule.kind == kind]


# --- the classification itself -------------------------------------------------------------------------------


def test_every_url_pattern_is_classified():
    project_routes = [route for route in ROUTES if not _is_third_party(route)]
    unclassified = [
        f"{route.name or '(unnamed)'}  /{route.route}" for route in project_routes if route.name not in URLS
    ]
    assert not unclassified, "URL patterns missing from the classification table URLS:\n" + "\n".join(unclassified)
    duplicated = [name for name, count in Counter(route.name for route in project_routes).items() if count > 1]
    assert not duplicated, f"several patterns share a name, so the table cannot tell them apart: {duplicated}"


def test_classification_table_names_only_existing_urls():
    names = {route.name for route in ROUTES if not _is_third_party(route)}
    assert not set(URLS) - names, f"classified but no longer a URL: {sorted(set(URLS) - names)}"
    includes = {route.include for route in ROUTES}
    assert not set(THIRD_PARTY) - includes, f"third-party include gone: {sorted(set(THIRD_PARTY) - includes)}"


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
    return reverse(name, kwargs={arg: getattr(world, attribute).pk for arg, attribute in args.items()})


def _hostile_payload(world) -> dict:
    """Valid input for every form of the project: a POST that got through would change something."""
    return {
        # company details (edit, registration)
        "legal_name": "Taken Over Ltd.",
        "operating_name": "",
        "wcb_account_number": world.company.wcb_account_number,
        "street_address": "9 Intruder Way",
        "city": "Moose Jaw",
        "postal_code": "S6H 1A1",
        "phone": "306-555-0199",
        "email": "mallory@intruder.example",
        "trade": "Demolition",
        "is_scsa_member": "on",
        # roster entry; invitation (first/last name, email) and staff invitation (role)
        "first_name": "Mallory",
        "last_name": "Intruder",
        "employment_type": "full_time",
        "is_permanent": "on",
        "works_in_saskatchewan": "on",
        "location": "field",
        "start_date": "2024-01-08",
        "role": User.Role.STAFF,
        # status change, auditor removal, application decision
        "action": "withdraw",
        "reason": "Hostile change",
        "remove": str(world.users["auditor"].pk),
        "accept": "1",
        # registration journey
        "owners": "1",
        "full_time": "3",
        "part_time": "0",
        "casual": "0",
        "subcontractors": "0",
        "agree": "on",
        "signed_name": "Mallory Intruder",
    }


def _snapshot() -> tuple:
    """Everything a request could change."""
    return (
        list(Company.objects.order_by("pk").values()),
        list(Employee.objects.order_by("pk").values()),
        list(Membership.objects.order_by("pk").values_list("pk", "company_id", "user_id", "is_owner")),
        list(AuditorAssignment.objects.order_by("pk").values_list("pk", "company_id", "auditor_id")),
        list(Application.objects.order_by("pk").values()),
        list(User.objects.order_by("pk").values_list("pk", "email", "role", "is_active", "is_staff")),
        CompanyEvent.objects.count(),
        len(mail.outbox),
    )


def _request(client, method: str, url: str, world):
    return client.get(url) if method == "GET" else client.post(url, _hostile_payload(world))


def _assert_not_found(client, method: str, url: str, world) -> None:
    before = _snapshot()
    response = _request(client, method, url, world)
    assert response.status_code == 404, f"{method} {url} answered {response.status_code}, expected 404"
    assert world.company.legal_name not in response.content.decode()
    assert _snapshot() == before, f"{method} {url} answered 404 but changed data"


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
        if rule.kind != PUBLIC
        for method in METHODS
    ],
)
def test_anonymous_visitor_is_sent_to_login(world, client, name, method):
    url = _url(name, world)
    before = _snapshot()
    response = _request(client, method, url, world)
    _assert_login_redirect(response, url)
    assert _snapshot() == before


@pytest.mark.parametrize("name", _names(PUBLIC))
def test_public_url_opens_for_anonymous_visitors(world, client, name):
    assert client.get(_url(name, world)).status_code == 200


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
    response = client_as(role).get(_url(name, world))
    assert response.status_code == 200
    assert response.context["company"] == world.company


@pytest.mark.parametrize("name", [name for name in _names(COMPANY) if URLS[name].post_only])
def test_company_action_is_for_staff_posts(world, client_as, name):
    client = client_as("staff_user")
    url = _url(name, world)
    assert client.get(url).status_code == 405
    response = client.post(url, {})  # an empty form: refused with a message, nothing changes
    assert (response.status_code, response["Location"]) == (302, reverse("companies:detail", args=[world.company.pk]))


@pytest.mark.parametrize(
    ("name", "role", "url_company", "object_company", "method"),
    [
        pytest.param(name, role, url_company, object_company, method, id=f"{name}-{role}-{object_id}-{method}")
        for name in _names(COMPANY)
        if set(URLS[name].args) != {"pk"}
        for role, url_company, object_company, object_id in [
            ("other_employer", "other_company", "company", "A-object-under-B"),
            ("staff_user", "other_company", "company", "A-object-under-B"),
            ("employer", "company", "other_company", "B-object-under-A"),
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
    assert client_as("staff_user").get(_url(name, world)).status_code == 200


def test_application_page_is_for_staff_even_when_it_is_the_employers_own(world, client_as):
    """The application belongs to company A and was submitted by A's owner, who still gets 404."""
    url = _url("staff:application", world)
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
    assert client_as(role).get(_url(name, world)).status_code == 200


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
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "Legal name"
    assert {row[0] for row in rows[1:]} == {getattr(world, attribute).legal_name for attribute in COMPANIES_SEEN[role]}


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
        expected = 200 if name == "register:details" else (302, reverse("register:details"))
    else:
        own = world.other_company if role == "other_employer" else world.company
        expected = (302, reverse("companies:detail", args=[own.pk]))
    assert (response.status_code if expected == 200 else (response.status_code, response["Location"])) == expected


# --- the hostile payload is a real attack ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("companies:edit", "employer"),
        ("companies:employee_add", "employer"),
        ("companies:employee_edit", "employer"),
        ("companies:member_invite", "employer"),
        ("companies:status", "staff_user"),
        ("companies:auditors", "staff_user"),
        ("staff:application", "staff_user"),
        ("staff:people", "staff_user"),
    ],
)
def test_hostile_payload_changes_data_when_allowed(world, client_as, name, role):
    """Makes the "nothing changed" checks above meaningful: from an allowed user the same POST does change data."""
    before = _snapshot()
    response = client_as(role).post(_url(name, world), _hostile_payload(world))
    assert response.status_code == 302
    assert _snapshot() != before
