"""SCSA's people (staff and program auditors) hold every employer's records: a stolen password must not be
enough. They sign in with a second factor (an authenticator app, with recovery codes); one who has none yet
is taken to set it up before any other page, and may not turn it off. Employers may turn it on."""

from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django_htmx.http import HttpResponseClientRedirect

# What a person still setting up their second factor may open: the set-up, the password check it asks for
# when the sign-in was not just now, and signing out.
SET_UP_PAGES = frozenset({"mfa_activate_totp", "account_reauthenticate", "account_logout"})


def requires_second_factor(user) -> bool:
    return user.is_program_staff or user.is_program_auditor


def authenticator_app_of_user():
    """Whether the user of the query's row has an authenticator app: an annotation, so that the user loaded
    on every request carries it (secor.core.backends) and the check costs no query."""
    return Exists(Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP))


def has_authenticator_app(user) -> bool:
    known = getattr(user, "has_authenticator_app", None)
    if known is None:
        return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    return known


def _is_set_up_page(request) -> bool:
    try:
        return resolve(request.path_info).url_name in SET_UP_PAGES
    except Resolver404:
        return False


class SecondFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and requires_second_factor(user)
            and not has_authenticator_app(user)
            and not _is_set_up_page(request)
        ):
            set_up = reverse("mfa_activate_totp")
            return HttpResponseClientRedirect(set_up) if request.htmx else redirect(set_up)
        return self.get_response(request)


class SecondFactorAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "cannot_delete_authenticator": (
            "SCSA staff and program auditors keep two-factor authentication on. To move it to another phone, "
            "ask a program administrator to reset it: you will set it up again at your next sign-in."
        ),
    }

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        return not requires_second_factor(authenticator.user)
