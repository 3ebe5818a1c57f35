"""Charts drawn on the server as SVG, for the dashboard and the program report: columns side by side or a bar per
row, with the lines their bars are read against. No script and no style attribute (the Content Security Policy
allows neither); the table beside each chart holds the same figures for screen readers."""

from collections.abc import Callable
from dataclasses import dataclass

from secor.reviews.rules import REVIEW_TARGET_DAYS, REVIEW_WARNING_DAYS

# In user units that scale with the card.
CHART_WIDTH, COLUMNS_HEIGHT, COLUMN_WIDTH = 360, 120, 40
# Their colours are the SVG's own attributes, not the page's CSS: WeasyPrint draws an inline SVG in a PDF by its
# attributes alone. (The page's CSS, which outranks them, only lightens the bar pointed at.)
BAR_FILL, LATE_FILL = "#0b3d62", "#b02a37"


@dataclass(frozen=True)
class Line:
    """A line across a chart at a value: a target its bars are read against."""

    at: float
    stroke: str
    dashes: str = ""


# MAN-2's 4 and 6 weeks, across the charts of how long reviews took.
REVIEW_LINES = (Line(REVIEW_WARNING_DAYS, "#997404"), Line(REVIEW_TARGET_DAYS, LATE_FILL, "4 3"))


@dataclass(frozen=True)
class Bar:
    label: str  # under a column, or above a bar
    value: float
    title: str  # shown on pointing at it
    url: str = ""  # the list it counts, opened by a click
    late: bool = False  # past the target: drawn in the danger colour

    @property
    def fill(self) -> str:
        return LATE_FILL if self.late else BAR_FILL


def _lines(lines: tuple[Line, ...], position: Callable[[float], float]) -> list[dict]:
    return [{"at": position(line.at), "stroke": line.stroke, "dashes": line.dashes} for line in lines]


def column_chart(bars: list[Bar], *, top: float, lines: tuple[Line, ...] = ()) -> dict:
    """Columns side by side, from 0 to `top`, with horizontal `lines`."""

    def y(value: float) -> float:
        return round(COLUMNS_HEIGHT - value / top * COLUMNS_HEIGHT, 1)

    return {
        "width": CHART_WIDTH,
        "height": COLUMNS_HEIGHT,
        "bar_width": COLUMN_WIDTH,
        "bars": [
            {
                "bar": bar,
                "x": 10 + index * (COLUMN_WIDTH + 18),
                "middle": 10 + index * (COLUMN_WIDTH + 18) + COLUMN_WIDTH // 2,
                "y": y(bar.value),
                "height": round(COLUMNS_HEIGHT - y(bar.value), 1),
            }
            for index, bar in enumerate(bars)
        ],
        "lines": _lines(lines, y),
    }


def row_chart(bars: list[Bar], *, top: float, lines: tuple[Line, ...] = ()) -> dict:
    """A bar per row, from 0 to `top` (its label above it), with vertical `lines`."""
    row, bar_height, longest = 30, 12, CHART_WIDTH - 40

    def length(value: float) -> float:
        return round(value / top * longest, 1) if top else 0

    return {
        "width": CHART_WIDTH,
        "height": max(row * len(bars), 1),
        "bars": [
            {
                "bar": bar,
                "text_y": index * row + 11,
                "y": index * row + 14,
                "height": bar_height,
                "width": length(bar.value),
                "count_x": length(bar.value) + 4,
                "count_y": index * row + 14 + bar_height - 2,
            }
            for index, bar in enumerate(bars)
        ],
        "lines": _lines(lines, length),
    }
