"""The review targets SCSA holds itself to (MAN-2: a review within 4 to 6 weeks). Pure: no database."""

from dataclasses import dataclass
from datetime import date

from secor.dates import Reckoning

REVIEW_WARNING_DAYS = 28  # 4 weeks: a review still waiting is a warning
REVIEW_TARGET_DAYS = 42  # 6 weeks: the target, overdue after it


@dataclass(frozen=True)
class ReviewAge:
    days: int
    target: Reckoning  # the last day of the 6-week target, with its arithmetic

    @property
    def target_on(self) -> date:
        return self.target.on

    @property
    def state(self) -> str:
        """MAN-2: "overdue" after 6 weeks, "warning" after 4, else "on time"."""
        if self.days > REVIEW_TARGET_DAYS:
            return "overdue"
        return "warning" if self.days > REVIEW_WARNING_DAYS else "on time"


def review_age(*, submitted_on: date, today: date) -> ReviewAge:
    return ReviewAge((today - submitted_on).days, review_target_reckoning(submitted_on))


def review_target_reckoning(submitted_on: date, *, what: str = "sent for review") -> Reckoning:
    """MAN-2: the last day a review started on `submitted_on` meets the 6-week target: when its answer is expected."""
    return Reckoning(
        submitted_on, what, "MAN-2", REVIEW_TARGET_DAYS // 7, "weeks", "SCSA's 6-week target for the review"
    )


def review_target_date(submitted_on: date) -> date:
    """The last day a review started on `submitted_on` meets the 6-week target (weeks are whole days)."""
    return review_target_reckoning(submitted_on).on
