"""Signing in through allauth's pages with the test client, as a person does: the password, then the code of
their authenticator app when they have one."""

import re

from django.urls import reverse

from secor.core.models import User
from tests.factories import PASSWORD, authenticator_code, code_now


def sign_in(client, email: str, password: str = PASSWORD):
    """The response of the last step: the password's, or the code's when one was asked for."""
    response = client.post(reverse("account_login"), {"login": email, "password": password})
    if response.status_code == 302 and response["Location"] == reverse("mfa_authenticate"):
        code = authenticator_code(User.objects.get(email=email))
        response = client.post(reverse("mfa_authenticate"), {"code": code})
    return response


def authenticator_app_set_up(client, password: str = PASSWORD):
    """Set up the signed-in person's authenticator app as they do: allauth asks for the password again before
    a change to the second factor, then the person adds the secret the page shows to an authenticator app and
    types the code it gives. Returns the pages followed from there (the recovery codes)."""
    page = client.get(reverse("mfa_activate_totp"), follow=True)
    if page.redirect_chain and page.redirect_chain[-1][0].startswith(reverse("account_reauthenticate")):
        page = client.post(page.redirect_chain[-1][0], {"password": password}, follow=True)
    secret = re.search(r'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"', page.text)
    assert secret, "the set-up page shows no secret"
    return client.post(reverse("mfa_activate_totp"), {"code": code_now(secret.group(1))}, follow=True)
