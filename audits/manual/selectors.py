"""Reads of the companies' manuals (MAN-2): every version of a company's, the reviewers' queue, and the days
the milestones and the audit request read."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from audits.manual.access import MANUALS
from audits.manual.models import ManualSubmission
from audits.tool.models import AuditSection
from companies.access import Action
from companies.models import Company
from secor.reviews.models import Review, ReviewVersion, SectionComment, VersionFile
from secor.reviews.rules import REVIEW_TARGET_DAYS
from secor.reviews.selectors import sent_before, waiting_for_review


def _with_versions(manuals: QuerySet) -> QuerySet:
    """Every version of each manual, newest first, with its files and their sections and the section
    comments: a fixed number of queries, whatever the number of versions."""
    files = VersionFile.objects.select_related("document").prefetch_related(
        Prefetch("sections", queryset=AuditSection.objects.order_by("number"))
    )
    versions = (
        ReviewVersion.objects.select_related("submitted_by", "decided_by")
        .prefetch_related("section_comments", Prefetch("files", queryset=files))
        .order_by("-number")
    )
    return manuals.select_related("review__latest_version", "review__reviewer", "tool").prefetch_related(
        Prefetch("review__versions", queryset=versions)
    )


def manual_not_sendable(*, company, today: date) -> str | None:
    """MAN-2: why the company cannot send its manual yet (SCSA reviews a registered company's), or None. Said
    on the manual's pages before anyone fills the form, and by the service that refuses it."""
    status = company.status_on(today)
    if status.status == Company.Status.REGISTERED:
        return None
    return (
        f"{company} is “{status.label}”: SCSA reviews the manual of a registered company, so it can be sent once "
        "the company is registered."
    )


def manuals_of_company(*, company) -> list[ManualSubmission]:
    """The company's manual submissions, the latest first, with all their versions (MAN-2: all kept)."""
    return list(_with_versions(ManualSubmission.objects.filter(company=company)).order_by("-pk"))


def manual_get_for_company(*, company, pk: int) -> ManualSubmission:
    """One of the company's manuals; another company's answers 404 like a missing one."""
    return get_object_or_404(_with_versions(ManualSubmission.objects.filter(company=company)), pk=pk)


@dataclass(frozen=True)
class CarryOver:
    """MAN-2: what a review of a corrected manual starts from: the previous review (its version), its verdict and
    comment on each section by name, and the sections whose files the correction replaced."""

    reviewed: ReviewVersion | None
    verdicts: dict[str, SectionComment]
    changed: frozenset[str]


def review_carry_over(manual: ManualSubmission) -> CarryOver:
    """From the manual's prefetched versions (manual_get_for_company): nothing for a first review."""
    latest, *earlier = manual.review.versions.all()
    reviewed = next((version for version in earlier if version.section_comments.all()), None)
    if reviewed is None:
        return CarryOver(None, {}, frozenset())
    changed = {str(section) for file in latest.files.all() if not file.carried_over for section in file.sections.all()}
    return CarryOver(reviewed, {note.section: note for note in reviewed.section_comments.all()}, frozenset(changed))


def manual_queue(*, user, waited_more_than: int | None = None) -> QuerySet[ManualSubmission]:
    """Manuals waiting for review that `user` may decide, the longest waiting first (`waited_more_than`: the
    dashboard's overdue)."""
    return waiting_for_review(
        MANUALS.instances_user_can(user, Action.ACT).select_related("company"),
        kind=ManualSubmission.REVIEW_KIND,
        waited_more_than=waited_more_than,
    )


def manual_reviews_overdue(*, today: date) -> QuerySet[ManualSubmission]:
    """MAN-2: manuals whose version has waited more than the 6-week target (the notice to staff reads these)."""
    return ManualSubmission.objects.filter(
        review__state=Review.State.SUBMITTED,
        review__latest_submitted_at__lt=sent_before(today - timedelta(days=REVIEW_TARGET_DAYS)),
    )


def manual_approved_on(*, company_ids) -> dict[int, date]:
    """The day each company's manual was approved, for those approved (one query)."""
    rows = ManualSubmission.objects.filter(company_id__in=company_ids, review__state=Review.State.ACCEPTED)
    return dict(rows.order_by("review__accepted_on").values_list("company_id", "review__accepted_on"))


def manual_dates(*, company) -> tuple[date | None, date | None, str]:
    """(the day the company first sent a manual, the day one was approved, the latest one's review state),
    in one query (MIL-1, MIL-4)."""
    rows = list(
        ManualSubmission.objects.filter(company=company)
        .order_by("pk")
        .values_list("review__first_submitted_on", "review__state", "review__accepted_on")
    )
    approved = [accepted_on for _, state, accepted_on in rows if state == Review.State.ACCEPTED]
    return (rows[0][0] if rows else None, approved[-1] if approved else None, rows[-1][1] if rows else "")


def sections_to_correct(version: ReviewVersion) -> list[str]:
    """The sections the reviewer returned a version for (names, as the review kept them)."""
    return [
        note.section for note in version.section_comments.all() if note.verdict == SectionComment.Verdict.CORRECTIONS
    ]


def manuals_in_review() -> QuerySet[ManualSubmission]:
    """Every manual sent and waiting for its review, whoever reviews it."""
    return ManualSubmission.objects.filter(review__state=Review.State.SUBMITTED)
