"""Issue 28: the program report over a year at province scale, its page and its PDF, requested in-process as staff;
the PDF rendered each time (its cache forgotten before each request). Each is measured with its costly parts kept
(secor.pages.program_report.KEPT_TOPICS: as a manager reads the report again) and with nothing kept, a write to
each of their topics said through secor.hooks before each request (as after a working day's review decided, audit
scored and course record entered): the issue's targets are judged on the latter, the report computed whole. Its
constant number of queries (one a part) is pinned by tests/test_program_report.py; the queries of a whole request
are printed here, which after a write also count again what else it made stale (the menu's waiting counts, a kept
value expired after its 10 minutes)."""

import statistics
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from secor import hooks
from secor.pages.program_report import KEPT_TOPICS
from tools.bench.measuring import forget_rendered_pdfs
from tools.bench.page_list import bench_people
from tools.bench.reporting import Target

REQUESTS = 10
TARGETS_MS = {"page": 1000, "PDF": 3000}


# A write to one topic of each kept part, for one company (as a review decided, an audit scored and a course record
# entered say it): every costly part is computed again. Not a write to every topic a part reads: the catalogue's or
# the settings' would forget every company's training summary.
WRITES = (hooks.Topic.REVIEWS, hooks.Topic.AUDITS, hooks.Topic.TRAINING)
assert all(set(topics) & set(WRITES) for topics in KEPT_TOPICS.values())


def _write(company_id: int) -> None:
    for topic in WRITES:
        hooks.changed(topic, company_ids=[company_id])


def _timed(client: Client, url: str, before) -> tuple[float, float, int]:
    """p50 and p95 milliseconds of `url`, `before` each request, and the queries of one."""
    times = []
    for _ in range(REQUESTS):
        forget_rendered_pdfs()
        before()
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    forget_rendered_pdfs()
    before()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(times), times[round(0.95 * (len(times) - 1))], len(queries.captured_queries)


def run(out) -> list[Target]:
    people = bench_people()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(people["staff"])
    company_id = people["employer"].membership.company_id
    urls = {"page": reverse("pages:program_report"), "PDF": reverse("pages:program_report_pdf")}
    out.write(f"\nThe program report (issue 28), this year, in-process as staff, {REQUESTS} requests each:\n")
    targets = []
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        kept = _timed(client, url, before=lambda: None)
        whole = _timed(client, url, before=lambda: _write(company_id))
        for label, (p50, p95, queries) in (("costly parts kept", kept), ("nothing kept", whole)):
            out.write(f"  {name:<5} {label:<18} p50 {p50:6.0f} ms  p95 {p95:6.0f} ms  {queries:3d} queries\n")
        p50, p95, queries = whole
        targets.append(
            Target(
                p95 <= TARGETS_MS[name],
                f"the report's {name} within {TARGETS_MS[name] / 1000:.0f} s, computed whole: p95 {p95:.0f} ms "
                f"(p50 {p50:.0f} ms, {queries} queries; its costly parts kept: p95 {kept[1]:.0f} ms)",
            )
        )
    return targets
