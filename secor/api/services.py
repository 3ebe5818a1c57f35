"""Writes of the partners' API: keys made and revoked, and each keyed request written down."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from secor import hooks
from secor.api.keys import key_make
from secor.api.models import ApiKey, ApiKeyUse


@transaction.atomic
def api_key_create(*, holder: str, actor, user=None) -> tuple[ApiKey, str]:
    """A partner's key named for its holder (staff make it), or `user`'s own token (which revokes their last).
    Returns the row and the key, which is shown this once."""
    holder = " ".join(holder.split())
    if not holder:
        raise ValidationError({"holder": "Name who holds the key (a company, a system or a person)."})
    if user is not None:
        ApiKey.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    key, prefix, digest = key_make()
    row = ApiKey.objects.create(holder=holder[:200], user=user, prefix=prefix, digest=digest, created_by=actor)
    hooks.changed(hooks.Topic.ACCOUNTS)
    return row, key


@transaction.atomic
def api_key_revoke(*, key: ApiKey, actor) -> ApiKey:
    """The key opens nothing from now on; its record of uses stays."""
    ApiKey.objects.filter(pk=key.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    key.refresh_from_db()
    hooks.changed(hooks.Topic.ACCOUNTS)
    return key


def api_key_use_record(*, key: ApiKey, method: str, path: str) -> None:
    """Write down a request made with `key` (one row, no kept value reads it)."""
    ApiKeyUse.objects.create(key=key, method=method[:8], path=path[:300])
