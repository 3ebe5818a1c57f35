from django.shortcuts import get_object_or_404

from secor.documents.models import Document


def document_get_for_company(*, company, pk: int) -> Document:
    """One of the company's documents; another company's answers 404 like a missing one."""
    return get_object_or_404(Document.objects.filter(company=company), pk=pk)
