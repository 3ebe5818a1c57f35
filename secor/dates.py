"""Dates as SECOR writes them in messages and letters, and the bounds of a date a person types."""

from datetime import date, time

# A date typed before this is a typo (1900, 0025…): nobody on a SECOR roster or chart started or trained earlier.
EARLIEST_PLAUSIBLE_DATE = date(1950, 1, 1)


def long_date(day: date) -> str:
    """'March 1, 2026' (strftime's %-d is not portable, so the day is formatted here)."""
    return f"{day:%B} {day.day}, {day.year}"


def long_time(moment: time) -> str:
    """'9:00 a.m.', '1:30 p.m.': a time of day as Canadians write it."""
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d} {'a.m.' if moment.hour < 12 else 'p.m.'}"


def too_early_problem(day: date | None) -> str | None:
    if day is not None and day < EARLIEST_PLAUSIBLE_DATE:
        return f"Check the year: a date before {long_date(EARLIEST_PLAUSIBLE_DATE)} cannot be right."
    return None


def outside_dates_problem(day: date, *, earliest: date | None = None, latest: date | None = None) -> str | None:
    """What to do about a date typed outside the days it may be: which to choose instead. A date error says
    what to do, never only what is wrong."""
    if (earliest is None or day >= earliest) and (latest is None or day <= latest):
        return None
    if earliest is not None and latest is not None:
        if earliest == latest:
            return f"Choose {long_date(earliest)}: it is the only day this can be."
        return f"Choose a date between {long_date(earliest)} and {long_date(latest)}."
    if latest is not None:
        return f"Choose {long_date(latest)} or an earlier date."
    return f"Choose {long_date(earliest)} or a later date."
