"""Every page of every role at province scale, served by gunicorn as in production (2 sync workers).

For each page: the queries it runs (in-process, Django's test client), then p50/p95 over HTTP with one
client and with 8 concurrent clients, and the requests per second of the 8. References on the same stack:
a hello-world view and the Django admin's changelist of the same companies (the staff list must be at
least 2x faster than the admin; the employer home must reach 30% of hello-world's requests per second).
"""

import http.client
import os
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from companies.models import Company
from secor.core.models import User
from tools.bench.page_list import Page, bench_people, pages
from training.summaries import summaries_refresh

PORT = int(os.environ.get("BENCH_PORT", "8765"))
WORKERS = 2
THREADS = int(os.environ.get("BENCH_THREADS", "1"))  # gthread workers when more than 1
ONLY = os.environ.get("BENCH_ONLY", "")  # measure only the pages whose label contains this (and references)
CONCURRENT_CLIENTS = 8
ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Result:
    queries: int | None
    p50_one: float
    p95_one: float
    p50_many: float
    p95_many: float
    per_second: float
    errors: int


def _session_cookie(user: User) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def _get(url: str, cookie: str) -> tuple[float, int]:
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


def _run(url: str, cookie: str, requests: int, clients: int) -> tuple[list[float], float, int]:
    times, errors, lock = [], [0], threading.Lock()

    def client(count: int) -> None:
        for _ in range(count):
            ms, status = _get(url, cookie)
            with lock:
                times.append(ms)
                errors[0] += status != 200

    threads = [threading.Thread(target=client, args=(max(requests // clients, 1),)) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times, time.perf_counter() - started, errors[0]


def _queries(page: Page, user: User | None) -> int | None:
    if page.max_queries is None or user is None:
        return None
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    client.get(page.url)  # warm: kept summaries and headcounts as a busy day has them
    with CaptureQueriesContext(connection) as captured:
        response = client.get(page.url)
    assert response.status_code == 200, (page.url, response.status_code)
    return len(captured.captured_queries)


def measure(page: Page, user: User | None, cookie: str) -> Result:
    queries = _queries(page, user)
    for _ in range(3):
        _get(page.url, cookie)  # warm the workers
    one, _, errors_one = _run(page.url, cookie, max(page.requests // 2, 2), 1)
    many, seconds, errors_many = _run(page.url, cookie, page.requests, CONCURRENT_CLIENTS)
    return Result(
        queries,
        statistics.median(one),
        _percentile(one, 0.95),
        statistics.median(many),
        _percentile(many, 0.95),
        len(many) / seconds,
        errors_one + errors_many,
    )


class Gunicorn:
    def __enter__(self):
        env = {
            **os.environ,
            "DEBUG": "false",
            "ALLOWED_HOSTS": "127.0.0.1",
            "LOG_LEVEL": "WARNING",
        }
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
                _get("/health/", "")
                return self
            except OSError:
                time.sleep(0.1)  # the server is starting: polled, not waited for blindly
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)


def verdict(page: Page, result: Result) -> str:
    problems = []
    if page.target_ms is not None and result.p95_many > page.target_ms:
        problems.append(f"p95 > {page.target_ms:.0f} ms")
    if page.max_queries is not None and result.queries is not None and result.queries > page.max_queries:
        problems.append(f"> {page.max_queries} queries")
    if result.errors:
        problems.append(f"{result.errors} errors")
    return "; ".join(problems) if problems else ("ok" if page.target_ms else "")


def run(out=sys.stdout) -> None:
    started = time.perf_counter()
    computed = summaries_refresh(Company.objects.all(), today=timezone.localdate())
    out.write(
        f"\nTraining summaries and deadlines kept (as the daily task keeps them): {computed:,} computed "
        f"in {time.perf_counter() - started:.0f} s\n"
    )
    signed_in = bench_people()
    cookies = {role: _session_cookie(user) for role, user in signed_in.items()}
    cookies["anonymous"] = ""
    out.write(
        f"\nPages over HTTP: gunicorn, {WORKERS} workers x {THREADS} threads; p50/p95 in ms with 1 client and with "
        f"{CONCURRENT_CLIENTS}; req/s of the {CONCURRENT_CLIENTS}; queries counted in-process\n"
    )
    out.write(f"  {'page':<42} {'queries':>7} {'p50':>7} {'p95':>7} {'p50x8':>7} {'p95x8':>7} {'req/s':>7}\n")
    results = {}
    with Gunicorn():
        for page in pages(signed_in):
            if ONLY and ONLY not in page.label and "(reference)" not in page.label:
                continue
            result = measure(page, signed_in.get(page.role), cookies[page.role])
            results[page.label] = result
            queries = "" if result.queries is None else str(result.queries)
            out.write(
                f"  {page.label:<42} {queries:>7} {result.p50_one:>7.0f} {result.p95_one:>7.0f} "
                f"{result.p50_many:>7.0f} {result.p95_many:>7.0f} {result.per_second:>7.1f}  {verdict(page, result)}\n"
            )
            out.flush()
    if ONLY:
        return
    admin, ours = results["admin changelist (reference)"], results["company list"]
    hello, home = results["hello world (reference)"], results["employer home (company page)"]
    out.write(
        f"\nStaff list vs the admin changelist (p50, 1 client): {admin.p50_one / ours.p50_one:.1f}x as fast "
        f"(target >= 2x)\nEmployer home vs hello world (req/s, 8 clients): "
        f"{home.per_second / hello.per_second:.0%} (target >= 30%)\n"
    )
