from datetime import date, datetime, time

from django.db.models import Prefetch
from django.utils import timezone

from secor.reviews.models import ReviewVersion


def versions_prefetch(lookup: str = "review__versions") -> Prefetch:
    """Every version of the reviews of a list, newest first, with their documents and people: one query."""
    return Prefetch(
        lookup,
        queryset=ReviewVersion.objects.select_related("document", "submitted_by", "decided_by")
        .prefetch_related("section_comments")
        .order_by("-number"),
    )


def sent_before(day: date) -> datetime:
    """The first moment of `day` in Regina: a version sent before it has waited more than the days since."""
    return timezone.make_aware(datetime.combine(day, time.min))
