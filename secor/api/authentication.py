"""Who calls the API: a key in the `Authorization: Bearer …` header, else nobody (anonymous verification only).

A partner's key authenticates no person: the request stays anonymous, with the key as its `auth` (it lifts the
verification's limit and owns subscriptions). A person's token authenticates that person, if they are still staff
or a program auditor and active: their role decides, request by request, what the token reads."""

from django.contrib.auth.models import AnonymousUser
from rest_framework import authentication, exceptions

from secor.api.keys import key_matches, key_prefix
from secor.api.models import ApiKey
from secor.api.services import api_key_use_record

SCHEME = "Bearer"
REFUSED = "This key is not valid: it was mistyped, revoked, or its person no longer has access. Ask SCSA for one."


class KeyAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0] != SCHEME:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(REFUSED)
        key = _key(header[1])
        if key is None:
            raise exceptions.AuthenticationFailed(REFUSED)
        api_key_use_record(key=key, method=request.method, path=request.get_full_path())
        return (key.user if key.user_id is not None else AnonymousUser()), key

    def authenticate_header(self, request):
        return SCHEME


def _key(typed: str) -> ApiKey | None:
    prefix = key_prefix(typed)
    if prefix is None:
        return None
    key = ApiKey.objects.select_related("user").filter(prefix=prefix, revoked_at__isnull=True).first()
    if key is None or not key_matches(typed, key.digest):
        return None
    if key.user_id is not None and not (
        key.user.is_active and (key.user.is_program_staff or key.user.is_program_auditor)
    ):
        return None
    return key


def partner_key(request) -> ApiKey | None:
    """The key the request was made with (a partner's or a person's), or None."""
    return request.auth if isinstance(request.auth, ApiKey) else None
