"""Reads of the program documents: the current version of each kind, the versions for staff, and the kinds
each step of the employer's journey offers."""

from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404

from audits.program_documents.models import ProgramDocument

Kind = ProgramDocument.Kind

# What each step of the employer's journey offers, in the order shown: the manual and the maintenance package
# are written from the samples; the audit request sends back the two forms, checked against the checklist.
MANUAL_STEP = (Kind.SAMPLE_SAFE_WORK_PRACTICES, Kind.SAMPLE_SAFE_JOB_PROCEDURES)
AUDIT_REQUEST_STEP = (Kind.SITE_ASSESSMENT, Kind.COMPLIANCE_DECLARATION, Kind.SUBMISSION_CHECKLIST)
MAINTENANCE_STEP = MANUAL_STEP


def _newest():
    return ProgramDocument.objects.filter(kind=OuterRef("kind")).order_by("-version").values("version")[:1]


def current_program_documents(kinds) -> list[ProgramDocument]:
    """The current version of each of `kinds` that has one, in the order of `kinds`, in one query: a kind
    never uploaded is left out (offered nowhere, so no link leads nowhere)."""
    current = {
        document.kind: document
        for document in ProgramDocument.objects.filter(kind__in=kinds, version=Subquery(_newest())).select_related(
            "document"
        )
    }
    return [current[kind] for kind in kinds if kind in current]


def program_document_current(*, kind: str) -> ProgramDocument:
    """The current version of a kind; a kind unknown or never uploaded answers 404."""
    current = ProgramDocument.objects.filter(kind=kind).select_related("document").order_by("-version").first()
    if current is None:
        raise Http404
    return current


def program_document_get(*, pk: int) -> ProgramDocument:
    return get_object_or_404(ProgramDocument.objects.select_related("document"), pk=pk)


def program_documents_by_kind() -> list[tuple[str, list[ProgramDocument]]]:
    """Every kind with its versions, the current first (none yet: an empty list), for the staff page."""
    versions: dict[str, list[ProgramDocument]] = {kind: [] for kind in Kind}
    for document in ProgramDocument.objects.select_related("document", "uploaded_by").order_by("kind", "-version"):
        versions[document.kind].append(document)
    return [(Kind(kind), rows) for kind, rows in versions.items()]
