"""allauth's own emails (sign-up confirmation, password reset) go through the ledger without their links."""

from django.core import mail
from django.urls import reverse

from secor.notices.kinds import WITHHELD
from secor.notices.models import Notice


def test_a_sign_up_confirmation_is_sent_and_kept_without_its_link(client, db):
    client.post(
        reverse("account_signup"),
        {"email": "newco@example.com", "password1": "a-long-pass-phrase-9", "password2": "a-long-pass-phrase-9"},
    )
    (email,) = mail.outbox
    notice = Notice.objects.get(kind="account-email")
    assert (notice.recipient_email, notice.state, notice.subject) == ("newco@example.com", "sent", email.subject)
    link = next(line for line in email.body.splitlines() if "/accounts/confirm-email/" in line).strip()
    assert link not in notice.body and WITHHELD in notice.body


def test_a_password_reset_email_is_kept_without_its_link(client, employer):
    client.post(reverse("account_reset_password"), {"email": employer.email})
    (email,) = mail.outbox
    notice = Notice.objects.get(kind="account-email")
    assert "/accounts/password/reset/key/" in email.body
    assert "/accounts/password/reset/key/" not in notice.body
