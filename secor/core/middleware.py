"""Sessions of SCSA's people (staff and program auditors, who hold every employer's records) end after a
working day without a request; an employer's lasts Django's two weeks."""

import time

from django.conf import settings

# The session is saved at most this often to move its end: not a write on every page.
TOUCH_SECONDS = 5 * 60


def _slide(request, user) -> None:
    if user.is_program_staff or user.is_program_auditor:
        now = int(time.time())
        stale = now - request.session.get("_touched", 0) >= TOUCH_SECONDS
        # allauth sets the session's end of its own at sign-in ("remember me"): ours replaces it.
        if stale or request.session.get("_session_expiry") != settings.PROGRAM_PEOPLE_IDLE_SECONDS:
            request.session.set_expiry(settings.PROGRAM_PEOPLE_IDLE_SECONDS)
            request.session["_touched"] = now


def session_started(sender, request, user, **kwargs) -> None:
    """user_logged_in: the working day starts with the sign-in, saved with it."""
    _slide(request, user)


class ProgramPeopleSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            _slide(request, request.user)
        return self.get_response(request)
