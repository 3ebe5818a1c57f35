"""The page for an error no view handled. When the database cannot be reached (restarting, failing over) the
answer is a plain 503 that says to try again shortly, not a 500: nothing was lost, and the process
reconnects by itself at its next request (CONN_HEALTH_CHECKS). Neither page touches the database."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template.loader import get_template

DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def server_error(request):
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        response = HttpResponse(get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(get_template("500.html").render())
