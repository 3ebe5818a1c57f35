"""What the staff pages' kept figures (the dashboard's groups, the navigation's waiting counts) are read from:
the topics whose writes make them stale (secor.freshness.kept_until_changed), and the statuses of today."""

import hashlib
from datetime import date

from secor import hooks

Topic = hooks.Topic
# The kept headcounts (ELIG-1) and the kept training summaries and deadlines (TRN-9) follow these topics
# (companies/apps.py, training/apps.py); a figure that reads them follows them too.
HEADCOUNTS = (Topic.ROSTER, Topic.COMPANY_STATUS, Topic.PROGRAM_SETTINGS)
SUMMARIES = (Topic.TRAINING, Topic.ROSTER, Topic.COMPANY_STATUS, Topic.CATALOGUE, Topic.PROGRAM_SETTINGS)
# The reviews waiting, and the manuals and packages they review. The queues count reviews alone, and every change
# to a review says REVIEWS (secor.reviews.services; a review is never deleted): a course record written, corrected
# or verified changes them by its review, and a change to training alone (a person designated, a deadline
# extended, TRAINING without REVIEWS) leaves them as they were.
REVIEW_QUEUES = (Topic.REVIEWS, Topic.AUDITS)


def statuses_key(today: date) -> str:
    """The de-rolls due today and not recorded yet (MIL-3), as part of a kept figure's key: every read of a
    company's status shows them, and they follow writes to most topics (the letters, the training, the manual,
    the audits), so a figure that reads statuses is kept for the de-rolls due as well as for its own topics."""
    due = sorted(hooks.derolls_due(today=today).items())
    return hashlib.blake2b(repr(due).encode(), digest_size=8).hexdigest()
