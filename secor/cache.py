"""The shared cache (Redis) speeds SECOR up; it holds nothing that is not also kept elsewhere (sessions are
in their table, the program settings in theirs, a notice in the ledger). So when Redis cannot be reached,
pages carry on as if every key were missing — a session is read from its table — instead of failing.
Django's own Redis cache raises instead.

Security counters are the exception: sign-in throttling (per address, per account, per second-factor try) and
the one-time codes already used must never fail open, so allauth's keys are kept in the database ("security"
cache) whatever the default cache is — an outage of Redis neither erases nor skips them."""

import functools
import logging
import time

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache as DjangoLocMemCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
# An outage is logged once in this many seconds, not on every cache call of every request.
LOG_EVERY_SECONDS = 60
# A Redis that does not answer must not hold a request: each call gives up after this long, without retrying.
SOCKET_TIMEOUT_SECONDS = 0.5

_last_logged = 0.0


def _log_unreachable(operation: str, error: Exception) -> None:
    global _last_logged
    now = time.monotonic()
    if now - _last_logged >= LOG_EVERY_SECONDS:
        _last_logged = now
        logger.warning("The cache (Redis) cannot be reached; carrying on without it (%s: %s)", operation, error)


def _or_when_unreachable(answer):
    """The cache operation, or `answer(*its arguments)` when Redis cannot be reached."""

    def decorate(operation):
        @functools.wraps(operation)
        def guarded(self, *args, **kwargs):
            try:
                return operation(self, *args, **kwargs)
            except UNREACHABLE as error:
                _log_unreachable(operation.__name__, error)
                return answer(*args, **kwargs)

        return guarded

    return decorate


def _nothing(*args, **kwargs):
    return None


def _not_done(*args, **kwargs):
    return False


def _missing(key, *args, **kwargs):
    raise ValueError(f"Key '{key}' not found")


class _ClientThatMayBeDown(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients_by_pool = {}

    def get_client(self, key=None, *, write=False):
        # Django makes a new redis.Redis for every call, and setting one up (its table of reply handlers)
        # costs more than a cache read; one per connection pool serves every thread, as each command takes
        # a connection from the pool.
        pool = self._get_connection_pool(write)
        if pool not in self._clients_by_pool:
            self._clients_by_pool[pool] = self._client(connection_pool=pool)
        return self._clients_by_pool[pool]

    get = _or_when_unreachable(lambda key, default: default)(RedisCacheClient.get)
    get_many = _or_when_unreachable(lambda keys: {})(RedisCacheClient.get_many)
    has_key = _or_when_unreachable(_not_done)(RedisCacheClient.has_key)
    # `add` is how callers take a lock or mark a thing done once ("the first one wins"): with no shared store
    # nobody has won, so nobody goes ahead on the strength of it (security counters are not here at all).
    add = _or_when_unreachable(_not_done)(RedisCacheClient.add)
    set = _or_when_unreachable(_nothing)(RedisCacheClient.set)
    set_many = _or_when_unreachable(_nothing)(RedisCacheClient.set_many)
    touch = _or_when_unreachable(_not_done)(RedisCacheClient.touch)
    delete = _or_when_unreachable(_not_done)(RedisCacheClient.delete)
    delete_many = _or_when_unreachable(_nothing)(RedisCacheClient.delete_many)
    # As Django answers a key that is missing: a counter that cannot be read does not count as fresh.
    incr = _or_when_unreachable(_missing)(RedisCacheClient.incr)
    clear = _or_when_unreachable(_not_done)(RedisCacheClient.clear)


SECURITY_KEYS = "allauth"
SECURITY_CACHE = "security"


def _security_keys_in_the_database(operation_name: str):
    def routed(self, key, *args, **kwargs):
        if isinstance(key, str) and key.startswith(SECURITY_KEYS):
            return getattr(caches[SECURITY_CACHE], operation_name)(key, *args, **kwargs)
        return getattr(super(_SecurityKeysInTheDatabase, self), operation_name)(key, *args, **kwargs)

    routed.__name__ = operation_name
    return routed


class _SecurityKeysInTheDatabase:
    """allauth's rate limits and used-code marks (keys starting "allauth", the only calls it makes are these)
    go to the database cache: the throttling counts across processes and through a Redis outage alike."""

    add = _security_keys_in_the_database("add")
    get = _security_keys_in_the_database("get")
    set = _security_keys_in_the_database("set")
    delete = _security_keys_in_the_database("delete")
    incr = _security_keys_in_the_database("incr")
    has_key = _security_keys_in_the_database("has_key")
    touch = _security_keys_in_the_database("touch")


class LocMemCache(_SecurityKeysInTheDatabase, DjangoLocMemCache):
    pass


class RedisCache(_SecurityKeysInTheDatabase, DjangoRedisCache):
    def __init__(self, server, params):
        fail_fast = {
            "socket_connect_timeout": SOCKET_TIMEOUT_SECONDS,
            "socket_timeout": SOCKET_TIMEOUT_SECONDS,
            # redis-py retries a refused connection three times with back-off by default: seconds per page
            # while Redis is down, for a cache that would answer "missing" anyway.
            "retry": Retry(NoBackoff(), 0),
        }
        super().__init__(server, {**params, "OPTIONS": {**fail_fast, **params.get("OPTIONS", {})}})
        self._class = _ClientThatMayBeDown
