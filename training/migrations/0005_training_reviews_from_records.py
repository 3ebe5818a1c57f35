"""Put every course record and submission on the review workflow, its file in the documents block.

Each becomes a review with one version: the file as a document (with its size and checksum), what was
submitted, and SCSA's decision and comments as they stood.
"""

import hashlib
from pathlib import PurePosixPath

from django.db import migrations
from django.utils import timezone

CONTENT_TYPES = {"pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg"}
RECORD_STATES = {"pending": "submitted", "verified": "accepted", "rejected": "returned"}
OUTCOMES = {"accepted": "accepted", "returned": "returned"}


def _document(Document, company_id, kind, name, field_file, created_by_id, created_at):
    if not field_file:
        return None
    try:
        with field_file.open("rb") as handle:
            content = handle.read()
    except FileNotFoundError:
        content = b""  # the row stays, so its history is whole; its download answers "missing"
    extension = PurePosixPath(field_file.name).suffix.lstrip(".").lower()
    return Document.objects.create(
        company_id=company_id,
        kind=kind,
        name=name,
        file=field_file.name,
        extension=extension,
        content_type=CONTENT_TYPES.get(extension, "application/octet-stream"),
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest() if content else "",
        origin="uploaded",
        created_by_id=created_by_id,
        created_at=created_at,
    )


def _review(Review, ReviewVersion, *, company_id, kind, state, first_on, decided_by_id, decided_at, accepted_on,
            document, data, submitted_by_id, submitted_at, comments):
    review = Review.objects.create(
        company_id=company_id,
        kind=kind,
        state=state,
        first_submitted_on=first_on,
        decided_by_id=decided_by_id,
        decided_at=decided_at,
        accepted_on=accepted_on,
    )
    review.latest_version = ReviewVersion.objects.create(
        review=review,
        number=1,
        document=document,
        data=data,
        submitted_by_id=submitted_by_id,
        submitted_at=submitted_at,
        outcome=OUTCOMES.get(state, ""),
        decided_by_id=decided_by_id,
        decided_at=decided_at,
        comments=comments,
    )
    review.save(update_fields=["latest_version"])
    return review


def move(apps, schema_editor):
    Document = apps.get_model("documents", "Document")
    Review = apps.get_model("reviews", "Review")
    ReviewVersion = apps.get_model("reviews", "ReviewVersion")
    TrainingRecord = apps.get_model("training", "TrainingRecord")
    ProficiencySubmission = apps.get_model("training", "ProficiencySubmission")

    for submission in ProficiencySubmission.objects.order_by("pk"):
        submitted_at = timezone.make_aware(timezone.datetime.combine(submission.submitted_on, timezone.datetime.min.time()))
        document = _document(
            Document, submission.company_id, submission.kind.replace("_", "-"), f"{submission.kind}-{submission.pk}",
            submission.file, submission.submitted_by_id, submitted_at,
        )
        submission.review = _review(
            Review, ReviewVersion,
            company_id=submission.company_id, kind=submission.kind, state=submission.status,
            first_on=submission.submitted_on, decided_by_id=submission.reviewed_by_id,
            decided_at=submission.reviewed_at, accepted_on=submission.accepted_on, document=document, data={},
            submitted_by_id=submission.submitted_by_id, submitted_at=submitted_at,
            comments=submission.reviewer_comments,
        )
        submission.save(update_fields=["review"])

    for record in TrainingRecord.objects.order_by("pk"):
        state = RECORD_STATES[record.status]
        document = _document(
            Document, record.company_id, "certificate", f"certificate-{record.pk}", record.certificate_file,
            record.submitted_by_id, record.submitted_at,
        )
        record.review = _review(
            Review, ReviewVersion,
            company_id=record.company_id, kind="course_record", state=state,
            first_on=timezone.localdate(record.submitted_at), decided_by_id=record.reviewed_by_id,
            decided_at=record.reviewed_at,
            accepted_on=timezone.localdate(record.reviewed_at or record.submitted_at) if state == "accepted" else None,
            document=document,
            data={"completed_on": record.completed_on.isoformat(), "certificate_number": record.certificate_number},
            submitted_by_id=record.submitted_by_id, submitted_at=record.submitted_at, comments=record.rejection_reason,
        )
        record.save(update_fields=["review"])


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0004_training_reviews"),
        ("documents", "0001_initial"),
        ("reviews", "0001_initial"),
    ]

    operations = [migrations.RunPython(move, migrations.RunPython.noop)]
