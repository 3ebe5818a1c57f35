"""The staff dashboard, the staff home page: the program at a glance, each figure a link to its list. What it
counts, and how each group of counts is kept, is secor.pages.dashboard_counts.
"""

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
from secor.pages.charts import REVIEW_LINES, Bar, column_chart, row_chart
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
