"""The API's public verification (issue 27, CERT-1, CERT-2): what `/verify/` shows, by certificate number, by WCB
account number, or for up to 1,000 numbers; open within a limit per address, which a key made by staff lifts and
whose every request is logged."""

from datetime import date

import pytest
from django.urls import reverse

from secor.api.models import ApiKey, ApiKeyUse
from tests.clock import on
from tests.factories import certificate_without_pdf

NUMBER = "SECOR-ABCD-EFGH-JKMN"


@pytest.fixture
def certificate(company, staff_user):
    return certificate_without_pdf(company, staff_user, date(2026, 8, 11), number=NUMBER)


def test_cert_1_a_certificate_by_its_number_typed_anyhow_shows_what_verify_shows(client, certificate, company):
    with on(date(2027, 1, 4)):
        answer = client.get(reverse("api:verify_certificate", args=["secor abcd efgh jkmn"]))
    assert answer.status_code == 200
    assert answer.json() == {
        "typed": "secor abcd efgh jkmn",
        "kind": "certificate",
        "number": NUMBER,
        "status": "valid",
        "certificate_number": NUMBER,
        "company_name": company.legal_name,
        "operating_name": "" if company.operating_name in ("", company.legal_name) else company.operating_name,
        "city": company.city,
        "issued_on": "2026-08-11",
        "expires_on": "2029-08-11",
        "suspended_on": None,
        "superseded_by": "",
        "superseded_on": None,
        "ended_on": None,
        "ended_how": "",
    }
    with on(date(2029, 8, 12)):
        assert (
            client.get(reverse("api:verify_company", args=[company.wcb_account_number])).json()["status"] == "expired"
        )
    missing = client.get(reverse("api:verify_certificate", args=["SECOR-ZZZZ-ZZZZ-ZZZZ"]))
    assert missing.status_code == 404 and "not a SECOR one" in missing.json()["detail"]


def test_cert_1_up_to_a_thousand_numbers_in_one_request(client, certificate, company, django_assert_max_num_queries):
    numbers = [NUMBER, company.wcb_account_number, "nonsense"] + [f"{700000 + n}" for n in range(997)]
    # The same few queries for 1,000 numbers as for one: the certificates, the companies' current ones, and the
    # limit's counter (in the database: secor/cache.py).
    with on(date(2027, 1, 4)), django_assert_max_num_queries(15):
        answer = client.post(reverse("api:verify_numbers"), {"numbers": numbers}, content_type="application/json")
    results = answer.json()["results"]
    assert len(results) == 1000
    assert [result["status"] for result in results[:3]] == ["valid", "valid", "unknown"]
    too_many = client.post(reverse("api:verify_numbers"), {"numbers": [*numbers, "1"]}, content_type="application/json")
    assert too_many.status_code == 400 and "numbers" in too_many.json()


def test_an_address_without_a_key_is_limited_and_a_key_lifts_the_limit_and_is_logged(
    client, certificate, staff_user, login, settings
):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "verify_one": "2/m/ip"}
    url = reverse("api:verify_certificate", args=[NUMBER])
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 429]
    # Staff make a key named for its holder, on a plain form; it is shown once.
    page = login(staff_user).post(reverse("api_keys:keys"), {"holder": "Prairie  Prime Contractors"})
    key = ApiKey.objects.get(holder="Prairie Prime Contractors")
    made = page.content.decode().split('<code class="user-select-all fs-6">')[1].split("</code>")[0]
    assert made.startswith(f"secor_{key.prefix}_") and made not in key.digest
    headers = {"HTTP_AUTHORIZATION": f"Bearer {made}"}
    assert [client.get(url, **headers).status_code for _ in range(3)] == [200, 200, 200]
    assert list(ApiKeyUse.objects.filter(key=key).values_list("method", "path")) == [("GET", url)] * 3
    assert url in login(staff_user).get(reverse("api_keys:key", args=[key.pk])).content.decode()
    # Revoked, it opens nothing; the log stays.
    login(staff_user).post(reverse("api_keys:key_revoke", args=[key.pk]))
    assert client.get(url, **headers).status_code == 401


def test_staff_name_the_holder_of_a_key(staff_user, login):
    page = login(staff_user).post(reverse("api_keys:keys"), {"holder": "  "})
    assert page.status_code == 400 and "Name who holds the key" in page.content.decode()
    assert not ApiKey.objects.exists()


def test_a_program_auditor_makes_their_own_token_and_a_new_one_revokes_the_last(auditor, login):
    page = login(auditor).post(reverse("api_keys:my_token"))
    first = ApiKey.objects.get(user=auditor)
    assert f"secor_{first.prefix}_" in page.content.decode()
    login(auditor).post(reverse("api_keys:my_token"))
    assert ApiKey.objects.filter(user=auditor, revoked_at__isnull=True).exclude(pk=first.pk).count() == 1
    first.refresh_from_db()
    assert first.revoked_at is not None
