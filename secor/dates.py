"""Dates as SECOR writes them in messages and letters, the bounds of a date a person types, and a report's period."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from django.utils import timezone

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


UNITS = {"days": ("day", "days"), "weeks": ("week", "weeks"), "months": ("month", "months"), "years": ("year", "years")}


@dataclass(frozen=True)
class Reckoning:
    """A date a rule computes, kept with what it is computed from (a start, an offset, the rule), so that a page
    can show its arithmetic in plain words. The rule's date *is* `on`: the words are never written apart from it.

    "January 1, 2027 = Safety Auditor Training on May 1, 2026 + 8 months, accepted by SCSA"."""

    start: date
    start_what: str  # what happened (or is due) on `start`: "Safety Auditor Training"
    rule: str  # shown to SCSA's people only (secor.rule_ids)
    amount: int = 0  # the offset, in `unit`s; negative counts back ("90 days before")
    unit: str = "days"
    condition: str = ""  # what the date is the last day for: "accepted by SCSA"
    source: "Reckoning | None" = None  # how `start` itself was reckoned, when a rule computed it too

    @property
    def on(self) -> date:
        return self.start + relativedelta(**{self.unit: self.amount})

    @property
    def offset_words(self) -> str:
        if not self.amount:
            return ""
        one, many = UNITS[self.unit]
        sign = "+" if self.amount > 0 else "\N{MINUS SIGN}"
        return f" {sign} {abs(self.amount)} {one if abs(self.amount) == 1 else many}"

    @property
    def words(self) -> str:
        text = f"{long_date(self.on)} = {self.start_what} on {long_date(self.start)}{self.offset_words}"
        if not self.amount:
            text = f"{long_date(self.on)}: {self.start_what}"
        return f"{text}, {self.condition}" if self.condition else text

    @property
    def lines(self) -> list["Reckoning"]:
        """This reckoning and those of its start, the outermost first."""
        return [self, *(self.source.lines if self.source else [])]


@dataclass(frozen=True)
class Period:
    """The days `first` through `last`, both counted (a report's period), and the moments they span in Regina."""

    first: date
    last: date

    @property
    def starts_at(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.first, time.min))

    @property
    def ends_before(self) -> datetime:
        """The first moment after the period: a moment is in it when starts_at <= moment < ends_before."""
        return timezone.make_aware(datetime.combine(self.last + timedelta(days=1), time.min))

    def days(self, field: str) -> dict:
        """A filter for the rows whose date `field` falls in the period."""
        return {f"{field}__gte": self.first, f"{field}__lte": self.last}

    def moments(self, field: str) -> dict:
        """A filter for the rows whose moment `field` falls in the period."""
        return {f"{field}__gte": self.starts_at, f"{field}__lt": self.ends_before}
