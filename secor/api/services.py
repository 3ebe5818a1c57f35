"""Writes of the partners' API: keys made and revoked, each keyed request written down, subscriptions to change
events, and the claim of each event's deliveries in the notice ledger."""

import json
import secrets
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from secor import hooks
from secor.api.delivery import subscriber_address
from secor.api.events import EVENTS, LOOKBACK, events_since
from secor.api.keys import key_make
from secor.api.models import ApiKey, ApiKeyUse, Subscription
from secor.api.notices import PARTNER_EVENT
from secor.api.subscriber_urls import url_refusal
from secor.notices.models import Notice
from secor.notices.services.claims import dispatch


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


@transaction.atomic
def subscription_create(*, key: ApiKey, url: str, events: list[str]) -> Subscription:
    """A key holder's URL, told of `events` from now on; its secret signs every delivery (shown once, here). The URL
    must be https to a public address (secor.api.subscriber_urls), checked again at each delivery."""
    unknown = sorted(set(events) - set(EVENTS))
    if not events or unknown:
        raise ValidationError({"events": f"Name events of: {', '.join(EVENTS)}."})
    if refusal := url_refusal(url):
        raise ValidationError({"url": refusal})
    subscription = Subscription.objects.create(
        key=key, url=url, events=sorted(set(events)), secret=secrets.token_hex(32)
    )
    hooks.changed(hooks.Topic.ACCOUNTS)
    return subscription


@transaction.atomic
def subscription_end(*, subscription: Subscription) -> None:
    """Nothing more is posted to the URL; events claimed before and not yet delivered are not posted either."""
    Subscription.objects.filter(pk=subscription.pk, ended_at__isnull=True).update(ended_at=timezone.now())
    hooks.changed(hooks.Topic.ACCOUNTS)


def partner_events_claim(*, now: datetime | None = None) -> list[int]:
    """Claim a delivery of each change event of the last days to each subscription that asked for it since it
    was made: one ledger row each, refused by the ledger's unique claim when already claimed (so a run repeated, or
    run by two workers at once, posts nothing twice); then hand the new ones to the workers."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    subscriptions = list(Subscription.objects.filter(ended_at__isnull=True, key__revoked_at__isnull=True))
    if not subscriptions:
        return []
    found = events_since(now - LOOKBACK, today=today)
    rows = [
        Notice(
            kind=PARTNER_EVENT,
            recipient_email=subscriber_address(subscription.pk),
            recipient_name=subscription.key.holder[:200],
            subject_key=event.key[:100],
            about_date=event.day,
            due_on=today,
            subject=f"{event.name} to {subscription.url}"[:250],
            body=json.dumps(event.payload()),
            link=subscription.url,
        )
        for subscription in subscriptions
        for event in found
        if event.name in subscription.events and event.at >= subscription.created_at
    ]
    Notice.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    # The rows just claimed (and any a lost hand-off left waiting): a row handed over twice is still taken once.
    waiting = list(
        Notice.objects.filter(kind=PARTNER_EVENT, state=Notice.State.PENDING, next_attempt_at__lte=now).values_list(
            "pk", flat=True
        )
    )
    if waiting:
        hooks.changed(hooks.Topic.NOTICES)
        transaction.on_commit(lambda: dispatch(waiting))
    return waiting
