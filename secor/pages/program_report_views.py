"""The program report's page, PDF and CSVs (staff only), for the period chosen on the page (this calendar year
by default). What each part counts is secor.pages.program_report."""

from datetime import date

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from secor.dates import Period
from secor.exports import csv_response
from secor.pages.program_report import one_table, report
from secor.pdf import render_pdf
from secor.roles import staff_required
from secor.widgets import DateInput

# A longer period is a typo (a year off by a century), not a report anyone reads.
LONGEST_PERIOD_DAYS = 10 * 366


class PeriodForm(forms.Form):
    first = forms.DateField(label="From", widget=DateInput)
    last = forms.DateField(label="Through", widget=DateInput)

    def clean(self):
        data = super().clean()
        first, last = data.get("first"), data.get("last")
        if first and last:
            if last < first:
                self.add_error("last", "The last day comes before the first: choose a day on or after it.")
            elif (last - first).days > LONGEST_PERIOD_DAYS:
                self.add_error("last", "A report covers at most ten years: choose a shorter period.")
        return data


def _period(request, today: date) -> tuple[PeriodForm, Period | None]:
    """The period asked for in the address, or this calendar year."""
    if "first" in request.GET or "last" in request.GET:
        form = PeriodForm(request.GET)
    else:
        form = PeriodForm({"first": date(today.year, 1, 1), "last": date(today.year, 12, 31)})
    if not form.is_valid():
        return form, None
    return form, Period(form.cleaned_data["first"], form.cleaned_data["last"])


def _query(period: Period) -> str:
    return f"first={period.first.isoformat()}&last={period.last.isoformat()}"


@staff_required
def program_report(request):
    today = timezone.localdate()
    form, period = _period(request, today)
    context = {"form": form, "period": period, "today": today}
    if period is not None:
        context |= {"tables": report(period, today=today), "query": _query(period)}
    return render(request, "program_report.html", context)


@staff_required
def program_report_pdf(request):
    today = timezone.localdate()
    form, period = _period(request, today)
    if period is None:
        return render(request, "program_report.html", {"form": form, "period": None, "today": today}, status=400)
    pdf = render_pdf(
        "pdf/program_report.html", {"tables": report(period, today=today), "period": period, "today": today}
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="secor-program-report-{period.first}-{period.last}.pdf"'
    return response


@staff_required
def program_report_csv(request):
    today = timezone.localdate()
    _, period = _period(request, today)
    # `table` names the part (its slug); the first part by default.
    table = one_table(request.GET.get("table", "applications"), period, today=today) if period else None
    if table is None:
        raise Http404("No such table in the program report.")
    return csv_response(
        filename=f"secor-{table.slug}-{period.first}-{period.last}.csv", header=table.header, rows=table.rows
    )
