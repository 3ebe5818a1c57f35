"""The migration that keeps each review's latest submission time copies it from the review's latest version."""

from datetime import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from secor.reviews.models import Review
from tests.clock import REGINA
from tests.factories import ReviewFactory, review_sent_at

# Migrating a schema needs its own transactions: the test's rows are flushed after it (the seeds put back).
pytestmark = pytest.mark.django_db(transaction=True)

SENT = datetime(2026, 9, 14, 10, 15, tzinfo=REGINA)


def _migrate(target):
    MigrationExecutor(connection).migrate([("reviews", target)])


def test_man_2_each_review_keeps_its_latest_versions_time_from_the_migration_on(company):
    review = ReviewFactory(company=company)
    review_sent_at(review, SENT)
    _migrate("0002_review_block")
    _migrate("0003_review_latest_submitted_at")
    assert Review.objects.get(pk=review.pk).latest_submitted_at == SENT
