"""Staff's go-live page: what the next sweep would send, kind by kind, before each kind is switched on."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from secor.exports import Column, export_format, exported
from secor.notices import golive
from secor.notices.forms import DeadlineSwitchForm
from secor.notices.services import deadline_notices_switch
from secor.roles import staff_required
from secor.viewutils import REFUSED, call_service, confirmation_page, report_errors

LIST_PAGE_SIZE = 50
PREVIEW_COLUMNS = [
    Column("Due", lambda row: row[0].due_on),
    Column("About", lambda row: row[0].about_date),
    Column("Company", lambda row: row[1]),
    Column("To", lambda row: row[0].recipient.email),
    Column("Name", lambda row: row[0].recipient.name),
]


def _kind_choices() -> list[tuple[str, str]]:
    return [(kind.key, kind.label) for kind in golive.deadline_kinds()]


@staff_required
def go_live(request):
    previews = golive.next_sweep_preview(today=timezone.localdate())
    shown = next((preview for preview in previews if preview.kind.key == request.GET.get("kind")), None)
    if shown is not None and export_format(request):
        names = golive.company_names(shown.to_send)
        rows = [(draft, names.get(draft.company_id, "")) for draft in shown.to_send]
        return exported(request, name=f"secor-next-sweep-{shown.kind.key}", columns=PREVIEW_COLUMNS, objects=rows)
    page, names = None, {}
    if shown is not None:
        page = Paginator(shown.to_send, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
        names = golive.company_names(page.object_list)
    return render(
        request,
        "notices/go_live.html",
        {
            "go_live_on": golive.go_live_on(),
            "previews": previews,
            "to_send": sum(len(preview.to_send) for preview in previews if preview.on),
            "shown": shown,
            "page": page,
            "rows": [(draft, names.get(draft.company_id, "")) for draft in page or []],
        },
    )


@staff_required
@require_POST
def switch(request):
    form = DeadlineSwitchForm(request.POST, kinds=_kind_choices())
    back = reverse("notices:go_live")
    if form.is_valid() and form.cleaned_data["on"]:
        preview = next(
            p for p in golive.next_sweep_preview(today=timezone.localdate()) if p.kind.key == form.cleaned_data["kind"]
        )
        asking = confirmation_page(
            request,
            question=f"Switch on “{preview.kind.label}”?",
            consequences=[
                f"The next daily sweep sends {len(preview.to_send)} of these notices (the list on the go-live page).",
                f"{len(preview.before_go_live)} that fell due before the go-live date are recorded in the notices log "
                "as before go-live and never sent.",
                "From then on the sweep sends this kind every day, each notice once.",
            ],
            confirm_label="Switch it on",
            cancel_url=back,
        )
        if asking is not None:
            return asking
    if (
        form.is_valid()
        and call_service(
            form,
            deadline_notices_switch,
            kind=form.cleaned_data["kind"],
            on=form.cleaned_data["on"],
            actor=request.user,
        )
        is not REFUSED
    ):
        state = "on: the next sweep sends it" if form.cleaned_data["on"] else "off: the sweep no longer sends it"
        messages.success(request, f"{dict(_kind_choices())[form.cleaned_data['kind']]} is switched {state}.")
    else:
        report_errors(request, form)
    return redirect(back)
