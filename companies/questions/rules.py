"""How long a question has waited. Pure: no database."""

from datetime import date


def days_waiting(*, asked_on: date, today: date) -> int:
    """Whole days since the question was asked (0 on the day itself), as the review queues count their age."""
    return (today - asked_on).days
