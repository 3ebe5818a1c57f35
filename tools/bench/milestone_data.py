"""Milestone letters at province scale for `make bench`, in proportion to the companies tools/bench/data.py loads."""

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from audits.models import AuditSection, ManualSubmission
from audits.tool.selectors import audit_tool_on, sections_of
from companies.models import AuditorAssignment, Company
from milestones import rules
from milestones.models import MilestoneLetter
from secor.core.models import User
from secor.documents.models import Document
from secor.reviews.models import Review, ReviewVersion, VersionFile
from tools.bench.data import BATCH, BENCH_TODAY, _days_ago, uploaded_pdf


@transaction.atomic
def load_milestones(stdout) -> None:
    """Milestone letters and manuals in proportion: each registered company's letters as its age gives them
    (under a year: #1 open; a year to 18 months: #1 met and #2 open; older: both met, their audits being the
    audits issue's), a manual for most companies past 6 months (in review, returned or approved) given to
    10 program auditors, and 20 letters that expired yesterday for the sweep to de-roll."""
    rng = random.Random(2027)
    now = timezone.now()
    registered = list(
        Company.objects.filter(status=Company.Status.REGISTERED).order_by("pk").values_list("pk", "registration_date")
    )
    auditors = User.objects.bulk_create(
        [User(email=f"reviewer{n}@bench.example", role=User.Role.AUDITOR, password="!") for n in range(10)]
    )
    stdout.write(f"Milestone letters ({len(registered):,} companies)…")
    letters, expiring_yesterday = [], set(rng.sample(range(len(registered)), 20))
    for index, (pk, registered_on) in enumerate(registered):
        first = rules.letter_expiry(registration_date=registered_on, months=12)
        second = rules.letter_expiry(registration_date=registered_on, months=18)
        if index in expiring_yesterday:
            letters.append(
                MilestoneLetter(
                    company_id=pk,
                    milestone=1,
                    issued_on=BENCH_TODAY - timedelta(days=365),
                    expires_on=BENCH_TODAY - timedelta(days=1),
                )
            )
            continue
        met = MilestoneLetter.Settled.MET
        if first >= BENCH_TODAY:
            letters.append(MilestoneLetter(company_id=pk, milestone=1, issued_on=registered_on, expires_on=first))
            continue
        letters.append(
            MilestoneLetter(
                company_id=pk,
                milestone=1,
                issued_on=registered_on,
                expires_on=first,
                settled=met,
                settled_on=first - timedelta(days=30),
                settled_at=now,
            )
        )
        done = second < BENCH_TODAY
        letters.append(
            MilestoneLetter(
                company_id=pk,
                milestone=2,
                issued_on=first - timedelta(days=30),
                expires_on=second,
                settled=met if done else MilestoneLetter.Settled.OPEN,
                settled_on=second if done else None,
                settled_at=now if done else None,
            )
        )
    MilestoneLetter.objects.bulk_create(letters, batch_size=BATCH)

    with_manual = [
        (pk, registered_on)
        for pk, registered_on in registered
        if (BENCH_TODAY - registered_on).days > 180 and rng.random() < 0.8
    ]
    stdout.write(f"Manuals ({len(with_manual):,}) and their files…")
    tool = audit_tool_on(BENCH_TODAY)
    sections = sections_of(tool)
    owner_id = User.objects.filter(role=User.Role.EMPLOYER).values_list("pk", flat=True).first()
    for start in range(0, len(with_manual), BATCH):
        chunk = with_manual[start : start + BATCH]
        states = [
            Review.State.ACCEPTED
            if (BENCH_TODAY - registered_on).days > 365
            else rng.choice([Review.State.SUBMITTED] * 2 + [Review.State.RETURNED] + [Review.State.ACCEPTED] * 2)
            for _, registered_on in chunk
        ]
        sent = [_days_ago(rng, 1, 60) for _ in chunk]
        reviews = Review.objects.bulk_create(
            [
                Review(
                    company_id=pk,
                    kind=ManualSubmission.REVIEW_KIND,
                    state=state,
                    first_submitted_on=on,
                    accepted_on=on + timedelta(days=30) if state == Review.State.ACCEPTED else None,
                    decided_at=None if state == Review.State.SUBMITTED else now,
                )
                for (pk, _), state, on in zip(chunk, states, sent, strict=True)
            ]
        )
        documents = Document.objects.bulk_create(
            [
                uploaded_pdf(company_id=pk, kind="manual", name="manual-v1", file=f"manual-{pk}", size=2_000_000)
                for pk, _ in chunk
            ]
        )
        versions = ReviewVersion.objects.bulk_create(
            [
                ReviewVersion(
                    review=review,
                    number=1,
                    document=document,
                    submitted_by_id=owner_id,
                    submitted_at=timezone.make_aware(datetime.combine(on, time(9))),
                    outcome={Review.State.ACCEPTED: "accepted", Review.State.RETURNED: "returned"}.get(state, ""),
                )
                for review, document, state, on in zip(reviews, documents, states, sent, strict=True)
            ]
        )
        for review, version in zip(reviews, versions, strict=True):
            review.latest_version = version
            review.reviewer = rng.choice(auditors) if review.state == Review.State.SUBMITTED else None
        Review.objects.bulk_update(reviews, ["latest_version", "reviewer"])
        ManualSubmission.objects.bulk_create(
            [ManualSubmission(company_id=review.company_id, review=review, tool=tool) for review in reviews]
        )
        files = VersionFile.objects.bulk_create(
            [VersionFile(version=version, document=version.document) for version in versions]
        )
        AuditSection.files.through.objects.bulk_create(
            [
                AuditSection.files.through(versionfile_id=file.pk, auditsection_id=section.pk)
                for file in files
                for section in sections
            ],
            batch_size=BATCH,
        )
    AuditorAssignment.objects.bulk_create(
        [
            AuditorAssignment(company_id=manual.company_id, auditor_id=manual.review.reviewer_id)
            for manual in ManualSubmission.objects.filter(review__reviewer__isnull=False).select_related("review")
        ],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
