"""Staff replace a program document by uploading its next version; the earlier ones are kept."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max

from audits.program_documents.models import ProgramDocument
from secor import hooks
from secor.core.models import User
from secor.documents.services import document_upload


@transaction.atomic
def program_document_upload(*, kind: str, upload, note: str, actor: User) -> ProgramDocument:
    """The next version of `kind` (a file checked by DocumentField), current from now on for every company."""
    if not actor.is_program_staff:
        raise ValidationError("Only SCSA staff replace the program documents.")
    if kind not in ProgramDocument.Kind.values:
        raise ValidationError({"program_document": "Choose which program document this file is."})
    label = ProgramDocument.Kind(kind).label
    version = (ProgramDocument.objects.filter(kind=kind).aggregate(last=Max("version"))["last"] or 0) + 1
    document = document_upload(company=None, kind=kind, name=f"{kind}-v{version}", upload=upload, actor=actor)
    try:
        with transaction.atomic():
            program_document = ProgramDocument.objects.create(
                kind=kind, version=version, document=document, note=note.strip(), uploaded_by=actor
            )
    except IntegrityError as clash:
        # Two staff uploading the same kind at once: the second is told, rather than numbered the same.
        raise ValidationError(
            f"Another version of the {label} was uploaded at the same moment: look at the list and upload again "
            "if yours is still needed."
        ) from clash
    hooks.changed(hooks.Topic.AUDITS)
    return program_document
