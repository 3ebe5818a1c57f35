"""The training chart as a PDF, rendered by a worker when a write changes it so that the download is a cache read.

Rendering takes a few hundred milliseconds on a big roster. Once a write to a company's training, roster,
details or status commits, a worker renders its chart and keeps it under the company's token and today's date
(secor.company_keep), which the same write moved: the kept chart is never one from before the write. A download
finding none (the day changed, the broker was down, the chart was never changed) renders it and keeps it.
"""

from collections.abc import Iterable
from datetime import date

from django.utils import timezone

from companies.models import Company
from secor.company_keep import keep_for_companies, kept_for_company
from secor.hooks import Change, Topic
from secor.pdf import render_pdf
from training import selectors
from training.summaries import companies_sharing_people

KEPT_AS = "training-chart-pdf"
# Kept for the day its date names (the key's): downloads after a write that says nothing render it afresh only
# once the next day comes. A chart is ~15 kB.
KEPT_SECONDS = 24 * 60 * 60
# The writes that change a chart: its people's training, the roster, the company's details and status (TRN-2 also
# reads the status of the other companies a person was designated by).
CHART_TOPICS = (Topic.TRAINING, Topic.ROSTER, Topic.COMPANY, Topic.COMPANY_STATUS)


def _render(company: Company, today: date) -> bytes:
    return render_pdf(
        "pdf/training_chart.html", {"chart": selectors.training_chart(company=company, today=today), "today": today}
    )


def chart_pdf(*, company: Company) -> bytes:
    """The company's chart today: the one kept since the last write to it, or rendered now (and kept)."""
    today = timezone.localdate()
    kept = kept_for_company(company.pk, [KEPT_AS], lambda: {KEPT_AS: _render(company, today)}, seconds=KEPT_SECONDS)
    return kept[KEPT_AS]


def chart_pdfs_keep(*, company_ids: Iterable[int]) -> int:
    """Render and keep the charts of these companies today (a worker, after a write to them). Returns how many."""
    today = timezone.localdate()

    def render(ids: list[int]) -> dict[int, bytes]:
        return {company.pk: _render(company, today) for company in Company.objects.filter(pk__in=ids)}

    return len(keep_for_companies(company_ids, KEPT_AS, render, seconds=KEPT_SECONDS))


def companies_reached(change: Change) -> Iterable[int]:
    """The other companies whose charts a change to a person reaches (secor.company_keep.REACHES): those sharing a
    trained employee with its companies (TRN-2)."""
    return companies_sharing_people(change) if change.topic in CHART_TOPICS else ()
