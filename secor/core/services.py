"""Writes to user accounts: invitations of employers, program auditors and staff."""

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from secor.core.models import User
from secor.core.tasks import send_invitation


def password_setup_url(user: User) -> str:
    """A one-time link where an invited person chooses their password (allauth's reset-from-key page)."""
    path = reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)},
    )
    return f"{settings.SITE_URL.rstrip('/')}{path}"


@transaction.atomic
def user_invite(
    *, email: str, first_name: str, last_name: str, role: str, invited_by: User, company_name: str = ""
) -> User:
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": "This email address already has a SECOR login."})
    user = User.objects.create_user(
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        role=role,
        # Program administrators keep the program settings and catalogue in the admin, all of it.
        is_staff=role == User.Role.STAFF,
        is_superuser=role == User.Role.STAFF,
    )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    # The address is the one the inviter typed and the link only works from that inbox.
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    send_invitation.delay_on_commit(user.pk, invited_by.pk, company_name)
    return user


def invitation_send(*, user: User, invited_by: User, company_name: str) -> None:
    context = {
        "user": user,
        "invited_by": invited_by,
        "role": user.get_role_display(),
        "company_name": company_name,
        "url": password_setup_url(user),
    }
    send_mail(
        subject="[SECOR] You are invited to the SECOR program portal",
        message=render_to_string("email/invitation.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )
