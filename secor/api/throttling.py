"""The anonymous limit of the verification, per address, counted as the sign-in throttles are (allauth's rate
limits in the "security" cache, kept in the database: secor/cache.py), so it holds across processes and through
a Redis outage, and counts each person's address behind the proxies (ALLAUTH_TRUSTED_PROXY_COUNT). Any key
lifts it; its uses are logged instead (secor.api.authentication)."""

from allauth.core.internal import ratelimit
from rest_framework.throttling import BaseThrottle

from secor.api.authentication import partner_key

# settings.ACCOUNT_RATE_LIMITS names the rates: one number a request, a list of up to 1,000 a request.
ONE_NUMBER = "verify_one"
MANY_NUMBERS = "verify_many"
RETRY_AFTER_SECONDS = 60


def allowed(request, *, action: str) -> bool:
    """Whether an anonymous request of `action` from this address is within the limit (and counts it). allauth's
    public `consume` never limits a GET (its pages' GETs change nothing); the API's lookups are GETs, so its
    rate-limit core is called as allauth calls it, asking for GETs to count too (allauth is pinned below 66)."""
    return bool(ratelimit.consume(request, app="allauth.account", action=action, limit_get=True))


class _AnonymousVerification(BaseThrottle):
    action = ONE_NUMBER

    def allow_request(self, request, view):
        return partner_key(request) is not None or allowed(request._request, action=self.action)

    def wait(self):
        return RETRY_AFTER_SECONDS


class OneNumberThrottle(_AnonymousVerification):
    action = ONE_NUMBER


class ManyNumbersThrottle(_AnonymousVerification):
    action = MANY_NUMBERS
