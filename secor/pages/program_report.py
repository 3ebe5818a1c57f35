"""The program report: how the program did over a period, for SCSA's management. Each part is a table (shown,
printed in the PDF and downloaded as CSV), some drawn as a chart beside it as the dashboard draws its charts.

Every part is one query of its app's selectors (a constant number, whatever the period or the province's size),
which count, sum and take medians where the rows are (secor.aggregates.Median, on PostgreSQL and SQLite alike): a
year of the province is half a million reviews. Only the training requirements are tallied here, from each
incomplete company's unmet requirements (lines of text in its kept summary).
"""

import statistics
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial

from audits.audit import selectors as audit_selectors
from audits.certificates import selectors as certificate_selectors
from audits.invoices import selectors as invoice_selectors
from audits.models import Audit, Invoice
from companies import selectors as company_selectors
from milestones import selectors as milestone_selectors
from milestones.models import MilestoneLetter
from secor.dates import Period, long_date
from secor.freshness import kept_until_changed
from secor.hooks import Topic
from secor.kept_figures import SUMMARIES
from secor.pages.charts import REVIEW_LINES, Bar, column_chart, row_chart
from secor.reviews import selectors as review_selectors
from secor.reviews.kinds import KINDS as REVIEW_KINDS
from secor.reviews.rules import REVIEW_TARGET_DAYS
from training import selectors as training_selectors

# Time from registration to the first certificate, in buckets of months (MIL-1's 8 and MIL-2's 18 months apart
# from the last, open one): (label, its column's label in the chart, up to this many days).
CERTIFICATION_BUCKETS = (
    ("Up to 6 months", "0-6 mo", 183),
    ("6 to 8 months", "6-8 mo", 244),
    ("8 to 12 months", "8-12 mo", 365),
    ("12 to 18 months", "12-18 mo", 548),
    ("Over 18 months", "18+ mo", None),
)


@dataclass
class Table:
    """One part of the report: its figures as rows under a header, a chart of them, and what they count."""

    slug: str  # its CSV's name and its id on the page
    title: str
    header: list[str]
    rows: list[list] = field(default_factory=list)
    note: str = ""
    chart: dict | None = None
    columns: bool = False  # the chart is columns (secor.pages.charts.column_chart), else a bar per row


def _percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def _median(values: list[float]) -> int | None:
    return round(statistics.median(values)) if values else None


def _days(duration: timedelta | None) -> int | None:
    """A median duration in whole days, rounded as `_median` rounds (half to even)."""
    return round(duration.total_seconds() / 86400) if duration is not None else None


def applications(period: Period, today: date) -> Table:
    counts = company_selectors.applications_in(period)
    return Table(
        "applications",
        "Registrations, acceptances and declines",
        ["Applications", "Count"],
        [["Submitted", counts["submitted"]], ["Accepted", counts["accepted"]], ["Declined", counts["declined"]]],
    )


def stages(period: Period, today: date) -> Table:
    counts = certificate_selectors.stages_at(period)
    return Table(
        "stages",
        "Companies by stage at the start and the end",
        ["Stage", f"On {long_date(period.first)}", f"On {long_date(period.last)}"],
        [[label, *counts[key]] for key, label in certificate_selectors.STAGES_ON_A_DAY.items()],
        note="As recorded on each day: a de-roll is counted from the day it was recorded.",
    )


def time_to_certification(period: Period, today: date) -> Table:
    first = certificate_selectors.first_certifications_in(
        period, ceilings_days=[ceiling for *_, ceiling in CERTIFICATION_BUCKETS]
    )
    counts = [[label, count] for (label, *_), count in zip(CERTIFICATION_BUCKETS, first["buckets"], strict=True)]
    return Table(
        "time-to-certification",
        "Time from registration to certification",
        ["Time from registration to the first certificate", "Companies"],
        counts,
        note=(
            f"{first['issued']} first certificates issued; median {_days(first['median'])} days from registration."
            if first["issued"]
            else "No first certificate was issued in the period."
        ),
        chart=column_chart(
            [
                Bar(short, count, f"{label}: {count}")
                for (label, short, _), count in zip(CERTIFICATION_BUCKETS, first["buckets"], strict=True)
            ],
            top=max([1, *first["buckets"]]),
        ),
        columns=True,
    )


def derolls(period: Period, today: date) -> Table:
    counts = milestone_selectors.derolls_by_milestone(period)
    return Table(
        "derolls",
        "De-rolls by the milestone missed",
        ["Milestone missed", "Companies de-rolled"],
        [[label, counts.get(value, 0)] for value, label in MilestoneLetter.Milestone.choices],
    )


def turnaround(period: Period, today: date) -> Table:
    decided = {row["kind"]: row for row in review_selectors.turnaround_in(period)}
    rows = []
    for kind, label in REVIEW_KINDS.sorted_by_label():
        row = decided.get(kind, {"decided": 0, "within_warning": 0, "within_target": 0, "median": None})
        rows.append(
            [
                label,
                row["decided"],
                row["within_warning"],
                row["within_target"] - row["within_warning"],
                row["decided"] - row["within_target"],
                _days(row["median"]),
            ]
        )
    medians = [row[5] or 0 for row in rows]
    return Table(
        "turnaround",
        "Review turnaround against the 4- and 6-week lines",
        ["Review", "Decided", "Within 4 weeks", "4 to 6 weeks", "Over 6 weeks", "Median days"],
        rows,
        note="From the version sent to the decision; the lines of the chart are 4 and 6 weeks.",
        chart=row_chart(
            [
                Bar(row[0], row[5] or 0, f"{row[0]}: median {row[5]} days", late=(row[5] or 0) > REVIEW_TARGET_DAYS)
                for row in rows
            ],
            top=max([REVIEW_TARGET_DAYS * 1.2, *medians]),
            lines=REVIEW_LINES,
        ),
    )


def audits(period: Period, today: date) -> Table:
    done = {row["kind"]: row for row in audit_selectors.audits_done_in(period)}
    rows = []
    for kind, label in Audit.Kind.choices:
        row = done.get(kind, {"completed": 0, "achieved": 0})
        rows.append([label, row["completed"], row["achieved"], _percent(row["achieved"], row["completed"])])
    return Table(
        "audits", "Audits by type with their pass rate", ["Audit", "Completed", "Achieved", "Pass rate %"], rows
    )


def section_failures(period: Period, today: date) -> Table:
    """AUD-4: the sections that fail most often first (the largest share of audits below the section pass mark),
    then the lowest median score."""
    rows = [
        [
            f"{row['section__number']}. {row['section__name']}",
            row["scored"],
            row["below"],
            _percent(row["below"], row["scored"]),
            round(row["median"]),
        ]
        for row in audit_selectors.section_failures_in(period)
    ]
    rows.sort(key=lambda row: (-row[3], row[4], row[0]))
    return Table(
        "section-failures",
        "The audit-tool sections that fail most often",
        ["Section", "Audits scored", "Below the pass mark", "Share below %", "Median score %"],
        rows,
        note="Audits completed in the period; a section whose points were all not applicable is left out.",
        chart=row_chart([Bar(row[0], row[3], f"{row[0]}: {row[3]} % below") for row in rows[:10]], top=100),
    )


def training_held_back(period: Period, today: date) -> Table:
    """TRN-9: the requirements unmet by registered companies today (whatever the period: what holds them back now),
    the longest since registration first."""
    waited = defaultdict(list)
    for unmet, registered_on in training_selectors.unmet_requirements():
        # An unmet requirement reads "Course: who — why"; a company counts once per course.
        for course in {words.split(":", 1)[0] for words in unmet}:
            waited[course].append((today - registered_on).days)
    rows = sorted(
        ([course, len(days), _median(days), max(days)] for course, days in waited.items()),
        key=lambda row: (-row[2], -row[1], row[0]),
    )
    return Table(
        "training",
        "The training requirements that hold companies back longest",
        ["Requirement unmet", "Registered companies", "Median days since registration", "Longest"],
        rows,
        note=f"Registered companies whose training is incomplete on {long_date(today)}.",
        chart=row_chart(
            [Bar(row[0], row[2], f"{row[0]}: median {row[2]} days") for row in rows[:10]],
            top=max([1, *(row[2] for row in rows)]),
        ),
    )


def certificates(period: Period, today: date) -> Table:
    counts = certificate_selectors.certificates_in(period)
    return Table(
        "certificates",
        "Certificates issued, renewed, suspended and ended",
        ["Certificates", "Count"],
        [
            ["Issued (first certificate)", counts["issued"]],
            ["Renewed (re-certification)", counts["renewed"]],
            ["Suspended", counts["suspended"]],
            ["Ended by leaving the program", counts["ended"]],
        ],
    )


def fees(period: Period, today: date) -> Table:
    by_kind = {row["kind"]: row for row in invoice_selectors.fees_in(period)}
    rows = []
    for kind, label in Invoice.Kind.choices:
        row = by_kind.get(kind, {"invoiced": 0, "invoiced_total": 0, "paid": 0, "paid_total": 0})
        rows.append([label, row["invoiced"], row["invoiced_total"], row["paid"], row["paid_total"]])
    return Table(
        "fees",
        "Fees invoiced and paid",
        ["Fee", "Invoices issued", "Invoiced $", "Invoices paid", "Paid $"],
        rows,
        note="Totals with GST; voided invoices left out; paid counts the payments received in the period.",
    )


# The report's parts in order, by slug (the name of each one's CSV), each computed from the period and today: the
# training's is today's, the others count the period.
PARTS: dict[str, Callable[[Period, date], Table]] = {
    "applications": applications,
    "stages": stages,
    "time-to-certification": time_to_certification,
    "derolls": derolls,
    "turnaround": turnaround,
    "audits": audits,
    "section-failures": section_failures,
    "training": training_held_back,
    "certificates": certificates,
    "fees": fees,
}
# The parts that cost most at province scale (a year's half a million reviews decided and 66,000 section scores,
# the unmet requirements of 10,000 companies), each kept until a write to what it reads (secor.freshness), for the
# period and the day: a review decided counts the turnaround again and leaves the sections kept. The others cost a
# few milliseconds each.
KEPT_TOPICS: dict[str, tuple[Topic, ...]] = {
    "turnaround": (Topic.REVIEWS,),
    "section-failures": (Topic.AUDITS,),
    "training": SUMMARIES,
}


def _parts(slugs: list[str], period: Period, today: date) -> list[Table]:
    keys = {slug: f"program-report:{slug}:{period.first}:{period.last}" for slug in slugs if slug in KEPT_TOPICS}
    kept = kept_until_changed(
        {key: (KEPT_TOPICS[slug], partial(PARTS[slug], period, today)) for slug, key in keys.items()}
    )
    return [kept[keys[slug]] if slug in keys else PARTS[slug](period, today) for slug in slugs]


def report(period: Period, *, today: date) -> list[Table]:
    return _parts(list(PARTS), period, today)


def one_table(slug: str, period: Period, *, today: date) -> Table | None:
    """A single part, for its CSV (None for a name no part has)."""
    return _parts([slug], period, today)[0] if slug in PARTS else None
