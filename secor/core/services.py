"""Writes to user accounts: invitations of employers, program auditors and staff."""

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import transaction

from secor import hooks
from secor.core.groups import program_administrators
from secor.core.models import User
from secor.core.notices import INVITATION
from secor.notices.kinds import Recipient
from secor.notices.services import notice_send


@transaction.atomic
def user_invite(*, email: str, first_name: str, last_name: str, role: str, invited_by: User, company=None) -> User:
    """A login for a new person, who chooses a password from the invitation (for `company`, an employer)."""
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": "This email address already has a SECOR login."})
    user = User.objects.create_user(
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        role=role,
        invited_by=invited_by,
        # Program administrators keep the program settings, the catalogue and the audit tool in the admin, and
        # read the records there (secor.core.groups); superusers are made only with createsuperuser.
        is_staff=role == User.Role.STAFF,
    )
    if role == User.Role.STAFF:
        user.groups.add(program_administrators())
    user.set_unusable_password()
    user.save(update_fields=["password"])
    # The address is the one the inviter typed and the link only works from that inbox.
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    hooks.changed(hooks.Topic.ACCOUNTS)
    notice_send(
        kind=INVITATION,
        recipients=[Recipient(email, user.get_full_name(), user.pk)],
        subject=user,
        company=company,
    )
    return user
