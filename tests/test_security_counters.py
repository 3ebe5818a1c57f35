"""Security counters never fail open (issue 25): with the cache's Redis unreachable, sign-in is still throttled
per account, per address and per second-factor try, and one authenticator code opens one session."""

import pytest
from django.conf import settings as configured
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, MembershipFactory, StaffFactory, authenticator_code

pytestmark = pytest.mark.django_db

# Nothing listens on port 1: connecting is refused at once, as when Redis is stopped.
UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"
TOO_MANY = "Too many failed login attempts"


@pytest.fixture(autouse=True)
def _redis_down(settings):
    settings.CACHES = {
        **configured.CACHES,
        "default": {"BACKEND": "secor.cache.RedisCache", "LOCATION": UNREACHABLE_REDIS},
    }


def _password(client, email, password="wrong-password"):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_sign_in_is_throttled_per_account_while_redis_is_down():
    email = MembershipFactory().user.email
    for _ in range(5):
        assert TOO_MANY not in _password(Client(), email).text
    # The sixth try within 5 minutes is refused, the right password from another address alike.
    refused = _password(Client(REMOTE_ADDR="10.9.9.9"), email, PASSWORD)
    assert TOO_MANY in refused.text and "_auth_user_id" not in refused.client.session


def test_sign_in_is_throttled_per_address_while_redis_is_down():
    for number in range(10):
        assert TOO_MANY not in _password(Client(), f"someone{number}@example.com").text
    # The eleventh failure from one address within a minute is refused, for an account never tried before.
    assert TOO_MANY in _password(Client(), "someone-else@example.com").text
    assert TOO_MANY not in _password(Client(REMOTE_ADDR="10.9.9.9"), "someone-else@example.com").text


def test_second_factor_codes_are_throttled_while_redis_is_down():
    person = StaffFactory()
    clients = [Client(REMOTE_ADDR=f"10.0.0.{number}") for number in range(6)]
    for client in clients:
        assert _password(client, person.email, PASSWORD)["Location"] == reverse("mfa_authenticate")
    for client in clients[:5]:
        assert "Incorrect code." in client.post(reverse("mfa_authenticate"), {"code": "000000"}).text
    # The sixth wrong code for the person within 5 minutes is refused, and so is the right one then.
    refused = clients[5].post(reverse("mfa_authenticate"), {"code": authenticator_code(person)})
    assert TOO_MANY in refused.text and "_auth_user_id" not in clients[5].session


def test_one_authenticator_code_opens_one_session_while_redis_is_down():
    person = StaffFactory()
    first, second = Client(), Client(REMOTE_ADDR="10.9.9.9")
    for client in (first, second):
        assert _password(client, person.email, PASSWORD)["Location"] == reverse("mfa_authenticate")
    code = authenticator_code(person)
    assert first.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
    reused = second.post(reverse("mfa_authenticate"), {"code": code})
    assert "Incorrect code." in reused.text and "_auth_user_id" not in second.session
