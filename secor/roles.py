"""Pages for one role: anyone else is answered as if the page did not exist (404, as a foreign company is).

These decorators look at the signed-in user only; which *companies* a user may see is decided in
companies/access.py.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404


def _role_required(test):
    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not test(request.user):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


staff_required = _role_required(lambda user: user.is_program_staff)
staff_or_auditor_required = _role_required(lambda user: user.is_program_staff or user.is_program_auditor)
employer_required = _role_required(lambda user: user.is_employer)
