"""A group's months as a picture, laid out here and drawn as SVG by a template.

Drawn by the server, like the completion chart: no script, no CDN, and it prints. Two panels
share the months along the bottom: members at the end of each month, and interaction per
member. A dashed line marks the day each of the group's admins finished her training. The
table on the page holds every number and is what screen readers are pointed to.
"""
from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from .summary import GroupSummary

WIDTH = 360
LEFT = 44  # room for the axis labels
RIGHT = 12
PANEL = 110
GAP = 34  # between panels: the second panel's title
TOP = 20


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    value: float
    month: date


@dataclass(frozen=True)
class Panel:
    key: str  # "members" or "interaction": which title the template writes
    top: float
    bottom: float
    points: tuple[Point, ...]
    line: str  # the polyline's points; gaps in the months break nothing, blanks are skipped
    ticks: tuple[tuple[float, str], ...]


@dataclass(frozen=True)
class Marker:
    x: float
    name: str
    day: date


@dataclass(frozen=True)
class GroupChart:
    width: int
    height: int
    left: int
    right: float
    panels: tuple[Panel, ...]
    markers: tuple[Marker, ...]
    months: tuple[tuple[float, str], ...]  # x and "MM/YY" under the axis
    axis_y: float


def _month_index(day: date, first: date) -> float:
    """Months since ``first`` as a number: the 16th of the third month is about 2.5."""
    days = calendar.monthrange(day.year, day.month)[1]
    return (day.year - first.year) * 12 + day.month - first.month + (day.day - 1) / days


def _month_label(first: date, months_later: int) -> str:
    """``MM/YY`` of the month ``months_later`` months after ``first``."""
    index = first.month - 1 + months_later
    return f"{index % 12 + 1:02d}/{(first.year + index // 12) % 100:02d}"


def _ticks(top: float, bottom: float, largest: float, whole: bool) -> tuple[tuple[float, str], ...]:
    steps = (0, 0.5, 1)
    return tuple((round(bottom - (bottom - top) * s, 1),
                  f"{largest * s:.0f}" if whole else f"{largest * s:.2f}") for s in steps)


def _panel(key: str, top: float, values: Sequence[tuple[date, float | None]], first: date, x_of, whole: bool) -> Panel:
    known = [(m, v) for m, v in values if v is not None]
    largest = max((v for _m, v in known), default=0) or 1
    bottom = top + PANEL
    points = tuple(Point(x_of(_month_index(m, first) + 0.5), round(bottom - (bottom - top) * v / largest, 1), v, m)
                   for m, v in known)
    return Panel(key, top, bottom, points, " ".join(f"{p.x},{p.y}" for p in points),
                 _ticks(top, bottom, largest, whole))


def group_chart(summary: GroupSummary) -> GroupChart | None:
    """The chart of ``summary``'s months; None when there is no month to draw."""
    if not summary.months:
        return None
    first, last = summary.months[0].month, summary.months[-1].month
    span = _month_index(last, first) + 1
    plot = WIDTH - LEFT - RIGHT

    def x_of(index: float) -> float:
        return round(LEFT + plot * index / span, 1)

    members = [(n.month, n.members) for n in summary.months]
    interaction = [(h.month, h.interaction) for h in summary.health]
    top_panel = _panel("members", TOP, members, first, x_of, whole=True)
    low_panel = _panel("interaction", TOP + PANEL + GAP, interaction, first, x_of, whole=False)
    markers = []
    for admin in summary.admins:
        if admin.finished_at is None:
            continue
        day = admin.finished_at.date() if isinstance(admin.finished_at, datetime) else admin.finished_at
        index = _month_index(day, first)
        if 0 <= index <= span:
            markers.append(Marker(x_of(index), admin.member.full_name, day))
    step = max(1, round(span / 6))
    months = tuple((x_of(i + 0.5), _month_label(first, i)) for i in range(0, int(span), step))
    axis_y = low_panel.bottom
    return GroupChart(WIDTH, int(axis_y + 22), LEFT, WIDTH - RIGHT, (top_panel, low_panel), tuple(markers),
                      months, axis_y)


@dataclass(frozen=True)
class Sparkline:
    width: int
    height: int
    line: str
    last: tuple[float, float]


def sparkline(summary: GroupSummary, width: int = 90, height: int = 24) -> Sparkline | None:
    """Members month by month as a tiny line beside the group's name; None with under two months."""
    values = [(n.month, n.members) for n in summary.months if n.members is not None]
    if len(values) < 2:
        return None
    first = values[0][0]
    span = max(_month_index(values[-1][0], first), 1)
    low, high = min(v for _m, v in values), max(v for _m, v in values)
    rise = (high - low) or 1
    points = [(round(2 + (width - 4) * _month_index(m, first) / span, 1),
               round(height - 2 - (height - 4) * (v - low) / rise, 1)) for m, v in values]
    return Sparkline(width, height, " ".join(f"{x},{y}" for x, y in points), points[-1])
