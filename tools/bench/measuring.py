"""How `make bench` measures a page: served by gunicorn as in production (2 sync workers), requested over HTTP
with one client and then with 8 at once, warm (as the previous request left the kept values) or cold (a write
said through the seam before each request, as on a working day almost every request follows one), and its
queries counted in-process with Django's test client the same way."""

import http.client
import itertools
import os
import statistics
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.db import connection
from django.middleware.csrf import CSRF_SECRET_LENGTH
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.crypto import get_random_string

from secor import hooks
from secor.core.models import User

PORT = int(os.environ.get("BENCH_PORT", "8765"))
WORKERS = 2
THREADS = int(os.environ.get("BENCH_THREADS", "1"))  # gthread workers when more than 1
CONCURRENT_CLIENTS = 8
# Every figure from at least 60 requests: one client's p50 and p95, and the 8 clients' (8 requests each).
ONE_CLIENT_REQUESTS = 60
REQUESTS_EACH_OF_MANY = 8
WARM_UP = 3
ROOT = Path(__file__).resolve().parents[2]
PDF_KEY_PREFIX = "pdf:"  # secor.pdf.render_pdf's keys: "pdf:" and the SHA-256 of the HTML


@dataclass
class Timing:
    queries: int | None
    one: list[float]  # milliseconds to the last byte, one client
    many: list[float]  # the same, 8 clients at once
    seconds_many: float
    errors: int
    written: bool = False  # cold: the bench wrote before each request

    @property
    def p50_one(self) -> float:
        return statistics.median(self.one)

    @property
    def p95_one(self) -> float:
        return _percentile(self.one, 0.95)

    @property
    def p50_many(self) -> float:
        return statistics.median(self.many)

    @property
    def p95_many(self) -> float:
        return _percentile(self.many, 0.95)

    @property
    def per_second(self) -> float:
        """The server's rate for the page with 8 clients. Cold, each client's write runs in the bench's own process
        (its tasks too, eagerly, where a worker would run them): the whole run's time would be the writes' rate
        (~10/s for every page), so the rate is the clients in flight over their requests' mean time (Little's law),
        the writes' work still competing with the server for the cores."""
        if self.written:
            return CONCURRENT_CLIENTS / (statistics.mean(self.many) / 1000)
        return len(self.many) / self.seconds_many


class Write:
    """What the bench writes before each cold request: a course record entered for one company, said through the
    seam as the service says it (`hooks.changed(Topic.TRAINING, …)`): the write a working day makes most. It
    moves the data token (the dashboard's figures, the navigation's counts, the de-rolls due are computed again)
    and forgets that company's training summary, as entering a record does."""

    def __init__(self, company_id: int):
        self.company_id = company_id

    def __call__(self) -> None:
        hooks.changed(hooks.Topic.TRAINING, company_ids=[self.company_id])

    def __str__(self) -> str:
        return f"hooks.changed(Topic.TRAINING, company_ids=[{self.company_id}])"


def session_cookie(user: User) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    # And the CSRF secret a browser keeps from its first page: the company page is kept per viewer's secret.
    csrf_secret = get_random_string(CSRF_SECRET_LENGTH)
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}; {settings.CSRF_COOKIE_NAME}={csrf_secret}"


def get(url: str, cookie: str) -> tuple[float, int]:
    """Milliseconds to the last byte, and the status."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
    conn.request("GET", url, headers={"Cookie": cookie} if cookie else {})
    response = conn.getresponse()
    response.read()
    conn.close()
    return (time.perf_counter() - started) * 1000, response.status


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _run(next_url: Callable[[], str], cookie: str, each: int, clients: int, before: Callable[[], None] | None):
    """Each of `clients` requests `each` times (after `before`, in its own thread, when given): the times, the
    seconds the whole run took, the errors."""
    times, errors, lock = [], [0], threading.Lock()

    def client() -> None:
        try:
            for _ in range(each):
                if before is not None:
                    before()
                ms, status = get(next_url(), cookie)
                with lock:
                    times.append(ms)
                    errors[0] += status != 200
        finally:
            connection.close()  # the thread's own, opened by `before`

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times, time.perf_counter() - started, errors[0]


def _url_in_turn(urls: tuple[str, ...]) -> Callable[[], str]:
    lock, turns = threading.Lock(), itertools.cycle(urls)

    def next_url() -> str:
        with lock:
            return next(turns)

    return next_url


def queries(url: str, user: User, before: Callable[[], None] | None) -> int:
    """The queries of one request in-process, after one request like it (and `before`, when given)."""
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    client.get(url)
    if before is not None:
        before()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured.captured_queries)


def forget_rendered_pdfs() -> int:
    """The rendered PDFs out of the shared cache (secor.pdf keeps each by its HTML for a day), so that the charts
    a rendered row requests are rendered on this run too: they are not kept values (a change to the data is a new
    key), so no write makes them stale."""
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(match=cache.make_key(f"{PDF_KEY_PREFIX}*")))
    return client.delete(*keys) if keys else 0


def measure(
    url: str, cookie: str, *, urls: tuple[str, ...] = (), before: Callable[[], None] | None = None, counted=None
) -> Timing:
    """`url` (or `urls` in turn) with one client, then with 8 at once; `before` each request when given;
    `counted`: its queries, counted by the caller."""
    next_url = _url_in_turn(urls or (url,))
    if not urls:
        for _ in range(WARM_UP):
            get(url, cookie)  # the workers' first requests (imports, connections) are not the page's
    one, _, errors_one = _run(next_url, cookie, ONE_CLIENT_REQUESTS, 1, before)
    many, seconds, errors_many = _run(next_url, cookie, REQUESTS_EACH_OF_MANY, CONCURRENT_CLIENTS, before)
    return Timing(counted, one, many, seconds, errors_one + errors_many, written=before is not None)


class Gunicorn:
    def __enter__(self):
        env = {**os.environ, "DEBUG": "false", "ALLOWED_HOSTS": "127.0.0.1", "LOG_LEVEL": "WARNING"}
        self.process = subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "gunicorn"),
                "tools.bench.wsgi:application",
                f"--workers={WORKERS}",
                f"--threads={THREADS}",
                f"--bind=127.0.0.1:{PORT}",
                "--timeout=120",
                "--log-level=warning",
            ],
            cwd=ROOT,
            env=env,
        )
        for _ in range(100):
            try:
                get("/health/", "")
                return self
            except OSError:
                time.sleep(0.1)  # the server is starting: polled, not waited for blindly
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)
