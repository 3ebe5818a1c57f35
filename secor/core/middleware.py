"""Sessions of SCSA's people (staff and program auditors, who hold every employer's records) end after a
working day without a request; an employer's lasts Django's two weeks."""

import time

from django.conf import settings

# The session is saved at most this often to move its end: not a write on every page.
TOUCH_SECONDS = 5 * 60


class ProgramPeopleSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and (user.is_program_staff or user.is_program_auditor):
            now = int(time.time())
            if now - request.session.get("_touched", 0) >= TOUCH_SECONDS:
                request.session.set_expiry(settings.PROGRAM_PEOPLE_IDLE_SECONDS)
                request.session["_touched"] = now
        return self.get_response(request)
