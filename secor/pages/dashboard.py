"""The staff dashboard, the staff home page: the program at a glance, each figure a link to its list. What it
counts, and how each group of counts is kept, is secor.pages.dashboard_counts.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from companies.models import Company
from companies.questions import selectors as question_selectors
from milestones import rules as milestone_rules
from secor.core.models import ProgramSettings
from secor.freshness import kept_as_shown
from secor.notices.models import Notice
from secor.pages.dashboard_counts import Month, kept_figures
from secor.reviews.rules import REVIEW_TARGET_DAYS, REVIEW_WARNING_DAYS
from secor.roles import staff_required
from training import deadlines

# The pipeline's words for the stages that are not a next step.
STAGE_FIGURES = {
    milestone_rules.CERTIFIED: "certified",
    milestone_rules.RECERTIFY: "certificate expired, not re-certified",
}


@dataclass(frozen=True)
class Figure:
    label: str
    count: int
    url: str
    tone: str = ""  # a Bootstrap colour for what needs attention
    part_of_the_line_above: bool = False  # shown indented, as a part of the figure above it
    stage: bool = False  # a step of the pipeline, drawn in its chart


def _list_url(name: str, **query) -> str:
    return reverse(name) + (f"?{urlencode(query)}" if query else "")


def pipeline(tally: dict) -> list[Figure]:
    """Companies by stage; each count is the company list with the matching filter."""
    status = Company.Status
    # One pass over the companies for the stages; training counted on its own, where PostgreSQL anti-joins the
    # summaries at once (inside the pass it would probe them company by company).
    by_status, stages, incomplete = tally["by_status"], tally["stages"], tally["training_incomplete"]
    return [
        Figure(
            "Applied", by_status.get(status.APPLIED, 0), _list_url("companies:list", status=status.APPLIED), stage=True
        ),
        Figure(
            "Registered",
            by_status.get(status.REGISTERED, 0),
            _list_url("companies:list", status=status.REGISTERED),
        ),
        Figure(
            "training complete",
            by_status.get(status.REGISTERED, 0) - incomplete,
            _list_url("companies:list", status=status.REGISTERED, training="complete"),
            part_of_the_line_above=True,
        ),
        Figure(
            "training incomplete",
            incomplete,
            _list_url("companies:list", status=status.REGISTERED, training="incomplete"),
            "warning",
            part_of_the_line_above=True,
        ),
        *(
            Figure(
                STAGE_FIGURES.get(key, f"next step: {label}"),
                stages.get(key, 0),
                _list_url("companies:list", status=status.REGISTERED, stage=key),
                part_of_the_line_above=True,
                stage=True,
            )
            for key, label in milestone_rules.STAGE_LABELS.items()
        ),
        Figure(
            "At risk: milestone letter expiring within 30 days, unmet",
            tally["letters_at_risk"],
            reverse("milestones:watch") + "#at-risk",
            "danger",
        ),
        Figure(
            "At risk: Milestone #1 met, Milestone #2 letter not requested",
            tally["requests_missing"],
            reverse("milestones:watch") + "#missing",
            "warning",
        ),
        Figure(
            "At risk: no longer qualify", by_status["at_risk"], _list_url("companies:list", over_limit="1"), "danger"
        ),
        Figure(
            "Hand-offs to COR waiting: the company told SCSA when it expects to register",
            tally["cor_handoffs"],
            reverse("companies:cor_handoffs"),
            "warning",
            part_of_the_line_above=True,
        ),
        Figure("De-rolled", by_status.get(status.DEROLLED, 0), _list_url("companies:list", status=status.DEROLLED)),
        Figure(
            "Transferred to COR",
            by_status.get(status.TRANSFERRED_TO_COR, 0),
            _list_url("companies:list", status=status.TRANSFERRED_TO_COR),
        ),
        Figure("Withdrawn", by_status.get(status.WITHDRAWN, 0), _list_url("companies:list", status=status.WITHDRAWN)),
        Figure(
            "Certificates ended by leaving the program (CERT-2), within their 3 years",
            tally["certificates_ended"],
            _list_url("companies:list", certificate="ended"),
        ),
        Figure("Declined", by_status.get(status.DECLINED, 0), _list_url("companies:list", status=status.DECLINED)),
    ]


def deadline_table(tally: dict) -> list[tuple[str, list[Figure]]]:
    """For each kind of deadline, how many fall in the next 30, 60 and 90 days (each a link to the list)."""
    counts = tally["deadlines"]
    return [
        (
            "Audits booked (AUD-2)",
            [
                Figure(f"{days} days", tally[f"audits_within_{days}"], _list_url("audits:audit_calendar", within=days))
                for days in deadlines.WINDOWS_DAYS
            ],
        ),
        (
            "Milestone letters expiring (MIL-1, MIL-2)",
            [
                Figure(
                    f"{days} days",
                    tally[f"letters_within_{days}"],
                    _list_url("milestones:watch", within=days) + "#expiring",
                )
                for days in deadlines.WINDOWS_DAYS
            ],
        ),
        (
            "Certificate anniversaries (MNT-2)",
            [
                Figure(
                    f"{days} days",
                    tally[f"anniversaries_within_{days}"],
                    _list_url("audits:anniversaries", within=days),
                )
                for days in deadlines.WINDOWS_DAYS
            ],
        ),
        *(
            (
                label,
                [
                    Figure(f"{days} days", counts[kind, days], _list_url("training:deadlines", within=days, kind=kind))
                    for days in deadlines.WINDOWS_DAYS
                ],
            )
            for kind, label in deadlines.KINDS.items()
        ),
    ]


def overdue_work(tally: dict) -> list[Figure]:
    attention, waited = tally["notices"], tally["training_waited"]
    return [
        *(
            Figure(
                f"Training reviews waiting over {days // 7} weeks",
                waited[days],
                _list_url("training:verification_queue", waiting=days),
                tone,
            )
            for days, tone in ((REVIEW_WARNING_DAYS, "warning"), (REVIEW_TARGET_DAYS, "danger"))
        ),
        *(
            Figure(
                f"Manual reviews waiting over {days // 7} weeks",
                tally[f"manuals_over_{days}"],
                _list_url("audits:manual_queue", waiting=days),
                tone,
            )
            for days, tone in ((REVIEW_WARNING_DAYS, "warning"), (REVIEW_TARGET_DAYS, "danger"))
        ),
        *(
            Figure(
                f"Maintenance package reviews waiting over {days // 7} weeks",
                tally[f"packages_over_{days}"],
                _list_url("audits:maintenance_queue", waiting=days),
                tone,
            )
            for days, tone in ((REVIEW_WARNING_DAYS, "warning"), (REVIEW_TARGET_DAYS, "danger"))
        ),
        Figure(
            "Audit requests waiting to be booked (AUD-1, AUD-2)",
            tally["audit_requests"],
            reverse("audits:audit_requests"),
            "warning",
        ),
        Figure(
            "Maintenance packages overdue (MNT-1): not sent by the anniversary, or not corrected in time",
            tally["packages_overdue"],
            _list_url("audits:anniversaries", overdue="1"),
            "danger",
        ),
        Figure(
            "Internal auditors' maintenance audits overdue (TRN-6)",
            tally["maintenance_overdue"],
            _list_url("training:deadlines", overdue="1"),
            "warning",
        ),
        Figure(
            "Questions from companies waiting for an answer",
            tally["questions_waiting"],
            _list_url("companies:question_queue", show=question_selectors.WAITING),
            "warning",
        ),
        Figure(
            "Notices failed",
            attention.get(Notice.State.FAILED, 0),
            _list_url("notices:log", state=Notice.State.FAILED),
            "danger",
        ),
        Figure(
            "Notices in doubt",
            attention.get(Notice.State.IN_DOUBT, 0),
            _list_url("notices:log", state=Notice.State.IN_DOUBT),
            "warning",
        ),
    ]


# The charts are SVG drawn here (no script, no style attribute: the Content Security Policy allows neither), in
# user units that scale with the card; the table beside each holds the same figures for screen readers.
CHART_WIDTH, COLUMNS_HEIGHT, COLUMN_WIDTH = 360, 120, 40
# Their colours are the SVG's own attributes, not the page's CSS: WeasyPrint draws an inline SVG in a PDF by its
# attributes alone. (The page's CSS, which outranks them, only lightens the bar pointed at.)
BAR_FILL, LATE_FILL = "#0b3d62", "#b02a37"


@dataclass(frozen=True)
class Line:
    """A line across a chart at a value: a target its bars are read against."""

    at: float
    stroke: str
    dashes: str = ""


# MAN-2's 4 and 6 weeks, across the charts of how long reviews took.
REVIEW_LINES = (Line(REVIEW_WARNING_DAYS, "#997404"), Line(REVIEW_TARGET_DAYS, LATE_FILL, "4 3"))


@dataclass(frozen=True)
class Bar:
    label: str  # under a column, or above a bar
    value: float
    title: str  # shown on pointing at it
    url: str = ""  # the list it counts, opened by a click
    late: bool = False  # past the target: drawn in the danger colour

    @property
    def fill(self) -> str:
        return LATE_FILL if self.late else BAR_FILL


def _lines(lines: tuple[Line, ...], position: Callable[[float], float]) -> list[dict]:
    return [{"at": position(line.at), "stroke": line.stroke, "dashes": line.dashes} for line in lines]


def column_chart(bars: list[Bar], *, top: float, lines: tuple[Line, ...] = ()) -> dict:
    """Columns side by side, from 0 to `top`, with horizontal `lines`."""

    def y(value: float) -> float:
        return round(COLUMNS_HEIGHT - value / top * COLUMNS_HEIGHT, 1)

    return {
        "width": CHART_WIDTH,
        "height": COLUMNS_HEIGHT,
        "bar_width": COLUMN_WIDTH,
        "bars": [
            {
                "bar": bar,
                "x": 10 + index * (COLUMN_WIDTH + 18),
                "middle": 10 + index * (COLUMN_WIDTH + 18) + COLUMN_WIDTH // 2,
                "y": y(bar.value),
                "height": round(COLUMNS_HEIGHT - y(bar.value), 1),
            }
            for index, bar in enumerate(bars)
        ],
        "lines": _lines(lines, y),
    }


def turnaround_chart(months: list[Month]) -> dict:
    """Average days per month against the 4- and 6-week lines."""
    return column_chart(
        [
            Bar(
                f"{month.month:%b}",
                month.average_days or 0,
                f"{month.month:%B %Y}: {month.decided} decided"
                + (f", {month.average_days:.0f} days on average" if month.average_days is not None else ""),
                late=(month.average_days or 0) > REVIEW_TARGET_DAYS,
            )
            for month in months
        ],
        top=max([REVIEW_TARGET_DAYS * 1.2, *(m.average_days or 0 for m in months)]),
        lines=REVIEW_LINES,
    )


def certificates_chart(per_month: list[tuple[date, int]]) -> dict:
    """Certificates issued per month (CERT-1), each column the companies certified that month."""
    return column_chart(
        [
            Bar(
                f"{month:%b}",
                count,
                f"{month:%B %Y}: {count} issued",
                _list_url("companies:list", certified=f"{month:%Y-%m}"),
            )
            for month, count in per_month
        ],
        top=max([3, *(count for _, count in per_month)]),
    )


def row_chart(bars: list[Bar], *, top: float, lines: tuple[Line, ...] = ()) -> dict:
    """A bar per row, from 0 to `top` (its label above it), with vertical `lines`."""
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
        "lines": _lines(lines, length),
    }


def pipeline_chart(figures: list[Figure]) -> dict:
    """The companies at each stage of the pipeline (applied, then the roadmap's steps), a bar each."""
    stages = [figure for figure in figures if figure.stage]
    return row_chart(
        [Bar(figure.label, figure.count, f"{figure.label}: {figure.count}", figure.url) for figure in stages],
        top=max([1, *(figure.count for figure in stages)]),
    )


def figures(tally: dict) -> dict:
    stages = pipeline(tally)
    return {
        "pipeline": stages,
        "pipeline_chart": pipeline_chart(stages),
        "deadline_table": deadline_table(tally),
        "overdue": overdue_work(tally),
        "auditors": tally["auditors"],
        "months": tally["months"],
        "certificates": tally["certificates"],
        "chart": turnaround_chart(tally["months"]),
        "certificates_chart": certificates_chart(tally["certificates"][0]),
    }


def _shown(tally: dict, program_settings: ProgramSettings) -> tuple:
    """Every value the figures are made of: the counts as kept (dicts, dataclasses, dates), each auditor by name and
    counts, and the one program setting _dashboard_figures.html reads."""
    auditors = [
        (str(auditor), auditor.companies, auditor.waiting, auditor.manuals, auditor.packages, auditor.audits_ahead)
        for auditor in tally["auditors"]
    ]
    counts = sorted((name, value) for name, value in tally.items() if name != "auditors")
    return counts, auditors, program_settings.milestone_2_months


@staff_required
def dashboard(request):
    today = timezone.localdate()
    # Every program administrator sees the same figures (staff see every queue whole), each group kept until a
    # write to what it reads; and the figures made of them and rendered, kept for as long as they stay the same.
    tally = kept_figures(request.user, today)
    context = {
        "today": today,
        "windows": deadlines.WINDOWS_DAYS,
        "program_settings": ProgramSettings.current(),
        "warning_days": REVIEW_WARNING_DAYS,
        "target_days": REVIEW_TARGET_DAYS,
    }

    def rendered() -> tuple[str, dict]:
        made = figures(tally)
        return render_to_string("_dashboard_figures.html", {**context, **made}), made

    html, made = kept_as_shown("dashboard", _shown(tally, context["program_settings"]), rendered)
    return render(request, "dashboard.html", {**context, **made, "figures_html": html})
