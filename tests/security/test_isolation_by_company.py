"""Tenant isolation by company: a company's URLs open for its own people only; outside a user's scope its objects
do not exist (404, never 403), even through another company's URL or named in a form."""

import io
import zipfile

import pytest
from django.urls import reverse

from tests.pdfs import pdf_text
from tests.security.isolation import METHODS, assert_is_page, assert_not_found, denied_case, page_url
from tests.security.urls_table import COMPANY, IN_SCOPE_OF_A, OUT_OF_SCOPE_OF_A, URLS
from tests.security.urls_table import names as _names
from tests.security.world import hostile_payload, snapshot

# --- company-scoped --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "role", "method"),
    [denied_case(name, role, method) for name in _names(COMPANY) for role in OUT_OF_SCOPE_OF_A for method in METHODS],
)
def test_company_url_is_404_outside_scope(world, client_as, name, role, method):
    assert_not_found(client_as(role), method, page_url(name, world), world)


@pytest.mark.parametrize(
    ("name", "role", "method"),
    [
        denied_case(name, role, method)
        for name in _names(COMPANY)
        for role in sorted(IN_SCOPE_OF_A - URLS[name].allowed)
        for method in METHODS
    ],
)
def test_company_url_is_404_for_role_without_permission(world, client_as, name, role, method):
    """Company A's own people get 404 from A's pages that are not for their role (e.g. an auditor editing)."""
    assert_not_found(client_as(role), method, page_url(name, world), world)


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
    response = client_as(role).get(page_url(name, world))
    assert response.status_code == 200
    if rule.serves is None:
        assert response.context["company"] == world.company
        assert_is_page(response, name, world, role)
        return
    # A file: served whole, as what it is, and it is A's (a stored document, or A's chart drawn as a PDF).
    # Read whole, the test client closes the response (and its file) with Django's end-of-request signal held
    # back: closing it again would send that signal, whose handler closes the connection holding the world.
    body = response.getvalue()
    assert response["Content-Type"] == rule.serves
    documents = [attribute for attribute in rule.args.values() if attribute in world.documents]
    if documents:
        assert body == world.documents[documents[0]]
    elif rule.serves == "application/zip":  # the company's whole record
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            assert world.company.legal_name in archive.read("records/companies_company.csv").decode()
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
    url = page_url(name, world)
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
            "audits:invoice_payment_correct": reverse("audits:invoice", args=[world.company.pk, world.invoice.pk]),
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
    assert_not_found(client_as(role), method, page_url(name, world, **objects), world)


@pytest.mark.writes
@pytest.mark.parametrize("role", ["employer", "staff_user"])
@pytest.mark.parametrize("name", ["training:record_add", "training:designate", "training:submission_add"])
def test_another_companys_employee_named_in_a_form_is_refused(world, client_as, name, role):
    """The hostile payload changes data (see the last test), but not with B's employee in A's form."""
    world.other_designation.delete()  # else TRN-2 alone would refuse to designate B's trained employee
    before = snapshot()
    client_as(role).post(page_url(name, world), hostile_payload(world) | {"employee": str(world.other_employee.pk)})
    assert snapshot() == before
