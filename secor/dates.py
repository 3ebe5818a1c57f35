"""Dates as SECOR writes them in messages and letters."""

from datetime import date


def long_date(day: date) -> str:
    """'March 1, 2026' (strftime's %-d is not portable, so the day is formatted here)."""
    return f"{day:%B} {day.day}, {day.year}"
