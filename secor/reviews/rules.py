"""The review targets SCSA holds itself to (MAN-2: a review within 4 to 6 weeks). Pure: no database."""

REVIEW_WARNING_DAYS = 28  # 4 weeks: a review still waiting is a warning
REVIEW_TARGET_DAYS = 42  # 6 weeks: the target, overdue after it
