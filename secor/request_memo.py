"""Values read once per request: the program settings and the course catalogue are read by several parts
of one page (the headcount, the chart, the navigation); each reads them from the database once.

Outside a request (a task, a command, a test calling a service) nothing is kept: every read is fresh.
"""

from collections.abc import Callable
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")
_memo: ContextVar[dict | None] = ContextVar("request_memo", default=None)


def once_per_request(key: str, read: Callable[[], T]) -> T:
    memo = _memo.get()
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]


def forget(key: str) -> None:
    """After a write of the value within the request, the next read is fresh."""
    memo = _memo.get()
    if memo is not None:
        memo.pop(key, None)


class RequestMemoMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)
