"""The staff notices log: every notice, what became of it, and a resend for those that failed or are in doubt."""

import hashlib
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import get_template
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from secor.exports import Column, exported
from secor.hooks import Topic
from secor.notices import selectors
from secor.notices.forms import LogFilterForm, ResendForm
from secor.notices.models import Notice
from secor.notices.services import notice_resend
from secor.paging import kept_page
from secor.roles import staff_required
from secor.viewutils import REFUSED, call_service, report_errors

PAGE_SIZE = 50
LOG_COLUMNS = [
    Column("Due", lambda notice: notice.due_on),
    Column("Notice", lambda notice: notice.kind_label),
    Column("Subject", lambda notice: notice.subject),
    Column("Company", lambda notice: notice.company.legal_name if notice.company else ""),
    Column("To", lambda notice: notice.recipient_email),
    Column("About", lambda notice: notice.about_date),
    Column("State", lambda notice: notice.get_state_display()),
    Column("Sent at", lambda notice: notice.sent_at),
    Column("Attempts", lambda notice: notice.attempts),
    Column("Last error", lambda notice: notice.last_error),
]


def _filters(form: LogFilterForm) -> selectors.LogFilters:
    return form.filters() if form.is_valid() else selectors.LogFilters()


# What a row of the log shows: the notice, its company's name, and who sent it again.
LOG_READ = (Topic.NOTICES, Topic.COMPANY, Topic.ACCOUNTS)


@dataclass(frozen=True)
class LogRow:
    """A notice's row of the log: its cells as rendered (kept), and what the form to send it again needs."""

    pk: int
    state: str
    resendable: bool
    html: str


def _log_rows(notices) -> dict[int, LogRow]:
    cells = get_template("notices/_log_row.html")
    return {
        notice.pk: LogRow(
            notice.pk, notice.state, notice.state in Notice.RESENDABLE, mark_safe(cells.render({"notice": notice}))
        )
        for notice in notices
    }


@staff_required
def log(request):
    form = LogFilterForm(request.GET)
    filters = _filters(form)
    notices = selectors.notice_log(filters=filters)
    rows = notices.iterator(chunk_size=2000)
    if export := exported(request, name="secor-notices", columns=LOG_COLUMNS, objects=rows):
        return export
    page = kept_page(
        notices,
        request.GET.get("page"),
        PAGE_SIZE,
        name="notice-log:" + hashlib.blake2b(repr(filters).encode(), digest_size=16).hexdigest(),
        topics=LOG_READ,
        render=_log_rows,
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "notices/log.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "attention": selectors.needing_attention(),
            "resend_form": ResendForm(),
        },
    )


@staff_required
@require_POST
def resend(request, pk: int):
    notice = get_object_or_404(Notice, pk=pk)
    form = ResendForm(request.POST)
    if (
        form.is_valid()
        and call_service(form, notice_resend, notice=notice, actor=request.user, reason=form.cleaned_data["reason"])
        is not REFUSED
    ):
        messages.success(request, f"The notice to {notice.recipient_email} is being sent again.")
    else:
        report_errors(request, form)
    # Back to the log as the user filtered it; only the log's own query string is carried.
    back = LogFilterForm(request.POST)
    query = urlencode({name: value for name, value in back.data.items() if name in back.fields and value})
    return redirect(f"{reverse('notices:log')}?{query}" if query else reverse("notices:log"))
