"""Accounts (issue 12): SCSA staff and program auditors sign in with a second factor — an authenticator app,
with recovery codes. One who has none yet is taken to set it up before any other page (the Django admin
included) and may not turn it off; employers may turn it on."""

from datetime import date

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.test import Client
from django.urls import reverse

from secor.core.groups import program_administrators
from tests.clock import on
from tests.factories import PASSWORD, AuditorFactory, StaffFactory
from tests.signing_in import authenticator_app_set_up, sign_in

pytestmark = pytest.mark.django_db

PROGRAM_PEOPLE = {"staff": StaffFactory, "auditor": AuditorFactory}


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("role", PROGRAM_PEOPLE)
def test_staff_and_auditors_give_the_code_of_their_authenticator_app_after_the_password(role):
    person, client = PROGRAM_PEOPLE[role](), Client()
    response = client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate") and not signed_in(client)
    # The password alone opens nothing.
    assert client.get(reverse("companies:list"))["Location"].startswith(reverse("account_login"))
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert "Incorrect code." in wrong.text and not signed_in(client)
    client.logout()
    assert sign_in(client, person.email).status_code == 302 and signed_in(client)
    assert client.get(reverse("home"), follow=True).status_code == 200


def test_a_recovery_code_signs_in_once(staff_user):
    codes = RecoveryCodes.activate(staff_user).get_unused_codes()
    client = Client()
    client.post(reverse("account_login"), {"login": staff_user.email, "password": PASSWORD})
    assert client.post(reverse("mfa_authenticate"), {"code": codes[0]}).status_code == 302 and signed_in(client)
    again = Client()
    again.post(reverse("account_login"), {"login": staff_user.email, "password": PASSWORD})
    assert "Incorrect code." in again.post(reverse("mfa_authenticate"), {"code": codes[0]}).text


@pytest.mark.parametrize("role", PROGRAM_PEOPLE)
def test_one_without_an_authenticator_app_sets_it_up_before_any_other_page(role, company):
    person, client = PROGRAM_PEOPLE[role](authenticator_app=False), Client()
    assert sign_in(client, person.email).status_code == 302 and signed_in(client)
    set_up = reverse("mfa_activate_totp")
    for url in ["/", reverse("companies:list"), reverse("companies:detail", args=[company.pk]), "/admin/"]:
        assert client.get(url)["Location"] == set_up, url
        assert client.post(url, {"anything": "x"})["Location"] == set_up, url
    # An htmx request is sent there as a whole page, not swapped into a part of one.
    assert client.get(reverse("companies:list"), headers={"HX-Request": "true"})["HX-Redirect"] == set_up
    # The set-up, right after the password was typed, does not ask for it again; it shows the secret and, once a
    # code from it is typed, the recovery codes.
    assert 'id="authenticator_secret"' in client.get(reverse("mfa_activate_totp")).text
    codes = authenticator_app_set_up(client)
    assert codes.redirect_chain[-1][0] == reverse("mfa_view_recovery_codes")
    assert "Unused codes" in codes.text and "Download codes" in codes.text
    assert client.get(reverse("home"), follow=True).status_code == 200
    # From now on the sign-in asks for a code.
    assert Client().post(reverse("account_login"), {"login": person.email, "password": PASSWORD})[
        "Location"
    ] == reverse("mfa_authenticate")


def test_one_setting_it_up_may_still_sign_out():
    client = Client()
    sign_in(client, StaffFactory(authenticator_app=False).email)
    assert client.post(reverse("account_logout"))["Location"] == "/" and not signed_in(client)


def test_employers_are_not_asked_for_one_and_may_turn_it_on_and_off(employer, company):
    client = Client()
    assert sign_in(client, employer.email).status_code == 302 and signed_in(client)
    assert client.get(reverse("companies:detail", args=[company.pk])).status_code == 200
    assert "Two-factor authentication" in client.get(reverse("mfa_index")).text
    authenticator_app_set_up(client)
    assert Client().post(reverse("account_login"), {"login": employer.email, "password": PASSWORD})[
        "Location"
    ] == reverse("mfa_authenticate")
    turned_off = client.post(reverse("mfa_deactivate_totp"), follow=True)
    assert "Authentication using an authenticator app is active." not in turned_off.text
    assert not Authenticator.objects.filter(user=employer, type=Authenticator.Type.TOTP).exists()


@pytest.mark.parametrize("role", PROGRAM_PEOPLE)
def test_staff_and_auditors_may_not_turn_it_off(role):
    person, client = PROGRAM_PEOPLE[role](), Client()
    sign_in(client, person.email)
    page = client.get(reverse("mfa_deactivate_totp"), follow=True)
    if page.redirect_chain:  # allauth asks for the password first
        page = client.post(page.redirect_chain[-1][0], {"password": PASSWORD}, follow=True)
    assert "SCSA staff and program auditors keep two-factor authentication on" in page.text
    client.post(reverse("mfa_deactivate_totp"))
    assert Authenticator.objects.filter(user=person, type=Authenticator.Type.TOTP).exists()


def test_a_program_administrator_resets_a_lost_authenticator_app(login, staff_user, auditor):
    staff_user.groups.add(program_administrators())
    lost = Authenticator.objects.get(user=auditor, type=Authenticator.Type.TOTP)
    admin = login(staff_user)
    assert admin.get("/admin/mfa/authenticator/").status_code == 200
    assert admin.post(f"/admin/mfa/authenticator/{lost.pk}/delete/", {"post": "yes"}).status_code == 302
    # The auditor's next sign-in takes them to set up a new one.
    client = Client()
    assert sign_in(client, auditor.email).status_code == 302
    assert client.get("/")["Location"] == reverse("mfa_activate_totp")


def test_a_set_up_later_than_the_sign_in_asks_for_the_password_again():
    person, client = AuditorFactory(authenticator_app=False), Client()
    with on(date(2026, 6, 1), 12):
        sign_in(client, person.email)
    with on(date(2026, 6, 1), 12, 30):
        page = client.get(reverse("mfa_activate_totp"))
    assert page["Location"].startswith(reverse("account_reauthenticate"))
