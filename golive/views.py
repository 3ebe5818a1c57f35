"""Staff's import pages: choose a kind and upload its file, read the check (counts and every problem), confirm."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from golive import services
from golive.exports import kind_export_response
from golive.forms import ImportForm
from golive.kinds import IMPORT_KINDS
from golive.models import ImportRun
from golive.templates_files import template_response
from secor.exports import export_format
from secor.paging import paged
from secor.roles import staff_required
from secor.viewutils import REFUSED, action_form, call_service, report_errors, submitted

RUNS_PAGE_SIZE = 20


@staff_required
def imports(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if submitted(request, form):
        data = form.cleaned_data
        run = call_service(form, services.import_run_check, kind=data["kind"], upload=data["file"], actor=request.user)
        if run is not REFUSED:
            return redirect("golive:run", pk=run.pk)
    runs = paged(ImportRun.objects.select_related("uploaded_by"), request.GET.get("page"), RUNS_PAGE_SIZE)
    kinds = [(kind, kind.resource.columns()) for kind in IMPORT_KINDS.values()]
    return render(request, "golive/imports.html", {"form": form, "kinds": kinds, "runs": runs})


@staff_required
def import_template(request, kind: str):
    if kind not in IMPORT_KINDS:
        raise Http404("No such kind of file.")
    return template_response(IMPORT_KINDS[kind], export_format(request, default="xlsx"))


@staff_required
def kind_export(request, kind: str):
    """SECOR's current data of a kind, in its import file's columns."""
    if kind not in IMPORT_KINDS:
        raise Http404("No such kind of file.")
    return kind_export_response(IMPORT_KINDS[kind], export_format(request, default="xlsx"))


@staff_required
def run(request, pk: int):
    found = get_object_or_404(ImportRun.objects.select_related("uploaded_by", "confirmed_by"), pk=pk)
    return render(
        request,
        "golive/run.html",
        {"run": found, "kind": IMPORT_KINDS.get(found.kind), "progress": services.progress_of(found)},
    )


@staff_required
@require_POST
def confirm(request, pk: int):
    found = get_object_or_404(ImportRun, pk=pk)
    form = action_form(request)
    if call_service(form, services.import_run_confirm, run=found, actor=request.user) is REFUSED:
        report_errors(request, form)
    else:
        messages.success(request, f"{found.filename} is being imported.")
    return redirect("golive:run", pk=found.pk)
