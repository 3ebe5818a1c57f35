"""Every page of every role at province scale, served by gunicorn as in production (tools/bench/measuring.py).

Each group of pages (tools/bench/page_list.py) is measured beside the admin changelist of the same companies at
the row count of each of its pages (tools/bench/urls.py), and each page's p50 is printed as a multiple of it.
Every signed-in page is measured warm and then cold, a write said through the seam before each request; the
training chart PDF cached and rendered. A hello-world view gives the machine's rate, so that runs on other
machines compare. The issue's targets are printed as verdicts (tools/bench/reporting.py).
"""

import os
import sys
import time

from django.utils import timezone

from companies.models import Company
from milestones.services import letters_settle_expired
from tools.bench.measuring import (
    CONCURRENT_CLIENTS,
    ONE_CLIENT_REQUESTS,
    REQUESTS_EACH_OF_MANY,
    THREADS,
    WORKERS,
    Gunicorn,
    Write,
    forget_rendered_pdfs,
    measure,
    queries,
    session_cookie,
)
from tools.bench.page_list import Page, bench_people, pages
from tools.bench.reporting import Report, Target
from tools.bench.urls import REFERENCE_ROWS, reference_url
from training.summaries import summaries_refresh

# Measure only the pages whose label contains one of these, "|" between them (and their references).
ONLY = [part for part in os.environ.get("BENCH_ONLY", "").split("|") if part]
SAMPLES = ONE_CLIENT_REQUESTS + CONCURRENT_CLIENTS * REQUESTS_EACH_OF_MANY


def run(out=sys.stdout) -> list[Target]:
    started = time.perf_counter()
    today = timezone.localdate()
    computed = summaries_refresh(Company.objects.all(), today=today)
    out.write(
        f"\nTraining summaries and deadlines kept (as the daily task keeps them): {computed:,} computed "
        f"in {time.perf_counter() - started:.0f} s\n"
    )
    # Staff work after the nightly job: the lapses of the bench's day recorded as it records them (the sweep's
    # section measures the morning before it, and undoes its own de-rolls to measure the same ones each run).
    settled = letters_settle_expired(today=today)
    out.write(f"The nightly job's de-rolls of the bench's day: {len(settled.derolled)} recorded\n")
    people = bench_people()
    cookies = {role: session_cookie(user) for role, user in people.items()}
    cookies["anonymous"] = ""
    write = Write(people["employer"].membership.company_id)
    groups = pages(people, samples=SAMPLES)
    for group in groups:
        if missing := set(group.rows) - set(REFERENCE_ROWS):
            raise RuntimeError(f"No admin reference of {sorted(missing)} rows: add them to tools/bench/urls.py")
    out.write(
        f"\nPages over HTTP: gunicorn, {WORKERS} workers x {THREADS} threads. Each figure from at least 60 requests:"
        f" p50/p95 in ms of {ONE_CLIENT_REQUESTS} with 1 client, and of {CONCURRENT_CLIENTS} clients at once making"
        f" {REQUESTS_EACH_OF_MANY} each (p50x8, p95x8, req/s: cold, {CONCURRENT_CLIENTS} over their mean time, the"
        f" bench's writes between requests not counted); queries counted in-process.\n"
        f"Warm: after a request like it. Cold: the bench writes before each request, {write} (a course record"
        f" entered: the write a working day makes most); 8 clients writing at once may share one recomputation,"
        f" as on a busy day.\nx ref: the page's p50 (1 client) over the admin changelist's at the page's row count"
        f" (its page size), measured just before its group.\n"
    )
    report = Report(out)
    with Gunicorn():
        report.group("Reference")
        report.hello = measure("/health/", "")
        report.reference("hello world", report.hello)
        for group in groups:
            chosen = [page for page in group.pages if not ONLY or any(part in page.label for part in ONLY)]
            if not chosen:
                continue
            report.group(group.title)
            for rows in sorted({page.rows for page in chosen if page.rows is not None}):
                report.reference(
                    f"admin changelist, {rows} rows (reference)",
                    measure(reference_url(rows), cookies["staff"]),
                    rows,
                )
            for page in chosen:
                _measure_page(report, page, people.get(page.role), cookies[page.role], write)
    out.write(f"\nThis machine: hello world at {report.hello.per_second:.0f} req/s with {CONCURRENT_CLIENTS} clients\n")
    return report.targets()


def _measure_page(report: Report, page: Page, user, cookie: str, write: Write) -> None:
    counted = page.max_queries is not None and user is not None
    if page.urls:
        forget_rendered_pdfs()  # kept a day: a run earlier today would have left these charts rendered
    report.page(
        page,
        measure(page.url, cookie, urls=page.urls, counted=queries(page.url, user, None) if counted else None),
    )
    if page.cold and user is not None:
        report.page(
            page,
            measure(page.url, cookie, before=write, counted=queries(page.url, user, write) if counted else None),
            cold=True,
        )
