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

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from audits.certificates.services import certificate_document_issue
from audits.models import Audit, Certificate, MaintenancePackage, ManualSubmission
from companies.models import AuditorAssignment, Company
from milestones.models import CalendarFeed
from milestones.services import letter_document_issue
from secor.core.models import User
from secor.reviews.models import Review
from training.summaries import summaries_refresh

PORT = int(os.environ.get("BENCH_PORT", "8765"))
WORKERS = 2
THREADS = int(os.environ.get("BENCH_THREADS", "1"))  # gthread workers when more than 1
ONLY = os.environ.get("BENCH_ONLY", "")  # measure only the pages whose label contains this (and references)
CONCURRENT_CLIENTS = 8
ROOT = Path(__file__).resolve().parents[2]

# The issue's targets (p95 with 8 concurrent clients, milliseconds).
STAFF_P95_MS = 150
EMPLOYER_P95_MS = 100
PDF_P95_MS = 300
MAX_QUERIES = 15


@dataclass(frozen=True)
class Page:
    role: str  # whose session requests it
    label: str
    url: str
    target_ms: float | None = None  # p95 with 8 clients
    requests: int = 120  # per run with 8 clients (half with one), enough for a steady p95; fewer for slow pages
    max_queries: int | None = MAX_QUERIES


@dataclass
class Result:
    queries: int | None
    p50_one: float
    p95_one: float
    p50_many: float
    p95_many: float
    per_second: float
    errors: int


def _people() -> dict[str, User]:
    """The bench's signed-in people: staff (a superuser, for the admin reference), an auditor with 50
    companies, an auditor given manuals to review, the owner of a company of 7 and the owner of the company
    with the biggest roster."""
    staff, _ = User.objects.get_or_create(
        email="staff@bench.example",
        defaults={"role": User.Role.STAFF, "is_staff": True, "is_superuser": True, "first_name": "Bench"},
    )
    auditor, created = User.objects.get_or_create(
        email="auditor@bench.example", defaults={"role": User.Role.AUDITOR, "first_name": "Bench"}
    )
    if created:
        AuditorAssignment.objects.bulk_create(
            AuditorAssignment(company=company, auditor=auditor) for company in Company.objects.order_by("pk")[:50]
        )
    reviewer = User.objects.get(email="reviewer0@bench.example")
    # SCSA's people have an authenticator app (or every page would send them to set one up).
    for person in (staff, auditor, reviewer):
        if not Authenticator.objects.filter(user=person).exists():
            TOTP.activate(person, generate_totp_secret())
    by_roster = Company.objects.filter(status=Company.Status.REGISTERED).annotate(people=Count("employees"))
    typical = by_roster.filter(people=7).order_by("pk").first()
    biggest = by_roster.order_by("-people", "pk").first()
    return {
        "staff": staff,
        "auditor": auditor,
        "reviewer": reviewer,
        "manual employer": ManualSubmission.objects.filter(review__state=Review.State.RETURNED)
        .order_by("pk")
        .first()
        .company.memberships.get(is_owner=True)
        .user,
        "maintenance employer": MaintenancePackage.objects.order_by("pk")
        .first()
        .company.memberships.get(is_owner=True)
        .user,
        "employer": typical.memberships.get(is_owner=True).user,
        "big employer": biggest.memberships.get(is_owner=True).user,
    }


def pages(people: dict[str, User]) -> list[Page]:
    typical = people["employer"].membership.company
    big = people["big employer"].membership.company
    staff, employer, pdf = STAFF_P95_MS, EMPLOYER_P95_MS, PDF_P95_MS
    waiting = ManualSubmission.objects.filter(review__state=Review.State.SUBMITTED).order_by("pk").first()
    returned = ManualSubmission.objects.filter(review__state=Review.State.RETURNED).order_by("pk").first()
    feed, _ = CalendarFeed.objects.get_or_create(company=typical)
    certified = Certificate.objects.order_by("pk").first()
    maintained = people["maintenance employer"].membership.company
    sheet = f"/companies/{certified.company_id}/audits/{certified.audit_id}/"
    booked = Audit.objects.filter(state=Audit.State.SCHEDULED, auditor=people["reviewer"]).order_by("pk").first()
    # The bench loads letters and certificates without their PDF: render one of each, as issuing does.
    letter = typical.milestone_letters.order_by("-pk").first()
    if letter.document_id is None:
        letter_document_issue(letter, actor=None)
    if certified.document_id is None:
        certificate_document_issue(certified, actor=None)
    return [
        Page("anonymous", "hello world (reference)", "/health/", requests=400, max_queries=None),
        Page("staff", "admin changelist (reference)", "/admin/companies/company/", max_queries=None),
        Page("staff", "admin search 'Regina' (reference)", "/admin/companies/company/?q=Regina", max_queries=None),
        Page("staff", "dashboard", "/staff/dashboard/", staff),
        Page("staff", "deadlines, next 90 days", "/staff/deadlines/?within=90", staff),
        Page("staff", "  maintenance audits overdue", "/staff/deadlines/?overdue=1", staff),
        Page("staff", "company list", "/companies/", staff),
        Page("staff", "  sorted by headcount", "/companies/?sort=-headcount", staff),
        Page("staff", "  sorted by city, page 700", "/companies/?sort=city&page=700", staff),
        Page("staff", "  search 'Regina'", "/companies/?q=Regina", staff),
        Page("staff", "  search a name", "/companies/?q=Roofing+42", staff),
        Page("staff", "  training incomplete", "/companies/?training=incomplete", staff),
        Page("staff", "  over the limit", "/companies/?over_limit=1", staff),
        Page("staff", "  registered members", "/companies/?status=registered&member=yes", staff),
        Page("staff", "CSV of all companies", "/companies/export.csv", None, requests=4, max_queries=None),
        Page("staff", "company page (roster of 7)", f"/companies/{typical.pk}/", staff),
        Page("staff", f"company page (roster of {big.employees.count()})", f"/companies/{big.pk}/", staff),
        Page("staff", "training to review", "/staff/verification/", staff),
        Page("staff", "  deep page", "/staff/verification/?page=100", staff),
        Page("staff", "applications", "/staff/applications/", staff),
        Page("staff", "notices log", "/staff/notices/", staff),
        Page("staff", "manuals to review", "/staff/manuals/", staff),
        Page("staff", "  deep page", "/staff/manuals/?page=100", staff),
        Page("staff", "  waiting over 4 weeks", "/staff/manuals/?waiting=28", staff),
        Page("staff", "manual review form", f"/companies/{waiting.company_id}/manual/{waiting.pk}/review/", staff),
        Page("staff", "milestone letters to watch", "/staff/milestones/", staff),
        Page("staff", "  expiring within 90 days", "/staff/milestones/?within=90", staff),
        Page("staff", "  company list by roadmap stage", "/companies/?stage=manual", staff),
        Page("staff", "audits of this month", "/staff/audits/", staff),
        Page("staff", "  audits of the next 90 days", "/staff/audits/?within=90", staff),
        Page("staff", "invoices", "/staff/invoices/", staff),
        Page("staff", "  issued, deep page", "/staff/invoices/?state=issued&page=10", staff),
        Page("staff", "CSV of all invoices", "/staff/invoices/export.csv", None, requests=4, max_queries=None),
        Page("staff", "score sheet (completed)", sheet, staff),
        Page("reviewer", "auditor: score sheet to enter", f"/companies/{booked.company_id}/audits/{booked.pk}/", staff),
        Page("auditor", "auditor: my companies", "/companies/", staff),
        Page("auditor", "auditor: submissions to review", "/staff/verification/", staff),
        Page("reviewer", "auditor: manuals to review", "/staff/manuals/", staff),
        Page("reviewer", "auditor: my audits", "/staff/audits/my-calendar/", staff),
        Page("reviewer", "auditor: maintenance to review", "/staff/maintenance/", staff),
        Page("staff", "maintenance packages to review", "/staff/maintenance/", staff),
        Page("staff", "  deep page", "/staff/maintenance/?page=20", staff),
        Page("staff", "questions from companies", "/staff/questions/", staff),
        Page("staff", "  deep page", "/staff/questions/?page=100", staff),
        Page("staff", "  waiting for an answer", "/staff/questions/?show=waiting", staff),
        Page("staff", "anniversaries, next 90 days", "/staff/anniversaries/?within=90", staff),
        Page("staff", "  maintenance overdue", "/staff/anniversaries/?overdue=1", staff),
        Page("employer", "employer home (company page)", f"/companies/{typical.pk}/", employer),
        Page("employer", "roster", f"/companies/{typical.pk}/roster/", employer),
        Page("employer", "training chart", f"/companies/{typical.pk}/training/", employer),
        Page("employer", "training chart PDF", f"/companies/{typical.pk}/training/chart.pdf", pdf, requests=20),
        Page("employer", "notices", f"/companies/{typical.pk}/notices/", employer),
        Page("employer", "questions to SCSA", f"/companies/{typical.pk}/questions/", employer),
        Page("employer", "milestone letter PDF", f"/companies/{typical.pk}/documents/{letter.document_id}/", pdf),
        Page(
            "staff",
            "certificate PDF",
            f"/companies/{certified.company_id}/documents/{certified.document_id}/",
            pdf,
        ),
        Page(
            "manual employer", "manual (returned, with comments)", f"/companies/{returned.company_id}/manual/", employer
        ),
        Page("maintenance employer", "maintenance page", f"/companies/{maintained.pk}/maintenance/", employer),
        Page("maintenance employer", "  its company page (certified)", f"/companies/{maintained.pk}/", employer),
        Page("anonymous", "calendar feed (ICS)", f"/calendar/{feed.token}.ics", employer),
        Page("anonymous", "public: verify a certificate", f"/verify/{certified.number}/", employer),
        Page("anonymous", "public: certified companies", "/certified/", employer),
        Page("anonymous", "  page 40", "/certified/?page=40", employer),
        Page("anonymous", "  search 'Regina'", "/certified/?q=Regina", employer),
        Page("big employer", "big roster: home", f"/companies/{big.pk}/", employer),
        Page("big employer", "big roster: training chart", f"/companies/{big.pk}/training/", employer),
        Page("big employer", "big roster: chart PDF", f"/companies/{big.pk}/training/chart.pdf", pdf, requests=20),
    ]


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
                "secor.wsgi:application",
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
    people = _people()
    cookies = {role: _session_cookie(user) for role, user in people.items()}
    cookies["anonymous"] = ""
    out.write(
        f"\nPages over HTTP: gunicorn, {WORKERS} workers x {THREADS} threads; p50/p95 in ms with 1 client and with "
        f"{CONCURRENT_CLIENTS}; req/s of the {CONCURRENT_CLIENTS}; queries counted in-process\n"
    )
    out.write(f"  {'page':<42} {'queries':>7} {'p50':>7} {'p95':>7} {'p50x8':>7} {'p95x8':>7} {'req/s':>7}\n")
    results = {}
    with Gunicorn():
        for page in pages(people):
            if ONLY and ONLY not in page.label and "(reference)" not in page.label:
                continue
            result = measure(page, people.get(page.role), cookies[page.role])
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
