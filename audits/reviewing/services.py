"""Giving a review SCSA keeps for a reviewer (a manual, a maintenance package) to a program auditor or to staff."""

from collections.abc import Callable

from companies.services import auditor_assign
from secor.core.models import User
from secor.reviews.services import review_assign


def review_give(
    *,
    item,
    reviewer: User,
    actor: User,
    what: str,
    title: str,
    on_timeline: Callable[[str], None],
    tell: Callable[[], None],
) -> None:
    """Staff give the review of `item` (a manual, a maintenance package, locked by the caller's transaction) to a
    program auditor, who then sees the company and is told (`tell`), or take it themselves. `what` names the
    item in a refusal, `title` the review on the company's timeline (`on_timeline`). The caller says what changed."""
    told = review_assign(review=item.review, reviewer=reviewer, actor=actor, what=what)
    if reviewer.is_program_auditor:
        auditor_assign(company=item.company, auditor=reviewer, actor=actor)  # they see the company from now on
    on_timeline(f"{title} given to {reviewer.get_full_name() or reviewer.email}")
    if told:
        tell()
