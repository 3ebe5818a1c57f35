"""Issue 26: bringing SCSA's program in from its files, at a chosen share of province scale (20,000 companies,
150,000 people, 500,000 training records): each kind's CSV file written to disk, then imported as staff confirm it
(the same reading, resource and transaction as the import task: golive.services.import_file), inside a transaction
rolled back at the end, so the bench's own data stays as loaded. Reports each kind's rows per second, the memory its
import added, and the province's time at that rate."""

import csv
import os
import resource
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta

from django.db import transaction

from golive.kinds import IMPORT_KINDS
from golive.services import import_file
from tools.bench.page_list import bench_people
from tools.bench.reporting import Target

PROVINCE = {"companies": 20_000, "roster": 150_000, "training": 500_000}
TARGET_SECONDS = 10 * 60
# Below this share of the province, a file's fixed costs (its first queries, its first part) weigh on its rate: the
# verdict is given only from rates measured on files at least this large.
VERDICT_COMPANIES = 1_000
PEOPLE_PER_COMPANY, RECORDS_PER_PERSON = 7, 3
COURSES = ["Safety Management", "Leadership for Safety Excellence (LSE)", "Safety Auditor Training"]


def _wcb(n: int) -> str:
    return f"9{n:07d}"  # beside the bench's own companies' numbers


def _companies(count: int) -> Iterator[tuple]:
    yield ("WCB account number", "Legal name", "Operating name", "Street address", "City", "Postal code", "Phone",
           "Email", "Trade", "SCSA member", "Status", "Status date", "Registration date")  # fmt: skip
    yield from (
            (_wcb(n), f"Imported Builders {n} Ltd.", "", f"{n} Main St", "Regina", "S4P 3Y2", "306-555-0100",
             f"office{n}@imported.example", "Roofing", "yes", "Registered", "", "2025-03-01")
            for n in range(count)
    )  # fmt: skip


def _roster(count: int) -> Iterator[tuple]:
    yield ("WCB account number", "First name", "Last name", "Email", "Type", "Permanent", "Works in Saskatchewan",
           "Field or office", "Start date", "End date")  # fmt: skip
    yield from (
            (_wcb(n), f"Person{p}", f"Of{n}", f"p{p}.c{n}@imported.example", "Full-time", "yes", "yes", "field",
             "2024-01-08", "")
            for n in range(count)
            for p in range(PEOPLE_PER_COMPANY)
    )  # fmt: skip


def _training(count: int) -> Iterator[tuple]:
    completed = date(2025, 1, 6)
    yield ("WCB account number", "First name", "Last name", "Course", "Completed on", "Certificate number",
           "Expires on")  # fmt: skip
    yield from (
            (_wcb(n), f"Person{p}", f"Of{n}", course, completed + timedelta(days=c), f"IMP-{n}-{p}-{c}", "")
            for n in range(count)
            for p in range(PEOPLE_PER_COMPANY)
            for c, course in enumerate(COURSES[:RECORDS_PER_PERSON])
    )  # fmt: skip


FILES: dict[str, Callable[[int], Iterator[tuple]]] = {"companies": _companies, "roster": _roster, "training": _training}


def _peak_megabytes() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(out, companies: int) -> list[Target]:
    staff = bench_people()["staff"]
    out.write(
        f"\nImports (issue 26): {companies:,} companies' files, each imported as staff confirm it and all rolled back"
        f" at the end; the province's time at the same rate ({PROVINCE['companies']:,} companies, "
        f"{PROVINCE['roster']:,} people, {PROVINCE['training']:,} training records); the machine's load average "
        f"as it starts: {os.getloadavg()[0]:.1f} (figures from a busy machine are pessimistic). Its files are read "
        "a part at a time, so the memory an import adds does not grow with its rows:\n"
    )
    province_seconds = 0.0
    with transaction.atomic(), tempfile.TemporaryDirectory() as folder:
        for key, lines in FILES.items():
            path = f"{folder}/{key}.csv"
            rows = -1  # under the header
            with open(path, "w", newline="") as written:  # line by line: the memory measured is the import's
                writer = csv.writer(written)
                for line in lines(companies):
                    writer.writerow(line)
                    rows += 1
            importer = IMPORT_KINDS[key].resource(actor=staff, filename=f"bench-{key}.csv", progress_key="")
            before, started = _peak_megabytes(), time.perf_counter()
            with open(path, "rb") as handle:
                _, problems = import_file(importer, handle, "csv", dry_run=False)
            seconds = time.perf_counter() - started
            if problems:
                raise RuntimeError(f"The bench's {key} file was refused: {problems[:3]!r}")
            per_second = rows / seconds
            province_seconds += PROVINCE[key] / per_second
            out.write(
                f"  {key:<10} {rows:>8,} rows in {seconds:6.1f} s ({per_second:6.0f} rows/s), peak memory "
                f"+{_peak_megabytes() - before:.0f} MB; the province's {PROVINCE[key]:,}: "
                f"{PROVINCE[key] / per_second / 60:.1f} min\n"
            )
        transaction.set_rollback(True)
    verdict = f"the province's files imported in <= 10 min: {province_seconds / 60:.1f} min at this run's rates"
    if companies < VERDICT_COMPANIES:
        verdict += f" (not a verdict: measured on {companies:,} companies' files, under {VERDICT_COMPANIES:,})"
    return [Target(province_seconds <= TARGET_SECONDS and companies >= VERDICT_COMPANIES, verdict)]
