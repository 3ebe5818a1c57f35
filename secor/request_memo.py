"""Values read once per request: the program settings and the course catalogue are read by several parts
of one page (the headcount, the chart, the navigation); each reads them from the database once.

Outside a request (a task, a command, a test calling a service) nothing is kept: every read is fresh. The
`shared` values are also kept across requests in the cache, until a write forgets them: the app that owns a
shared value registers `forget_shared` for its topic with secor.hooks (`forget_on_change`), which forgets it
at once and again when the write commits (a request reading in between would otherwise keep the old value).
"""

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from django.core.cache import cache

T = TypeVar("T")
# A write that says what it changed forgets a shared value at once; one that says nothing (a migration seeding
# the catalogue, SQL by hand) is read within this many seconds.
SHARED_SECONDS = 300
_memo: ContextVar[dict | None] = ContextVar("request_memo", default=None)


def once_per_request(key: str, read: Callable[[], T]) -> T:
    memo = _memo.get()
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]


def with_this_requests_memo(items: Iterable[T]) -> Iterator[T]:
    """`items` read, later, with what this request keeps: a streamed response's rows are made after the
    middleware has left the request, and each row would otherwise read afresh what the request read once (an
    export of 20,000 companies asking 20,000 times for the de-rolls due)."""
    memo = _memo.get()  # now, while the request is handled: the rows are read after it

    def within_the_request() -> Iterator[T]:
        rows = iter(items)
        while True:
            token = _memo.set(memo)
            try:
                item = next(rows)
            except StopIteration:
                return
            finally:
                _memo.reset(token)
            yield item

    return within_the_request()


class RequestMemoMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)


def shared(key: str, read: Callable[[], T]) -> T:
    """A value every page reads and staff rarely change (the program settings, the course catalogue): kept in
    the shared cache until a write forgets it (`forget_shared`), and read once per request."""

    def cached() -> T:
        value = cache.get(key)
        if value is None:
            value = read()
            cache.set(key, value, timeout=SHARED_SECONDS)
        return value

    return once_per_request(key, cached)


def forget_shared(key: str) -> None:
    """After a write of the value: the next read, in this request or another, is fresh."""
    memo = _memo.get()
    if memo is not None:
        memo.pop(key, None)
    cache.delete(key)


@contextmanager
def read_as(key: str, value) -> Iterator[None]:
    """Within the block, `key` reads as `value` (this request's and this thread's reads only, nothing stored): a
    preview of what the code would do with settings not saved yet."""
    token = _memo.set({**(_memo.get() or {}), key: value})
    try:
        yield
    finally:
        _memo.reset(token)
