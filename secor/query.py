"""Reading what a list page's address asks for (`?page=2&within=60&month=2026-05`), one way for every list: a
value that cannot be read is ignored (the list's default), and an address holding a NUL is answered 400.

`str.isdigit` accepts "²" and other Unicode digits that `int` refuses, PostgreSQL's text cannot hold a NUL, and
a month must keep its neighbours (the calendar links the month before and after) within the dates Python has."""

from collections.abc import Iterable
from datetime import date

from django.http import HttpResponseBadRequest, JsonResponse

NUL_REFUSED = "This address holds a character no page takes (NUL)."
API_PATH = "/api/"
# A page number or a count of days is never longer than this: no one pages to the millionth page.
MAX_DIGITS = 6
# The calendar shows a month with links to its neighbours; years outside these have no audits anyway.
FIRST_YEAR, LAST_YEAR = 1900, 2999


def whole_number(value: str | None, *, default: int | None = None, at_most: int = 10**MAX_DIGITS - 1) -> int | None:
    """A positive whole number in ASCII digits, at most `at_most`; else `default`."""
    if value and len(value) <= MAX_DIGITS and value.isascii() and value.isdigit() and 0 < int(value) <= at_most:
        return int(value)
    return default


def one_of(value: str | None, choices: Iterable, default):
    """The choice `value` names (numbers are typed as their digits), else `default`."""
    return next((choice for choice in choices if str(choice) == value), default)


def month(value: str | None, default: date) -> date:
    """The first day of the month "YYYY-MM" names, else `default`."""
    year, _, number = (value or "").partition("-")
    year, number = whole_number(year, at_most=LAST_YEAR), whole_number(number, at_most=12)
    if year is None or number is None or year < FIRST_YEAR:
        return default
    return date(year, number, 1)


def _holds_nul(request) -> bool:
    return "\x00" in request.path_info or any(
        "\x00" in name or any("\x00" in value for value in values) for name, values in request.GET.lists()
    )


class RefuseNulMiddleware:
    """An address holding a NUL (`/verify/%00/`, `?course=%00`) is answered 400 before any page reads it: no page
    can look such a value up, and PostgreSQL would refuse the query with a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _holds_nul(request):
            if request.path_info.startswith(API_PATH):
                return JsonResponse({"detail": NUL_REFUSED}, status=400)  # the API answers JSON only
            return HttpResponseBadRequest(NUL_REFUSED, content_type="text/plain")
        return self.get_response(request)
