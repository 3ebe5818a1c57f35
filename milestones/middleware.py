from django.utils import timezone

from milestones.services import letters_settle_due


class SettleExpiredLettersMiddleware:
    """MIL-3: before the first page of each day is shown, the companies whose letter expired unmet are
    de-rolled (dated the day after the expiry), so no page shows a stale status while the night's job
    has not run. The later requests of the day cost one cache read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        letters_settle_due(today=timezone.localdate())
        return self.get_response(request)
