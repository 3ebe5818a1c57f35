"""The steps of a review. Callers have checked who may take them (companies.access); these check the state,
under the row lock, and keep every version."""

from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from secor import hooks
from secor.reviews.inputs import SectionVerdict
from secor.reviews.kinds import KINDS
from secor.reviews.models import Review, ReviewVersion, SectionComment, VersionFile


def _locked(review: Review) -> Review:
    return Review.objects.select_for_update(of=("self",)).select_related("latest_version").get(pk=review.pk)


def _add_version(review: Review, *, actor, document, data: dict | None, number: int) -> ReviewVersion:
    version = ReviewVersion.objects.create(
        review=review, number=number, document=document, data=data or {}, submitted_by=actor
    )
    review.latest_version, review.latest_submitted_at = version, version.submitted_at
    return version


@transaction.atomic
def review_open(*, company, kind: str, actor, document=None, data: dict | None = None) -> Review:
    """A first submission: a review waiting for SCSA, with its version 1."""
    KINDS.check(kind)
    review = Review.objects.create(company=company, kind=kind, first_submitted_on=timezone.localdate())
    _add_version(review, actor=actor, document=document, data=data, number=1)
    # The pointer to the version is bookkeeping, not a change of state: no second line in the history.
    Review.objects.filter(pk=review.pk).update(
        latest_version=review.latest_version, latest_submitted_at=review.latest_submitted_at
    )
    hooks.changed(hooks.Topic.REVIEWS, company_ids=[review.company_id])
    return review


@transaction.atomic
def review_resubmit(
    *, review: Review, actor, document=None, data: dict | None = None, from_states: Iterable[str] = ()
) -> Review:
    """A corrected new version. A returned review may always be corrected; `from_states` adds the states a
    caller also allows (a correction before the review, staff correcting an accepted one). An undecided
    previous version is kept, marked as replaced."""
    review = _locked(review)
    allowed = {Review.State.RETURNED, *from_states}
    if review.state not in allowed:
        raise ValidationError(f"This is {review.get_state_display().lower()}; it cannot be corrected now.")
    previous = review.latest_version
    if previous is not None and not previous.outcome:
        previous.outcome = ReviewVersion.Outcome.SUPERSEDED
        previous.save(update_fields=["outcome"])
    _add_version(review, actor=actor, document=document, data=data, number=(previous.number if previous else 0) + 1)
    review.state = Review.State.SUBMITTED
    review.decided_by = review.decided_at = review.accepted_on = None
    review.save()
    hooks.changed(hooks.Topic.REVIEWS, company_ids=[review.company_id])
    return review


def _decide(review: Review, *, actor, state: str, outcome: str, comments: str) -> Review:
    review = _locked(review)
    if review.state != Review.State.SUBMITTED:
        raise ValidationError(f"This is not waiting for review: it is {review.get_state_display().lower()}.")
    now = timezone.now()
    version = review.latest_version
    version.outcome, version.decided_by, version.decided_at, version.comments = outcome, actor, now, comments.strip()
    version.save()
    review.state, review.decided_by, review.decided_at = state, actor, now
    review.accepted_on = timezone.localdate() if state == Review.State.ACCEPTED else None
    review.save()
    return review


def _keep_sections(version: ReviewVersion, sections: list[SectionVerdict]) -> None:
    SectionComment.objects.bulk_create(
        SectionComment(version=version, section=s.section, verdict=s.verdict, comment=s.comment.strip())
        for s in sections
    )


@transaction.atomic
def review_accept(
    *, review: Review, actor, comments: str = "", sections: Iterable[SectionVerdict] = (), field: str = "comments"
) -> Review:
    """Accept the version; with `sections`, every one of them must be accepted (MAN-2)."""
    sections = list(sections)
    if corrections := [s.section for s in sections if s.verdict == SectionComment.Verdict.CORRECTIONS]:
        raise ValidationError(
            {field: f"Corrections are required in: {', '.join(corrections)}. Return it for corrections instead."}
        )
    review = _decide(
        review, actor=actor, state=Review.State.ACCEPTED, outcome=ReviewVersion.Outcome.ACCEPTED, comments=comments
    )
    _keep_sections(review.latest_version, sections)
    hooks.changed(hooks.Topic.REVIEWS, company_ids=[review.company_id])
    return review


@transaction.atomic
def review_return(
    *, review: Review, actor, comments: str, sections: Iterable[SectionVerdict] = (), field: str = "comments"
) -> Review:
    """Return for corrections: the company must be told what to correct, in general or section by section."""
    sections = list(sections)
    if not comments.strip() and not any(s.verdict == SectionComment.Verdict.CORRECTIONS for s in sections):
        raise ValidationError({field: "Say what needs correcting, so the company can correct it and send it again."})
    missing = [s.section for s in sections if s.verdict == SectionComment.Verdict.CORRECTIONS and not s.comment.strip()]
    if missing:
        raise ValidationError({field: f"Say what to correct in: {', '.join(missing)}."})
    review = _decide(
        review, actor=actor, state=Review.State.RETURNED, outcome=ReviewVersion.Outcome.RETURNED, comments=comments
    )
    _keep_sections(review.latest_version, sections)
    hooks.changed(hooks.Topic.REVIEWS, company_ids=[review.company_id])
    return review


def version_files_carry_over(
    *, files: Iterable[VersionFile], version: ReviewVersion, replaced: set, covers: Callable[[VersionFile], set]
) -> dict[VersionFile, set]:
    """A corrected version is whole: each of the previous version's `files` is listed again in `version`
    (`carried_over`), unless what it `covers` (the places or sections it stands for) was all `replaced` by the
    correction's new files. Returns each file carried over with what it still covers, for the caller to keep
    (the manual keeps its sections)."""
    carried = {}
    for kept in files:
        if still := covers(kept) - replaced:
            copy = VersionFile.objects.create(
                version=version, document=kept.document, part=kept.part, position=kept.position, carried_over=True
            )
            carried[copy] = still
    return carried


@transaction.atomic
def review_assign(*, review: Review, reviewer, actor, what: str) -> bool:
    """Staff give a review waiting for SCSA (a `what`: "manual", "package") to a program auditor or a staff
    member, who then decides it (as staff may). Returns whether the reviewer is to be told: not when staff take
    it themselves."""
    if not (reviewer.is_program_auditor or reviewer.is_program_staff):
        raise ValidationError({"reviewer": "Give the review to an active program auditor or SCSA staff member."})
    locked = _locked(review)
    if locked.state != Review.State.SUBMITTED:
        raise ValidationError(f"Only a {what} waiting for review can be given to a reviewer.")
    locked.reviewer, locked.assigned_at = reviewer, timezone.now()
    locked.save()
    hooks.changed(hooks.Topic.REVIEWS, company_ids=[review.company_id])
    review.reviewer, review.assigned_at = locked.reviewer, locked.assigned_at  # the caller's copy shows it too
    return reviewer != actor
