"""The partners' API keeps to each token's scope, as the pages do (issue 27): every endpoint of staff's read access
is tried with every role's token and every kind of key. Staff read every company; a program auditor's token reads
the assigned companies only (another company's object is a 404, as on the pages) and no invoice; a partner's key
opens only the verification; an employer has no token, a session opens nothing, and no key at all is a 401."""

import pytest
from django.urls import reverse

from secor.api.models import ApiKey
from secor.api.services import api_key_create, api_key_revoke
from tests.security.isolation import page_url
from tests.security.urls_table import API, URLS

RECORDS = ("companies", "letters", "audits", "certificates", "invoices", "notices")
# What each token reads of company A's objects (B's are read by staff only): invoices are not program auditors'.
READS_A = {
    "staff_user": set(RECORDS),
    "auditor": set(RECORDS) - {"invoices"},
    "unassigned_auditor": set(),
}
# The detail endpoint's object of A, and B's, by the world's attribute names.
OBJECT = {
    "companies": "company",
    "letters": "letter",
    "audits": "audit",
    "certificates": "certificate",
    "invoices": "invoice",
    "notices": "notice",
}


def test_every_api_url_is_tried_here():
    tried = {"api:schema", "api:docs", "api:verify_numbers", "api:verify_certificate", "api:verify_company"} | {
        f"api:{records}-{kind}" for records in (*RECORDS, "subscriptions") for kind in ("list", "detail")
    }
    assert {name for name, rule in URLS.items() if rule.kind == API} == tried


@pytest.fixture
def token(world):
    """The key of a token of `role` (a person's), or of a partner's key ("partner")."""

    def _token(role: str) -> str:
        user = None if role == "partner" else world.users[role]
        return api_key_create(holder=role, actor=world.users["staff_user"], user=user)[1]

    return _token


def _get(client, url: str, key: str | None = None):
    return client.get(url, **({"HTTP_AUTHORIZATION": f"Bearer {key}"} if key else {}))


def _detail(records: str, world, prefix: str = "") -> str:
    return reverse(f"api:{records}-detail", kwargs={"pk": getattr(world, prefix + OBJECT[records]).pk})


@pytest.mark.parametrize("role", sorted(READS_A))
def test_a_persons_token_reads_the_objects_of_the_companies_their_pages_show(world, client, token, role):
    key = token(role)
    for records in RECORDS:
        mine = _get(client, _detail(records, world), key)
        theirs = _get(client, _detail(records, world, "other_"), key)
        listed = _get(client, reverse(f"api:{records}-list"), key)
        if records in READS_A[role]:
            assert mine.status_code == 200, f"{records} of A as {role}"
            assert mine.json()["id"] == getattr(world, OBJECT[records]).pk
        else:
            assert mine.status_code == 404, f"{records} of A as {role}: {mine.status_code}"
            assert world.company.legal_name not in mine.content.decode()
        if role == "staff_user":
            assert theirs.status_code == 200
        else:
            assert theirs.status_code == 404, f"{records} of B as {role}: {theirs.status_code}"
            assert world.other_company.legal_name not in theirs.content.decode()
        if role == "staff_user" or records in READS_A[role]:
            assert listed.status_code == 200
            ids = {row["id"] for row in listed.json()["results"]}
            assert (getattr(world, OBJECT[records]).pk in ids) == (records in READS_A[role]), f"{records} list, {role}"
            assert (getattr(world, "other_" + OBJECT[records]).pk in ids) == (role == "staff_user")
        elif records == "invoices" or role == "unassigned_auditor":
            # An auditor's token finds no invoices endpoint; an unassigned auditor's lists are empty.
            assert listed.status_code == 404 if records == "invoices" else listed.json()["results"] == []


def test_a_partners_key_opens_no_record_and_no_key_is_told_how_to_authenticate(world, client, token):
    partner, employer = token("partner"), token("employer")
    for records in RECORDS:
        for url in (reverse(f"api:{records}-list"), _detail(records, world)):
            assert _get(client, url, partner).status_code == 404, url
            # An employer has no token: one made anyway (not by any page) opens nothing.
            assert _get(client, url, employer).status_code == 401, url
            refused = _get(client, url)
            assert refused.status_code == 401 and refused["WWW-Authenticate"] == "Bearer"
            assert world.company.legal_name not in refused.content.decode()


@pytest.mark.parametrize("role", ["staff_user", "auditor", "employer"])
def test_a_signed_in_session_opens_no_record(world, client_as, role):
    for records in RECORDS:
        assert client_as(role).get(_detail(records, world)).status_code == 401


def test_a_revoked_or_mistyped_key_opens_nothing(world, client, token):
    key = token("staff_user")
    url = _detail("companies", world)
    assert _get(client, url, key).status_code == 200
    assert _get(client, url, key[:-1] + ("x" if key[-1] != "x" else "y")).status_code == 401
    api_key_revoke(key=ApiKey.objects.get(user=world.users["staff_user"], revoked_at__isnull=True), actor=None)
    assert _get(client, url, key).status_code == 401


def test_the_verification_is_public_and_shows_what_verify_shows(world, client):
    certificate = world.certificate
    answer = _get(client, page_url("api:verify_certificate", world))
    assert answer.status_code == 200
    assert (
        answer.json().items()
        >= {
            "certificate_number": certificate.number,
            "company_name": world.company.legal_name,
            "expires_on": certificate.expires_on.isoformat(),
        }.items()
    )
    by_wcb = _get(client, reverse("api:verify_company", args=[world.company.wcb_account_number]))
    assert by_wcb.json()["certificate_number"] == certificate.number
    assert "wcb_account_number" not in answer.json() and "id" not in answer.json()


def test_a_subscription_is_its_keys_alone(world, client, token):
    """The partner's subscription (tests/security/world/secor.py) does not exist for another partner's key; a
    person's own token subscribes to nothing (403, saying only a partner's key does)."""
    url = reverse("api:subscriptions-detail", kwargs={"pk": world.subscription.pk})
    assert _get(client, url, token("partner")).status_code == 404
    assert _get(client, reverse("api:subscriptions-list"), token("partner")).json()["results"] == []
    for role in ("staff_user", "auditor"):
        for asked in (url, reverse("api:subscriptions-list")):
            assert _get(client, asked, token(role)).status_code == 403, role
    assert _get(client, url).status_code == 401
