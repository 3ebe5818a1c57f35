"""Health checks for load balancers and orchestrators (README, "Running the full stack").

- Liveness, /health/: the process answers HTTP. It touches nothing else, so a database or Redis outage never
  gets healthy processes restarted (`make bench` measures it as the stack with no work in it).
- Readiness, /health/ready/: this process can serve pages: the database answers, and how Redis is. 503 when the
  database cannot be reached, so the balancer sends requests elsewhere; Redis down is reported but still 200,
  as pages carry on without it (secor/cache.py) and every process shares the one Redis: failing readiness
  over it would take the whole site out of service for what is only slower."""

from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from redis.exceptions import RedisError

from secor.cache import RedisCache


@require_safe
def health(request):
    return HttpResponse("ok", content_type="text/plain")


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return "unreachable"
    return "ok"


def _redis() -> str:
    cache = caches["default"]
    if not isinstance(cache, RedisCache):
        return "not used"
    try:
        cache._cache.get_client(write=True).ping()
    except (RedisError, OSError):
        return "unreachable (pages carry on without it)"
    return "ok"


@never_cache
@require_safe
def ready(request):
    database = _database()
    lines = f"database: {database}\nredis: {_redis()}\n"
    return HttpResponse(lines, content_type="text/plain", status=200 if database == "ok" else 503)
