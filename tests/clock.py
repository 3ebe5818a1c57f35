"""The suite's clock: "today" is the date in Saskatchewan (DOMAIN: dates; America/Regina, UTC-6 all year,
never UTC's date), so a test travels to a moment there."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import time_machine

REGINA = ZoneInfo("America/Regina")


def on(day: date, hour: int = 12, minute: int = 0, *, tick: bool = True):
    """Travel to `day` in Regina, at noon unless told: a context manager, or a test's decorator. With
    `tick=False` the clock stands still there."""
    return time_machine.travel(datetime.combine(day, time(hour, minute), tzinfo=REGINA), tick=tick)
