"""The notices of the accounts block: the invitation to choose a password, and allauth's own emails."""

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.urls import reverse

from secor.core.models import User
from secor.notices.kinds import Message, NoticeKind, Recipient, notice_kind, subject_pk
from secor.notices.text import render_text, site_url


def person(user: User) -> Recipient:
    return Recipient(user.email, user.get_full_name(), user.pk)


def program_staff() -> list[Recipient]:
    """SCSA's program staff, for the notices about a company that are for SCSA (for_staff kinds)."""
    return [person(user) for user in User.objects.filter(role=User.Role.STAFF, is_active=True)]


def password_setup_url(user: User) -> str:
    """A one-time link where an invited person chooses their password (allauth's reset-from-key page)."""
    path = reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)},
    )
    return site_url(path)


def _invitation(notice) -> Message:
    user = User.objects.select_related("invited_by").get(pk=subject_pk(notice.subject_key))
    url = password_setup_url(user)
    context = {
        "user": user,
        "invited_by": user.invited_by,
        "role": user.get_role_display(),
        "company": notice.company,
        "url": url,
        "login_url": site_url(reverse("account_login")),
    }
    return Message(
        subject="[SECOR] You are invited to the SECOR program portal",
        body=render_text("email/invitation.txt", context),
        link=context["login_url"],
        secrets=(url,),
    )


# A resend renders a fresh link: the one in the first email may have expired.
INVITATION = notice_kind(NoticeKind("invitation", "Invitation to the portal", render=_invitation, secret=True))


# Sign-up confirmations and password resets, rendered by allauth (see adapter.py): kept in the ledger without
# their one-time links, so they cannot be sent again from it; the person asks for a new one.
ACCOUNT_EMAIL = notice_kind(NoticeKind("account-email", "Sign-up confirmation or password email", render=None))
