"""What the bench's loaders make the same way wherever they load it: a manual or a maintenance package in SCSA's
review, with its review, its versions and its files, as sending one (and SCSA's decision) leaves them."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from audits.maintenance.rules import maintenance_owed_by_after_sending
from audits.maintenance.selectors import package_slots
from audits.models import Anniversary, AuditSection, MaintenancePackage, ManualSubmission
from secor.documents.models import Document
from secor.reviews.models import Review, ReviewVersion, VersionFile
from tools.bench.data import BATCH, uploaded_pdf

OUTCOMES = {Review.State.ACCEPTED: "accepted", Review.State.RETURNED: "returned"}


@dataclass(frozen=True)
class Sent:
    """One submission to make: whose, in which state, sent when, given to which reviewer (while it waits)."""

    company_id: int
    state: str
    sent_on: date
    reviewer_id: int | None = None


def sent_at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9)))


def _reviews(kind: str, sent: list[Sent], *, accepted_after: int, now: datetime) -> list[Review]:
    return Review.objects.bulk_create(
        [
            Review(
                company_id=item.company_id,
                kind=kind,
                state=item.state,
                first_submitted_on=item.sent_on,
                accepted_on=item.sent_on + timedelta(days=accepted_after)
                if item.state == Review.State.ACCEPTED
                else None,
                decided_at=None if item.state == Review.State.SUBMITTED else now,
                reviewer_id=item.reviewer_id,
            )
            for item in sent
        ],
        batch_size=BATCH,
    )


def first_versions(
    reviews: list[Review], documents: list[Document], *, owners: dict[int, int], data: list[dict] | None = None
) -> list[ReviewVersion]:
    """The first version of each review, sent by its company's owner on the review's first day with its document
    (and what `data` says of it), decided as the review is; each review's latest."""
    versions = ReviewVersion.objects.bulk_create(
        [
            ReviewVersion(
                review=review,
                number=1,
                document=document,
                data=data[index] if data else {},
                submitted_by_id=owners[review.company_id],
                submitted_at=sent_at(review.first_submitted_on),
                outcome=OUTCOMES.get(review.state, ""),
            )
            for index, (review, document) in enumerate(zip(reviews, documents, strict=True))
        ],
        batch_size=BATCH,
    )
    for review, version in zip(reviews, versions, strict=True):
        review.latest_version = version
    Review.objects.bulk_update(reviews, ["latest_version"], batch_size=BATCH)
    return versions


def manuals_make(
    sent: list[Sent], *, tool, sections: list[AuditSection], owners: dict[int, int], now: datetime
) -> None:
    """Manuals sent for review (MAN-2) by their company's owner (`owners`: company id -> user id), each version's
    file covering every section of the audit tool."""
    reviews = _reviews(ManualSubmission.REVIEW_KIND, sent, accepted_after=30, now=now)
    documents = Document.objects.bulk_create(
        [
            uploaded_pdf(
                company_id=item.company_id, kind="manual", name="manual-v1", file=f"manual-{review.pk}", size=2_000_000
            )
            for item, review in zip(sent, reviews, strict=True)
        ],
        batch_size=BATCH,
    )
    versions = first_versions(reviews, documents, owners=owners)
    ManualSubmission.objects.bulk_create(
        [ManualSubmission(company_id=review.company_id, review=review, tool=tool) for review in reviews],
        batch_size=BATCH,
    )
    files = VersionFile.objects.bulk_create(
        [VersionFile(version=version, document=version.document) for version in versions], batch_size=BATCH
    )
    AuditSection.files.through.objects.bulk_create(
        [
            AuditSection.files.through(versionfile_id=file.pk, auditsection_id=section.pk)
            for file in files
            for section in sections
        ],
        batch_size=BATCH,
    )


def packages_make(
    packages: list[tuple[Anniversary, Sent]],
    *,
    internal_auditors: dict[int, int],
    owners: dict[int, int],
    now: datetime,
) -> None:
    """Maintenance packages sent for their anniversaries (MNT-1) by their company's owner, each with its internal
    audit by the company's person in `internal_auditors`; the anniversary keeps what is owed after the sending,
    and the day an accepted one was accepted."""
    sent = [item for _, item in packages]
    reviews = _reviews(MaintenancePackage.REVIEW_KIND, sent, accepted_after=20, now=now)
    documents = Document.objects.bulk_create(
        [
            uploaded_pdf(
                company_id=review.company_id,
                kind="maintenance",
                name="maintenance-audit-tool-1-v1",
                file=f"maintenance-{review.pk}",
                size=400_000,
            )
            for review in reviews
        ],
        batch_size=BATCH,
    )
    audited = [{"internal_auditor": "Bench Auditor", "internal_audit_on": item.sent_on.isoformat()} for item in sent]
    versions = first_versions(reviews, documents, owners=owners, data=audited)
    MaintenancePackage.objects.bulk_create(
        [
            MaintenancePackage(
                anniversary=anniversary,
                company_id=anniversary.company_id,
                review=review,
                internal_auditor_id=internal_auditors[anniversary.company_id],
                internal_audit_on=item.sent_on,
            )
            for (anniversary, item), review in zip(packages, reviews, strict=True)
        ],
        batch_size=BATCH,
    )
    for (anniversary, item), review in zip(packages, reviews, strict=True):
        anniversary.maintained_on = review.accepted_on
        anniversary.owed_by = maintenance_owed_by_after_sending(owed_by=anniversary.owed_by, sent_on=item.sent_on)
    Anniversary.objects.bulk_update([anniversary for anniversary, _ in packages], ["maintained_on", "owed_by"])
    VersionFile.objects.bulk_create(
        [
            VersionFile(version=version, part=part, position=position, document=version.document)
            for version in versions
            for part, position in package_slots()
        ],
        batch_size=BATCH,
    )
