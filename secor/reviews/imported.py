"""Reviews SCSA decided before SECOR kept them, brought in at go-live (issue 26): up to half a million at once (a
training record's each), so written a batch at a time in a few statements, rather than by review_open and
review_accept each (a dozen statements a review). They leave the rows those leave: the review accepted, its version
1 accepted, the pointer to it, a line of history."""

import json

from django.db import connection
from django.utils import timezone

from secor import hooks
from secor.bulk_writes import columns, history_written, placeholders, table, values
from secor.reviews.kinds import KINDS
from secor.reviews.models import Review, ReviewVersion


def reviews_accepted_before_secor(*, kind: str, actor, comments: str, submissions: list[tuple]) -> list[int]:
    """Each `(company_id, data, day)` submitted and accepted on `day` (as SCSA's records say) by `actor`: the new
    reviews' ids, in the order of `submissions`."""
    KINDS.check(kind)
    if not submissions:
        return []
    now, accepted = timezone.now(), Review.State.ACCEPTED
    review, version = columns(Review), columns(ReviewVersion)
    # RETURNING gives the rows in the order of the VALUES list, as Django's own bulk_create relies on.
    with connection.cursor() as cursor:
        names = ("company", "kind", "state", "first_submitted_on", "accepted_on", "decided_by", "decided_at")
        rows, parameters = values(
            [[company, kind, accepted, day, day, actor.pk, now] for company, _, day in submissions]
        )
        cursor.execute(
            f"INSERT INTO {table(Review)} ({', '.join(review[name] for name in names)}) VALUES {rows} "
            f"RETURNING {review['id']}",
            parameters,
        )
        ids = [row[0] for row in cursor.fetchall()]
        names = ("review", "number", "data", "submitted_by", "submitted_at", "outcome", "decided_by", "decided_at")
        names += ("comments",)
        outcome = ReviewVersion.Outcome.ACCEPTED
        rows, parameters = values(
            [
                [review_id, 1, json.dumps(data), actor.pk, now, outcome, actor.pk, now, comments]
                for review_id, (_, data, _) in zip(ids, submissions, strict=True)
            ]
        )
        cursor.execute(
            f"INSERT INTO {table(ReviewVersion)} ({', '.join(version[name] for name in names)}) VALUES {rows}",
            parameters,
        )
        # The pointer to the version is bookkeeping, as review_open keeps it: no line of history of its own.
        cursor.execute(
            f"UPDATE {table(Review)} SET {review['latest_version']} = (SELECT {version['id']} FROM "
            f"{table(ReviewVersion)} WHERE {version['review']} = {table(Review)}.{review['id']}), "
            f"{review['latest_submitted_at']} = %s WHERE {review['id']} IN ({placeholders(len(ids))})",
            [now, *ids],
        )
    history_written(Review, ids, user=actor)
    # As review_open and review_accept say it.
    hooks.changed(hooks.Topic.REVIEWS, company_ids={company for company, _, _ in submissions})
    return ids
