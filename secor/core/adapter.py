import time
from datetime import UTC, datetime

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context as allauth_context
from allauth.mfa.models import Authenticator
from django.contrib.sites.shortcuts import get_current_site

from secor.core.notices import ACCOUNT_EMAIL
from secor.notices.services import notice_send_prepared

# The authentications that prove the person knows their password: signing in with it, or choosing it (an
# invitation's link, a reset).
PASSWORD_PROOFS = frozenset({"password", "password_reset"})
# allauth's context values that open an account: links and codes, never kept in the ledger.
SECRET_KEYS = ("activate_url", "password_reset_url", "key", "code", "token")


class AccountAdapter(DefaultAccountAdapter):
    """Everyone who signs up is an employer; auditors and staff are created by staff.

    Every email allauth sends goes through the notice ledger too, so staff can see it went (or did not).
    """

    def save_user(self, request, user, form, commit=True):
        user.role = user.Role.EMPLOYER
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # The context allauth's own send_mail gives its templates.
        request = allauth_context.request
        base = {"request": request, "email": email, "current_site": get_current_site(request)}
        message = self.render_mail(template_prefix, email, {**base, **context})
        secrets = [str(context[key]) for key in SECRET_KEYS if context.get(key)]
        notice_send_prepared(kind=ACCOUNT_EMAIL, email_message=message, secrets=secrets)

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """A person setting up their first second factor right after typing their password (an invited auditor
        who has just chosen it, then is taken to the set-up) is not asked for it again, nor for the recovery codes
        the set-up then shows. A change to a second factor they had before, or a set-up later in the session,
        still asks."""
        request = allauth_context.request
        if app == "allauth.mfa" and request is not None and _setting_up_after_the_password(request):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)


def _setting_up_after_the_password(request) -> bool:
    user = request.user
    if not user.is_authenticated:
        return False
    records = get_authentication_records(request, user)
    if not records or records[-1].get("method") not in PASSWORD_PROOFS:
        return False
    proved_at = records[-1]["at"]
    if time.time() - proved_at >= account_settings.REAUTHENTICATION_TIMEOUT:
        return False
    # Only second factors set up since then (none yet, or the one this set-up just made).
    return not Authenticator.objects.filter(
        user=user, created_at__lt=datetime.fromtimestamp(proved_at, tz=UTC)
    ).exists()
