"""Who decides a review given to a reviewer (the manual, a maintenance package)."""

from secor.reviews.models import Review


def may_decide(review: Review, user) -> bool:
    """Staff decide any review; a program auditor the ones given to them."""
    return user.is_program_staff or (user.is_program_auditor and review.reviewer_id == user.pk)
