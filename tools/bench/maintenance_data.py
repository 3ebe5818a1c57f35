"""Anniversaries and maintenance packages at province scale for `make bench`, of the certificates
tools/bench/audit_data.py issues."""

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from audits.certificates.rules import CERTIFICATE_YEARS
from audits.maintenance.rules import anniversaries, maintenance_owed_by_after_sending, maintenance_owed_by_first
from audits.maintenance.selectors import package_slots
from audits.models import Anniversary, Certificate, MaintenancePackage
from companies.models import Employee
from secor.core.models import User
from secor.documents.models import Document
from secor.reviews.models import Review, ReviewVersion, VersionFile
from tools.bench.data import BATCH, BENCH_TODAY, uploaded_pdf


@transaction.atomic
def load_maintenance(stdout) -> None:
    """Each certificate's anniversaries (kept rows, as issuing keeps them) and the maintenance packages due by
    them (MNT-1): nine in ten of the anniversaries passed have an accepted package, and four in ten of those in
    the next 90 days one in review; each package's internal audit by the company's first person."""
    rng = random.Random(2029)
    now = timezone.now()
    Anniversary.objects.bulk_create(
        [
            Anniversary(
                certificate_id=pk,
                company_id=company_id,
                number=number,
                on=on,
                owed_by=maintenance_owed_by_first(number=number, anniversary_on=on),
            )
            for pk, company_id, issued_on in Certificate.objects.values_list("pk", "company_id", "issued_on")
            for number, on in enumerate(anniversaries(issued_on), start=1)
        ],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    due = Anniversary.objects.filter(number__lt=CERTIFICATE_YEARS, on__lte=BENCH_TODAY + timedelta(90))
    chosen = [
        (anniversary, Review.State.ACCEPTED if anniversary.on < BENCH_TODAY else Review.State.SUBMITTED)
        for anniversary in due.order_by("pk")
        if rng.random() < (0.9 if anniversary.on < BENCH_TODAY else 0.4)
    ]
    stdout.write(f"Maintenance packages ({len(chosen):,})…")
    first_person = dict(Employee.objects.order_by("company_id", "-pk").values_list("company_id", "pk"))
    owner_id = User.objects.filter(role=User.Role.EMPLOYER).values_list("pk", flat=True).first()
    auditors = list(User.objects.filter(role=User.Role.AUDITOR, email__startswith="reviewer"))
    for start in range(0, len(chosen), BATCH):
        chunk = [(a, state) for a, state in chosen[start : start + BATCH] if a.company_id in first_person]
        sent = [anniversary.on - timedelta(days=rng.randint(10, 80)) for anniversary, _ in chunk]
        reviews = Review.objects.bulk_create(
            [
                Review(
                    company_id=anniversary.company_id,
                    kind=MaintenancePackage.REVIEW_KIND,
                    state=state,
                    first_submitted_on=on,
                    accepted_on=on + timedelta(days=20) if state == Review.State.ACCEPTED else None,
                    decided_at=now if state == Review.State.ACCEPTED else None,
                )
                for (anniversary, state), on in zip(chunk, sent, strict=True)
            ]
        )
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
            ]
        )
        versions = ReviewVersion.objects.bulk_create(
            [
                ReviewVersion(
                    review=review,
                    number=1,
                    document=document,
                    data={"internal_auditor": "Bench Auditor", "internal_audit_on": on.isoformat()},
                    submitted_by_id=owner_id,
                    submitted_at=timezone.make_aware(datetime.combine(on, time(9))),
                    outcome="accepted" if review.state == Review.State.ACCEPTED else "",
                )
                for review, document, on in zip(reviews, documents, sent, strict=True)
            ]
        )
        for review, version in zip(reviews, versions, strict=True):
            review.latest_version = version
            review.reviewer = rng.choice(auditors) if review.state == Review.State.SUBMITTED else None
        Review.objects.bulk_update(reviews, ["latest_version", "reviewer"])
        MaintenancePackage.objects.bulk_create(
            [
                MaintenancePackage(
                    anniversary=anniversary,
                    company_id=anniversary.company_id,
                    review=review,
                    internal_auditor_id=first_person[anniversary.company_id],
                    internal_audit_on=on,
                )
                for (anniversary, _), review, on in zip(chunk, reviews, sent, strict=True)
            ]
        )
        # As sending and accepting one do, the anniversary keeps what its package is owed by (nothing: each is
        # sent before the anniversary) and the day it was accepted.
        for (anniversary, _), review, on in zip(chunk, reviews, sent, strict=True):
            anniversary.maintained_on = review.accepted_on
            anniversary.owed_by = maintenance_owed_by_after_sending(owed_by=anniversary.owed_by, sent_on=on)
        Anniversary.objects.bulk_update([anniversary for anniversary, _ in chunk], ["maintained_on", "owed_by"])
        VersionFile.objects.bulk_create(
            [
                VersionFile(version=version, part=part, position=position, document=version.document)
                for version in versions
                for part, position in package_slots()
            ]
        )
