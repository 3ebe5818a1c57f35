from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site

from secor.core.notices import ACCOUNT_EMAIL
from secor.notices.services import notice_send_prepared

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
