"""A horizontal bar chart of percent complete, laid out here and drawn as SVG by a template.

Drawn by the server: no script, no CDN, and it prints. Horizontal bars keep long Vietnamese
unit names readable on a narrow phone, where the SVG scales to the screen width. The table
under the chart holds the same numbers and is what screen readers are pointed to.
"""
from __future__ import annotations

from dataclasses import dataclass

from .completion import CompletionRow

#: In SVG units; the picture scales to the screen, about one unit per pixel on a phone.
WIDTH = 360
#: Text is 17 units (reports.css): on a 360 px phone the chart is about 300 px wide, and 17
#: units are then 14 px, the least a phone's reader should get.
TEXT = 17
ROW = 50  # a label line, then the bar
BAR_HEIGHT = 16
TOP = 4
VALUE_ROOM = 56  # right of the longest bar, for "100%"


@dataclass(frozen=True)
class Bar:
    label: str
    percent: float | None
    label_y: int
    y: int
    width: float  # in SVG units; 0 when nothing is assigned
    text_x: float
    text_y: int
    level: str  # "low", "mid", "high" or "none": a colour class, never the only carrier of meaning


@dataclass(frozen=True)
class BarChart:
    bars: tuple[Bar, ...]
    width: int
    height: int
    plot_width: int
    #: Gridlines at 0, 25, 50, 75 and 100 percent: (x, label).
    ticks: tuple[tuple[float, str], ...]
    axis_y: int


def completion_chart(rows: list[CompletionRow], label=None) -> BarChart | None:
    """One bar per row, in the table's order; None when there is nothing to draw.

    ``label(row)`` names a bar (default: the row's name), so it can match the table's wording.
    """
    if not rows:
        return None
    plot_width = WIDTH - VALUE_ROOM
    bars = []
    for index, row in enumerate(rows):
        top = TOP + index * ROW
        percent = row.percent
        width = 0.0 if percent is None else round(plot_width * percent / 100.0, 1)
        bars.append(Bar(
            label=_shorten(label(row) if label else row.name or row.code or ""), percent=percent, label_y=top + TEXT,
            y=top + TEXT + 8, width=width, text_x=round(width + 4, 1), text_y=top + TEXT + 8 + BAR_HEIGHT - 2,
            level="none" if percent is None else "low" if percent < 40 else "mid" if percent < 75 else "high",
        ))
    axis_y = TOP + len(rows) * ROW + 4
    ticks = tuple((round(plot_width * p / 100.0, 1), f"{p}%") for p in (0, 25, 50, 75, 100))
    return BarChart(tuple(bars), WIDTH, axis_y + TEXT + 6, plot_width, ticks, axis_y)


def _shorten(label: str, limit: int = 38) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"
