"""Accounts (issue 12): sign-in throttled per address and per account without saying whether an account
exists; staff and auditors signed out after a working day idle; a password change ends the other sessions."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, MembershipFactory, StaffFactory
from tests.signing_in import sign_in

pytestmark = pytest.mark.django_db
TOO_MANY = "Too many failed login attempts"


@pytest.mark.parametrize("known", [True, False], ids=["an account", "no account"])
def test_sign_in_is_throttled_per_account_alike_whether_it_exists(known):
    email = MembershipFactory().user.email if known else "nobody@example.com"
    for _ in range(5):
        refused = sign_in(Client(), email, "wrong-password")
        assert refused.status_code == 200 and TOO_MANY not in refused.text
    # The sixth try within 5 minutes is refused, the right password too, from another address alike.
    refused = sign_in(Client(REMOTE_ADDR="10.9.9.9"), email, PASSWORD)
    assert TOO_MANY in refused.text and "_auth_user_id" not in refused.client.session
    # Another account from the same address still signs in.
    other = MembershipFactory().user
    assert sign_in(Client(), other.email, PASSWORD).status_code == 302


def test_staff_sessions_end_after_a_working_day_idle_and_employers_last_longer(client):
    staff, employer = StaffFactory(), MembershipFactory().user
    sign_in(client, staff.email, PASSWORD)
    client.get(reverse("pages:dashboard"))
    assert client.session.get_expiry_age() == settings.PROGRAM_PEOPLE_IDLE_SECONDS == 8 * 60 * 60
    other = Client()
    sign_in(other, employer.email, PASSWORD)
    other.get(reverse("companies:detail", args=[employer.membership.company_id]))
    assert other.session.get_expiry_age() == settings.SESSION_COOKIE_AGE  # two weeks


def test_changing_the_password_ends_the_other_sessions():
    employer = MembershipFactory().user
    here, elsewhere = Client(), Client()
    for client in (here, elsewhere):
        assert sign_in(client, employer.email, PASSWORD).status_code == 302
    new = "another-long-pass-phrase-7"
    here.post(reverse("account_change_password"), {"oldpassword": PASSWORD, "password1": new, "password2": new})
    page = reverse("companies:detail", args=[employer.membership.company_id])
    assert here.get(page).status_code == 200
    assert elsewhere.get(page).status_code == 302  # signed out: to the sign-in page


def test_a_password_hashed_before_argon2_still_signs_in_and_is_rehashed_with_argon2(settings):
    from django.contrib.auth.hashers import make_password

    from secor import settings as production

    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS
    employer = MembershipFactory().user
    employer.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    employer.save(update_fields=["password"])
    assert sign_in(Client(), employer.email, PASSWORD).status_code == 302
    employer.refresh_from_db()
    assert employer.password.startswith("argon2$argon2id$")
