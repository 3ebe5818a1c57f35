"""The program documents: staff's one place to upload and replace them, and their downloads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from audits.program_documents import selectors, services
from audits.program_documents.forms import ProgramDocumentForm
from secor.documents.responses import document_response
from secor.roles import staff_required
from secor.viewutils import REFUSED, call_service, submitted


@staff_required
def program_documents(request):
    """Each kind with its current version and the earlier ones; a form uploads the next version of one."""
    form = ProgramDocumentForm(request.POST or None, request.FILES or None)
    if submitted(request, form) and (
        (
            uploaded := call_service(
                form,
                services.program_document_upload,
                kind=form.cleaned_data["program_document"],
                upload=form.cleaned_data["file"],
                note=form.cleaned_data["note"],
                actor=request.user,
            )
        )
        is not REFUSED
    ):
        messages.success(request, f"{uploaded} is now the one every company is offered.")
        return redirect("audits:program_documents")
    context = {"form": form, "kinds": selectors.program_documents_by_kind()}
    return render(request, "audits/program_documents.html", context)


@login_required
def program_document(request, kind: str):
    """The current version of a kind, for everyone signed in: the documents are the program's, not a company's."""
    return document_response(selectors.program_document_current(kind=kind).document)


@staff_required
def program_document_version(request, pk: int):
    """Any version, current or earlier, for staff."""
    return document_response(selectors.program_document_get(pk=pk).document)
