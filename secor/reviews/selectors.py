from django.db.models import Prefetch

from secor.reviews.models import ReviewVersion


def versions_prefetch(lookup: str = "review__versions") -> Prefetch:
    """Every version of the reviews of a list, newest first, with their documents and people: one query."""
    return Prefetch(
        lookup,
        queryset=ReviewVersion.objects.select_related("document", "submitted_by", "decided_by")
        .prefetch_related("section_comments")
        .order_by("-number"),
    )
