"""A program auditor's first sign-in in a real browser (issue 12): taken to set up an authenticator app before
anything else, shown the recovery codes, then their pages — every step accessible and within the Content
Security Policy (the page fixture fails on any violation)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import AuditorFactory, code_now

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_new_auditor_sets_up_the_second_factor_before_any_page(page, sign_in, assert_accessible):
    auditor = AuditorFactory(authenticator_app=False)
    sign_in(page, auditor.email)
    # The password just typed is not asked for again before the set-up.
    expect(page.get_by_role("heading", name="Activate Authenticator App")).to_be_visible()
    assert_accessible(page)
    page.goto(reverse("training:verification_queue"))  # any other page sends back to the set-up
    expect(page).to_have_url(f"{page.url.split('/accounts/')[0]}{reverse('mfa_activate_totp')}")
    # The person's phone: the secret the page shows, its current code.
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("input[name=code]").fill(code_now(secret))
    page.get_by_role("button", name="Activate").click()
    expect(page.get_by_role("heading", name="Recovery Codes")).to_be_visible()
    assert_accessible(page)
    page.goto(reverse("training:verification_queue"))
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Activate Authenticator App")
