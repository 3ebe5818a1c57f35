"""Faults (issue 12), made for real: the database connection cut from the server's side, and a cache whose
Redis cannot be reached. `make soak` adds a PostgreSQL restart, Redis stopped and SMTP refusing under load."""

import time

import psycopg
import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.urls import reverse

from secor.cache import RedisCache
from tests.signing_in import sign_in

# Nothing listens on port 1: connecting is refused at once, as when Redis is stopped.
UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"


def _cut_this_process_database_connection() -> None:
    """What a PostgreSQL restart does to a process's open connection: the server ends it."""
    pid = connection.connection.info.backend_pid
    params = connection.get_connection_params()
    with psycopg.connect(
        host=params.get("host"), port=params.get("port"), user=params.get("user"), dbname=params["dbname"]
    ) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])


@pytest.mark.django_db(transaction=True)
def test_a_request_while_the_database_cannot_be_reached_is_a_plain_503_then_the_next_one_works(staff_user):
    client = Client(raise_request_exception=False)
    client.force_login(staff_user)
    page = reverse("companies:list")
    assert client.get(page).status_code == 200
    _cut_this_process_database_connection()
    response = client.get(page)
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "SECOR is briefly unavailable" in response.text and "Please try again in a minute" in response.text
    # What Django does as each request starts (the test client leaves it out): a connection that failed its
    # health check is dropped, and the request opens a new one — no restart of the process.
    connection.close_if_unusable_or_obsolete()
    assert client.get(page).status_code == 200


def test_an_error_that_is_not_the_database_is_a_plain_500():
    from secor.errors import server_error

    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(None)
    assert response.status_code == 500 and "Something went wrong" in response.content.decode()


def test_the_cache_answers_as_empty_at_once_when_redis_cannot_be_reached():
    down = RedisCache(UNREACHABLE_REDIS, {})
    started = time.monotonic()
    down.set("key", "value")
    assert down.get("key") is None and down.get("key", "default") == "default"
    assert down.get_many(["key", "other"]) == {} and not down.has_key("key")
    assert not down.add("lock", True)  # with no shared store, nobody takes a lock or marks a thing done
    with pytest.raises(ValueError):
        down.incr("counter")  # as a missing key: a counter that cannot be read does not start afresh
    assert not down.delete("key") and not down.touch("key")
    down.set_many({"a": 1})
    down.delete_many(["a"])
    assert time.monotonic() - started < 2


@pytest.mark.django_db
def test_people_sign_in_and_use_the_pages_while_redis_is_down(settings, employer, company, staff_user):
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "secor.cache.RedisCache", "LOCATION": UNREACHABLE_REDIS},
    }
    cache.set("anything", 1)  # the cache in use is the unreachable one
    assert cache.get("anything") is None
    for person, page in [
        (employer, reverse("companies:detail", args=[company.pk])),
        (staff_user, reverse("pages:dashboard")),  # with the second factor's code
    ]:
        client = Client()
        assert sign_in(client, person.email).status_code == 302
        assert client.get(page).status_code == 200, page


@pytest.mark.django_db(transaction=True)
def test_readiness_answers_503_while_the_database_cannot_be_reached_and_liveness_still_ok():
    client = Client(raise_request_exception=False)
    ready = client.get(reverse("health_ready"))
    assert ready.status_code == 200 and ready.text.startswith("database: ok\nredis: ")
    _cut_this_process_database_connection()
    down = client.get(reverse("health_ready"))
    assert down.status_code == 503 and "database: unreachable" in down.text
    # Liveness touches nothing but the process: the balancer does not restart it for the database.
    assert client.get(reverse("health")).text == "ok"
    connection.close_if_unusable_or_obsolete()


@pytest.mark.django_db
def test_readiness_reports_redis_down_and_stays_ready_as_pages_carry_on(settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "secor.cache.RedisCache", "LOCATION": UNREACHABLE_REDIS},
    }
    ready = Client().get(reverse("health_ready"))
    assert ready.status_code == 200 and "database: ok\nredis: unreachable" in ready.text
    assert ready["Cache-Control"].startswith("max-age=0")
