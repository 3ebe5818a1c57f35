"""The bench's clock. Its data is dated around BENCH_TODAY, as the nightly jobs left it that morning: measured
on a later real day, every letter that expired since would be a de-roll due, every deadline passed, and the
pages would show a province nobody's nightly job had kept. So the bench, and the server it measures, read that
day, the clock running on from the morning."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import time_machine

BENCH_TODAY = date(2026, 11, 27)
MORNING = time(9)


def pinned(time_zone: str) -> time_machine.travel:
    return time_machine.travel(datetime.combine(BENCH_TODAY, MORNING, ZoneInfo(time_zone)), tick=True)
