"""Posting a change event to a subscription's URL, signed: the notice ledger's sender for partner events
(secor.notices: claimed once, retried with back-off, shown to staff in the notices log).

The signature (docs/api.md): `SECOR-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the
subscription's secret>`, as Stripe and GitHub sign theirs: the receiver recomputes it, compares in constant time, and
refuses a time more than 5 minutes off (a replay)."""

import hashlib
import hmac
import json
import time
import urllib.request

from secor.api.models import Subscription
from secor.api.subscriber_urls import CheckedHTTPHandler, CheckedHTTPSHandler
from secor.notices.kinds import Message

TIMEOUT_SECONDS = 10
SIGNATURE_HEADER = "SECOR-Signature"
# Subscriptions are named in the ledger by an address of the reserved .invalid domain: no mail ever goes there.
SUBSCRIBER_DOMAIN = "subscriptions.invalid"


def subscriber_address(subscription_id: int) -> str:
    return f"subscription-{subscription_id}@{SUBSCRIBER_DOMAIN}"


def subscription_id_of(address: str) -> int:
    return int(address.partition("@")[0].removeprefix("subscription-"))


def signature(secret: str, body: bytes, *, timestamp: int) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is not a delivery: it is reported as the answer it is (and retried), never followed."""

    def redirect_request(self, *args, **kwargs):
        return None


# No proxy (one would connect for us, to addresses not checked), each connection to a checked address only
# (secor.api.subscriber_urls), no redirect followed.
_opener = urllib.request.build_opener(
    urllib.request.ProxyHandler({}), CheckedHTTPHandler, CheckedHTTPSHandler, _NoRedirects
)


def post_event(*, url: str, secret: str, event: str, delivery: int, body: bytes) -> None:
    """POST the event; any answer but 2xx, or none within the timeout, raises (and the ledger retries)."""
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "SECOR change events",
        "SECOR-Event": event,
        "SECOR-Delivery": str(delivery),
        SIGNATURE_HEADER: signature(secret, body, timestamp=int(time.time())),
    }
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    with _opener.open(request, timeout=TIMEOUT_SECONDS) as answer:
        if not 200 <= answer.status < 300:
            raise OSError(f"The subscriber answered {answer.status}")


def send(notice, message: Message) -> None:
    """The ledger's sender for partner events: the subscription's URL, secret and the event's body, as claimed."""
    subscription = Subscription.objects.filter(pk=subscription_id_of(notice.recipient_email)).first()
    if subscription is None or subscription.ended_at is not None:
        raise LookupError("The subscription ended: the event is not posted.")
    post_event(
        url=message.link,
        secret=subscription.secret,
        event=json.loads(message.body)["event"],
        delivery=notice.pk,
        body=message.body.encode(),
    )
