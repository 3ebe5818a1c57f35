"""The program report: how the program did over a period, for SCSA's management. Each part is a table (shown,
printed in the PDF and downloaded as CSV), some drawn as a chart beside it as the dashboard draws its charts.

Every figure is one query of its app's selectors (a constant number, whatever the period or the province's size);
medians and distributions are taken here from the few rows of the period, the same on PostgreSQL and SQLite.
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from audits.audit import selectors as audit_selectors
from audits.certificates import selectors as certificate_selectors
from audits.invoices import selectors as invoice_selectors
from audits.models import Audit, Invoice
from companies import selectors as company_selectors
from milestones import selectors as milestone_selectors
from milestones.models import MilestoneLetter
from secor.dates import Period, long_date
from secor.pages.dashboard import CHART_WIDTH, Bar, column_chart
from secor.reviews import selectors as review_selectors
from secor.reviews.kinds import KINDS as REVIEW_KINDS
from secor.reviews.rules import REVIEW_TARGET_DAYS, REVIEW_WARNING_DAYS
from training import selectors as training_selectors

# Time from registration to the first certificate, in buckets of months (MIL-1's 8 and MIL-2's 18 months apart
# from the last, open one): (label, up to this many days).
CERTIFICATION_BUCKETS = (
    ("Up to 6 months", 183),
    ("6 to 8 months", 244),
    ("8 to 12 months", 365),
    ("12 to 18 months", 548),
    ("Over 18 months", None),
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
    columns: bool = False  # the chart is columns (secor.pages.dashboard.column_chart), else a bar per row


def _percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def _median(values: list[float]) -> int | None:
    return round(statistics.median(values)) if values else None


def row_chart(bars: list[Bar], *, top: float, lines: dict[str, float] | None = None) -> dict:
    """A bar per row, from 0 to `top` (its label above it), with vertical `lines` (a CSS class each, at a value)."""
    row, bar_height, longest = 30, 12, CHART_WIDTH - 40

    def length(value: float) -> float:
        return round(value / top * longest, 1) if top else 0

    return {
        "width": CHART_WIDTH,
        "height": max(row * len(bars), 1),
        "bars": [
            {
                "bar": bar,
                "text_y": index * row + 11,
                "y": index * row + 14,
                "height": bar_height,
                "width": length(bar.value),
                "count_x": length(bar.value) + 4,
                "count_y": index * row + 14 + bar_height - 2,
            }
            for index, bar in enumerate(bars)
        ],
        "lines": [{"class": name, "x": length(value)} for name, value in (lines or {}).items()],
    }


def applications(period: Period) -> Table:
    counts = company_selectors.applications_in(period)
    return Table(
        "applications",
        "Registrations, acceptances and declines",
        ["Applications", "Count"],
        [["Submitted", counts["submitted"]], ["Accepted", counts["accepted"]], ["Declined", counts["declined"]]],
    )


def stages(period: Period) -> Table:
    counts = certificate_selectors.stages_at(period)
    return Table(
        "stages",
        "Companies by stage at the start and the end",
        ["Stage", f"On {long_date(period.first)}", f"On {long_date(period.last)}"],
        [[label, *counts[key]] for key, label in certificate_selectors.STAGES_ON_A_DAY.items()],
        note="As recorded on each day: a de-roll is counted from the day it was recorded.",
    )


def time_to_certification(period: Period) -> Table:
    days = [(issued - registered).days for registered, issued in certificate_selectors.first_certifications_in(period)]
    counts, floor = [], -1
    for label, ceiling in CERTIFICATION_BUCKETS:
        counts.append([label, sum(1 for d in days if d > floor and (ceiling is None or d <= ceiling))])
        floor = ceiling if ceiling is not None else floor
    median = _median(days)
    return Table(
        "time-to-certification",
        "Time from registration to certification",
        ["Time from registration to the first certificate", "Companies"],
        counts,
        note=(
            f"{len(days)} first certificates issued; median {median} days from registration."
            if days
            else "No first certificate was issued in the period."
        ),
        chart=column_chart(
            [Bar(label.replace(" months", " mo"), count, f"{label}: {count}") for label, count in counts],
            top=max([1, *(count for _, count in counts)]),
        ),
        columns=True,
    )


def derolls(period: Period) -> Table:
    counts = milestone_selectors.derolls_by_milestone(period)
    return Table(
        "derolls",
        "De-rolls by the milestone missed",
        ["Milestone missed", "Companies de-rolled"],
        [[label, counts.get(value, 0)] for value, label in MilestoneLetter.Milestone.choices],
    )


def turnaround(period: Period) -> Table:
    waited = defaultdict(list)
    for kind, sent_at, decided_at in review_selectors.decided_in(period):
        waited[kind].append((decided_at - sent_at).total_seconds() / 86400)
    rows = []
    for kind, label in REVIEW_KINDS.sorted_by_label():
        days = waited.get(kind, [])
        rows.append(
            [
                label,
                len(days),
                sum(1 for d in days if d <= REVIEW_WARNING_DAYS),
                sum(1 for d in days if REVIEW_WARNING_DAYS < d <= REVIEW_TARGET_DAYS),
                sum(1 for d in days if d > REVIEW_TARGET_DAYS),
                _median(days),
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
            lines={"line-warning": REVIEW_WARNING_DAYS, "line-target": REVIEW_TARGET_DAYS},
        ),
    )


def audits(period: Period) -> Table:
    done = {row["kind"]: row for row in audit_selectors.audits_done_in(period)}
    rows = []
    for kind, label in Audit.Kind.choices:
        row = done.get(kind, {"completed": 0, "achieved": 0})
        rows.append([label, row["completed"], row["achieved"], _percent(row["achieved"], row["completed"])])
    return Table(
        "audits", "Audits by type with their pass rate", ["Audit", "Completed", "Achieved", "Pass rate %"], rows
    )


def section_failures(period: Period) -> Table:
    """AUD-4: the sections that fail most often first (the largest share of audits below the section pass mark),
    then the lowest median score."""
    scores = defaultdict(list)  # (number, name) -> [(percent, passed)]
    for number, name, actual, applicable, mark in audit_selectors.section_scores_in(period):
        scores[number, name].append((100 * actual / applicable, 100 * actual >= mark * applicable))
    rows = []
    for (number, name), marks in scores.items():
        below = sum(1 for _, passed in marks if not passed)
        rows.append(
            [f"{number}. {name}", len(marks), below, _percent(below, len(marks)), _median([p for p, _ in marks])]
        )
    rows.sort(key=lambda row: (-row[3], row[4], row[0]))
    return Table(
        "section-failures",
        "The audit-tool sections that fail most often",
        ["Section", "Audits scored", "Below the pass mark", "Share below %", "Median score %"],
        rows,
        note="Audits completed in the period; a section whose points were all not applicable is left out.",
        chart=row_chart([Bar(row[0], row[3], f"{row[0]}: {row[3]} % below") for row in rows[:10]], top=100),
    )


def training_held_back(today: date) -> Table:
    """TRN-9: the requirements unmet by registered companies today, the longest since registration first."""
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


def certificates(period: Period) -> Table:
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


def fees(period: Period) -> Table:
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


def report(period: Period, *, today: date) -> list[Table]:
    return [
        applications(period),
        stages(period),
        time_to_certification(period),
        derolls(period),
        turnaround(period),
        audits(period),
        section_failures(period),
        training_held_back(today),
        certificates(period),
        fees(period),
    ]


def one_table(slug: str, period: Period, *, today: date) -> Table | None:
    """A single part, for its CSV (None for a name no part has)."""
    parts = {
        "applications": applications,
        "stages": stages,
        "time-to-certification": time_to_certification,
        "derolls": derolls,
        "turnaround": turnaround,
        "audits": audits,
        "section-failures": section_failures,
        "certificates": certificates,
        "fees": fees,
    }
    if slug == "training":
        return training_held_back(today)
    return parts[slug](period) if slug in parts else None
