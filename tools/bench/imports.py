"""Issue 26: bringing SCSA's program in from its files, at a chosen share of province scale (20,000 companies,
150,000 people, 500,000 training records): each kind's file imported as staff confirm it (the same resource and
transaction as the import task), inside a transaction rolled back at the end, so the bench's own data stays as
loaded. Reports each kind's rows per second, the memory its import added, and the province's time at that rate."""

import resource
import time
from collections.abc import Callable
from datetime import date, timedelta

import tablib
from django.db import transaction

from golive.kinds import IMPORT_KINDS
from tools.bench.page_list import bench_people
from tools.bench.reporting import Target

PROVINCE = {"companies": 20_000, "roster": 150_000, "training": 500_000}
TARGET_SECONDS = 10 * 60
PEOPLE_PER_COMPANY, RECORDS_PER_PERSON = 7, 3
COURSES = ["Safety Management", "Leadership for Safety Excellence (LSE)", "Safety Auditor Training"]


def _wcb(n: int) -> str:
    return f"9{n:07d}"  # beside the bench's own companies' numbers


def _companies(count: int) -> tablib.Dataset:
    return tablib.Dataset(
        *[
            (_wcb(n), f"Imported Builders {n} Ltd.", "", f"{n} Main St", "Regina", "S4P 3Y2", "306-555-0100",
             f"office{n}@imported.example", "Roofing", "yes", "Registered", "", "2025-03-01")
            for n in range(count)
        ],
        headers=["WCB account number", "Legal name", "Operating name", "Street address", "City", "Postal code",
                 "Phone", "Email", "Trade", "SCSA member", "Status", "Status date", "Registration date"],
    )  # fmt: skip


def _roster(count: int) -> tablib.Dataset:
    return tablib.Dataset(
        *[
            (_wcb(n), f"Person{p}", f"Of{n}", f"p{p}.c{n}@imported.example", "Full-time", "yes", "yes", "field",
             "2024-01-08", "")
            for n in range(count)
            for p in range(PEOPLE_PER_COMPANY)
        ],
        headers=["WCB account number", "First name", "Last name", "Email", "Type", "Permanent",
                 "Works in Saskatchewan", "Field or office", "Start date", "End date"],
    )  # fmt: skip


def _training(count: int) -> tablib.Dataset:
    completed = date(2025, 1, 6)
    return tablib.Dataset(
        *[
            (_wcb(n), f"Person{p}", f"Of{n}", course, completed + timedelta(days=c), f"IMP-{n}-{p}-{c}", "")
            for n in range(count)
            for p in range(PEOPLE_PER_COMPANY)
            for c, course in enumerate(COURSES[:RECORDS_PER_PERSON])
        ],
        headers=["WCB account number", "First name", "Last name", "Course", "Completed on", "Certificate number",
                 "Expires on"],
    )  # fmt: skip


FILES: dict[str, Callable[[int], tablib.Dataset]] = {"companies": _companies, "roster": _roster, "training": _training}


def _peak_megabytes() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(out, companies: int) -> list[Target]:
    staff = bench_people()["staff"]
    out.write(
        f"\nImports (issue 26): {companies:,} companies' files, each imported as staff confirm it and all rolled back"
        f" at the end; the province's time at the same rate ({PROVINCE['companies']:,} companies, "
        f"{PROVINCE['roster']:,} people, {PROVINCE['training']:,} training records):\n"
    )
    province_seconds = 0.0
    with transaction.atomic():
        for key, build in FILES.items():
            dataset = build(companies)
            importer = IMPORT_KINDS[key].resource(actor=staff, filename=f"bench-{key}.csv", progress_key="")
            before, started = _peak_megabytes(), time.perf_counter()
            result = importer.import_data(dataset, dry_run=False, use_transactions=True)
            seconds = time.perf_counter() - started
            if result.has_errors() or result.has_validation_errors():
                invalid = result.invalid_rows[:3] if result.invalid_rows else result.row_errors()[:3]
                raise RuntimeError(f"The bench's {key} file was refused: {invalid!r}")
            per_second = len(dataset) / seconds
            province_seconds += PROVINCE[key] / per_second
            out.write(
                f"  {key:<10} {len(dataset):>8,} rows in {seconds:6.1f} s ({per_second:6.0f} rows/s), peak memory "
                f"+{_peak_megabytes() - before:.0f} MB; the province's {PROVINCE[key]:,}: "
                f"{PROVINCE[key] / per_second / 60:.1f} min\n"
            )
        transaction.set_rollback(True)
    return [
        Target(
            province_seconds <= TARGET_SECONDS,
            f"the province's files imported in <= 10 min: {province_seconds / 60:.1f} min at this run's rates",
        )
    ]
