"""Staff's pages for notice texts (issue 28): the kinds whose text they may edit, and for each an editor with its
placeholders, a preview for a real company, the history of versions and a way back to any of them."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from secor.notices import selectors
from secor.notices.editable import current_text, editable_kinds, editable_of, render_text
from secor.notices.kinds import NOTICE_KINDS
from secor.notices.models import NoticeText
from secor.notices.services.texts import notice_text_restore, notice_text_save
from secor.notices.text_forms import NoticeTextForm
from secor.roles import staff_required
from secor.viewutils import REFUSED, call_service


def _editable(kind: str):
    editable = editable_of(kind)
    if editable is None:
        raise Http404("No notice of this kind has a text staff edit.")
    return editable


@staff_required
def texts(request):
    current = {}
    for text in NoticeText.objects.select_related("saved_by").order_by("kind", "-version"):  # a few per kind
        current.setdefault(text.kind, text)
    kinds = [(NOTICE_KINDS[kind], current.get(kind)) for kind in editable_kinds()]
    return render(request, "notices/texts.html", {"kinds": kinds})


def _preview(kind: str, form: NoticeTextForm) -> dict:
    """The text in the editor rendered for the newest notice of the kind the chosen company received."""
    company_id = form.cleaned_data.get("company")
    if company_id is None:
        return {"preview_problem": "Choose a company to see the notice as it would read."}
    notice = selectors.newest_notice(kind, company_id)
    if notice is None:
        return {"preview_problem": "That company received no notice of this kind: choose another."}
    values = editable_of(kind).values(notice)
    try:
        return {
            "preview": {
                "subject": " ".join(render_text(form.cleaned_data["subject"], values).split()),
                "body": render_text(form.cleaned_data["body"], values),
                "to": notice.recipient_email,
            }
        }
    except Exception as error:
        return {"preview_problem": f"The text does not render for this company: {error}"}


@staff_required
def text_edit(request, kind: str):
    editable = _editable(kind)
    current = current_text(kind)
    companies = selectors.companies_notified(kind)
    context = {}
    if request.method == "POST":
        form = NoticeTextForm(request.POST, editable=editable, companies=companies)
        if form.is_valid():
            if request.POST.get("action") == "save":
                saved = call_service(
                    form,
                    notice_text_save,
                    kind=kind,
                    subject=form.cleaned_data["subject"],
                    body=form.cleaned_data["body"],
                    actor=request.user,
                )
                if saved is not REFUSED:
                    messages.success(request, f"Version {saved.version} saved: the next notices are sent with it.")
                    return redirect("notices:text_edit", kind=kind)
            else:
                context = _preview(kind, form)
    else:
        source = current or editable
        form = NoticeTextForm(
            initial={"subject": source.subject, "body": source.body}, editable=editable, companies=companies
        )
    return render(
        request,
        "notices/text_edit.html",
        {
            **context,
            "form": form,
            "kind": NOTICE_KINDS[kind],
            "editable": editable,
            "current": current,
            "history": NoticeText.objects.filter(kind=kind).select_related("saved_by").order_by("-version"),
        },
    )


@staff_required
@require_POST
def text_restore(request, pk: int):
    older = get_object_or_404(NoticeText, pk=pk)
    _editable(older.kind)
    restored = notice_text_restore(kind=older.kind, version=older.version, actor=request.user)
    messages.success(request, f"Version {older.version} is in use again, saved as version {restored.version}.")
    return redirect("notices:text_edit", kind=older.kind)
