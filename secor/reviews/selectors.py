from datetime import date, datetime, time, timedelta

from django.db.models import (
    Count,
    DateField,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import TruncMonth
from django.utils import timezone

from secor.aggregates import Median
from secor.dates import Period
from secor.reviews.models import Review, ReviewVersion
from secor.reviews.rules import REVIEW_TARGET_DAYS, REVIEW_WARNING_DAYS


def versions_prefetch(lookup: str = "review__versions") -> Prefetch:
    """Every version of the reviews of a list, newest first, with their documents, people and section comments:
    two queries. For a review's history: a list's rows show only the latest version (last_return_comments)."""
    return Prefetch(
        lookup,
        queryset=ReviewVersion.objects.select_related("document", "submitted_by", "decided_by")
        .prefetch_related("section_comments")
        .order_by("-number"),
    )


def last_return_comments(review: str = "review") -> Subquery:
    """What the reviewer said when they last returned the row's review (what its latest version corrects), for a
    list to annotate its rows with: read from the (review, number) index, whatever the number of versions."""
    returned = ReviewVersion.objects.filter(review=OuterRef(review), outcome=ReviewVersion.Outcome.RETURNED)
    return Subquery(returned.order_by("-number").values("comments")[:1])


def sent_before(day: date) -> datetime:
    """The first moment of `day` in Regina: a version sent before it has waited more than the days since."""
    return timezone.make_aware(datetime.combine(day, time.min))


def waiting_for_review(items: QuerySet, *, kind: str, waited_more_than: int | None = None) -> QuerySet:
    """The `items` (rows with a `review` of `kind`: the manuals, the maintenance packages a user may decide)
    waiting for review, the longest waiting first; with `waited_more_than`, only those waiting more than that
    many days (the dashboard's overdue)."""
    # The kind too: the (state, kind) index then finds the items waiting among every review waiting.
    waiting = items.filter(review__state=Review.State.SUBMITTED, review__kind=kind)
    if waited_more_than is not None:
        started = sent_before(timezone.localdate() - timedelta(days=waited_more_than))
        waiting = waiting.filter(review__latest_submitted_at__lt=started)
    return waiting.select_related("review__reviewer", "review__latest_version").order_by(
        "review__latest_submitted_at", "pk"
    )


def decided_by_month(*, since: date, within_days: int) -> QuerySet:
    """Reviews decided from `since`, a row per month: `decided`, the `total` time from the version sent to the
    decision, and how many took at most `within_days` (`within`)."""
    took = ExpressionWrapper(F("decided_at") - F("latest_submitted_at"), output_field=DurationField())
    return (
        # From the first moment of `since` (not `decided_at__date`, which no index answers).
        Review.objects.filter(decided_at__gte=sent_before(since), latest_submitted_at__isnull=False)
        .annotate(took=took, month=TruncMonth("decided_at", output_field=DateField()))
        .values("month")
        .annotate(
            decided=Count("pk"),
            total=Sum("took"),
            within=Count("pk", filter=Q(took__lte=timedelta(days=within_days))),
        )
        .order_by("month")
    )


def turnaround_in(period: Period) -> QuerySet:
    """The program report: the reviews decided in the period, a row per `kind`: how many (`decided`), how many
    took at most 4 weeks and at most 6 (MAN-2's lines: `within_warning`, `within_target`) from the version sent
    to the decision, and the median time (`median`, a duration)."""
    took = ExpressionWrapper(F("decided_at") - F("latest_submitted_at"), output_field=DurationField())
    return (
        Review.objects.filter(latest_submitted_at__isnull=False, **period.moments("decided_at"))
        .annotate(took=took)
        .values("kind")
        .annotate(
            decided=Count("pk"),
            within_warning=Count("pk", filter=Q(took__lte=timedelta(days=REVIEW_WARNING_DAYS))),
            within_target=Count("pk", filter=Q(took__lte=timedelta(days=REVIEW_TARGET_DAYS))),
            median=Median("took"),
        )
        .order_by()
    )
