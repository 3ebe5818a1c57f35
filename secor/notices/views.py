"""The staff notices log: every notice, what became of it, and a resend for those that failed or are in doubt."""

from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from secor.notices import selectors
from secor.notices.forms import LogFilterForm, ResendForm
from secor.notices.models import Notice
from secor.notices.services import notice_resend
from secor.paging import paged
from secor.roles import staff_required
from secor.viewutils import REFUSED, call_service, report_errors

PAGE_SIZE = 50


def _filters(form: LogFilterForm) -> selectors.LogFilters:
    return form.filters() if form.is_valid() else selectors.LogFilters()


@staff_required
def log(request):
    form = LogFilterForm(request.GET)
    page = paged(selectors.notice_log(filters=_filters(form)), request.GET.get("page"), PAGE_SIZE)
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
