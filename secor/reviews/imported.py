"""Reviews SCSA decided before SECOR kept them, brought in at go-live (issue 26): up to half a million at once (a
training record's each), so written a batch at a time in a few statements, rather than by review_open and
review_accept each (a dozen statements a review). They leave the rows those leave: the review accepted, its version
1 accepted, the pointer to it, a line of history."""

import json

from django.db import connection
from django.utils import timezone

from secor import hooks
from secor.bulk_writes import columns, history_written, table
from secor.reviews.kinds import KINDS
from secor.reviews.models import Review, ReviewVersion


def reviews_accepted_before_secor(*, kind: str, actor, comments: str, submissions: list[tuple]) -> list[int]:
    """Each `(company_id, data, day)` submitted and accepted on `day` (as SCSA's records say) by `actor`: the new
    reviews' ids, in the order of `submissions`."""
    KINDS.check(kind)
    if not submissions:
        return []
    now, accepted = timezone.now(), Review.State.ACCEPTED
    companies, data, days = (list(column) for column in zip(*submissions, strict=True))
    documents = [json.dumps(one) for one in data]
    review, version = columns(Review), columns(ReviewVersion)
    # RETURNING gives the rows in the order of the unnested arrays, as Django's own bulk_create relies on.
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table(Review)} ({review['company']}, {review['kind']}, {review['state']}, "
            f"{review['first_submitted_on']}, {review['accepted_on']}, {review['decided_by']}, {review['decided_at']}) "
            "SELECT company, %s, %s, day, day, %s, %s FROM unnest(%s::bigint[], %s::date[]) AS line(company, day) "
            f"RETURNING {review['id']}",
            [kind, accepted, actor.pk, now, companies, days],
        )
        ids = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            f"INSERT INTO {table(ReviewVersion)} ({version['review']}, {version['number']}, {version['data']}, "
            f"{version['submitted_by']}, {version['submitted_at']}, {version['outcome']}, {version['decided_by']}, "
            f"{version['decided_at']}, {version['comments']}) "
            "SELECT review, 1, data::jsonb, %s, %s, %s, %s, %s, %s FROM unnest(%s::bigint[], %s::text[]) "
            f"AS line(review, data) RETURNING {version['id']}",
            [actor.pk, now, ReviewVersion.Outcome.ACCEPTED, actor.pk, now, comments, ids, documents],
        )
        versions = [row[0] for row in cursor.fetchall()]
        # The pointer to the version is bookkeeping, as review_open keeps it: no line of history of its own.
        cursor.execute(
            f"UPDATE {table(Review)} SET {review['latest_version']} = line.version, "
            f"{review['latest_submitted_at']} = %s FROM unnest(%s::bigint[], %s::bigint[]) AS line(review, version) "
            f"WHERE {table(Review)}.{review['id']} = line.review",
            [now, ids, versions],
        )
    history_written(Review, ids, user=actor)
    hooks.changed(hooks.Topic.REVIEWS, company_ids=set(companies))  # as review_open and review_accept say it
    return ids
