"""Health of a Facebook group from the monthly numbers its admins copy from Group Insights.

Pure functions, no Flask and no database: the group page, the unit report, the exports and
the command line all call these, so a number is computed one way everywhere. The formulas
are written out in ``FORMULAS`` (shown on the pages) and in the README.

Facebook shows small groups fewer numbers, and admins leave blank what they are not shown,
so every measure is ``None`` when a number it needs is missing, and a band is given from
the measures that can be computed.
"""
from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum


class Band(str, Enum):
    """From worst to best; ``order`` sorts a list of groups weakest first."""

    NEEDS_HELP = "needs_help"
    WATCH = "watch"
    HEALTHY = "healthy"

    @property
    def order(self) -> int:
        return list(Band).index(self)


@dataclass(frozen=True)
class MonthNumbers:
    """One month of one group, as Group Insights names them; None where it shows nothing."""

    month: date  # the first day of the month
    members: int | None = None  # at the end of the month
    new_members: int | None = None
    left_members: int | None = None
    posts: int | None = None
    comments: int | None = None
    reactions: int | None = None
    active_members: int | None = None
    viewers: int | None = None
    pending_requests: int | None = None
    member_posts: int | None = None  # posts written by members, not by the admins


@dataclass(frozen=True)
class Thresholds:
    """Where the bands start, per measure: at or above ``healthy`` is healthy, below
    ``needs_help`` needs help, in between is watch. Defaults from the pilot (README)."""

    growth_healthy: float = 0.02
    growth_needs_help: float = 0.0
    interaction_healthy: float = 1.0
    interaction_needs_help: float = 0.3
    comments_per_post_healthy: float = 2.0
    comments_per_post_needs_help: float = 0.5
    member_share_healthy: float = 0.30
    member_share_needs_help: float = 0.10
    admin_posts_per_week_healthy: float = 3.0
    admin_posts_per_week_needs_help: float = 1.0
    #: A group whose latest numbers are older than this many months is flagged.
    months_without_numbers: int = 2


#: Each measure: its name, its formula in words, and how to read it.
FORMULAS: dict[str, str] = {
    "growth": "(members at the end of the month − members at the end of the month before) "
              "÷ members at the end of the month before",
    "interaction": "(posts + comments + reactions) ÷ members at the end of the month",
    "comments_per_post": "comments ÷ posts",
    "member_share": "posts written by members ÷ all posts",
    "admin_posts_per_week": "(posts − posts written by members) ÷ days in the month × 7",
}


@dataclass(frozen=True)
class MonthHealth:
    """The measures of one month and the band they give (None: nothing to judge by)."""

    month: date
    growth: float | None
    interaction: float | None
    comments_per_post: float | None
    member_share: float | None
    admin_posts_per_week: float | None
    band: Band | None
    bands: dict[str, Band] = field(default_factory=dict)  # per measure that could be computed


def _ratio(top: int | float | None, bottom: int | float | None) -> float | None:
    if top is None or bottom is None or bottom <= 0:
        return None
    return top / bottom


def growth(current: MonthNumbers, previous: MonthNumbers | None) -> float | None:
    """Month-on-month growth of members (0.05 is 5 %); None without both month ends."""
    if previous is None or not _consecutive(previous.month, current.month):
        return None
    if current.members is None or previous.members is None:
        return None
    return _ratio(current.members - previous.members, previous.members)


def interaction(n: MonthNumbers) -> float | None:
    """Posts, comments and reactions per member in the month."""
    if n.posts is None or n.comments is None or n.reactions is None:
        return None
    return _ratio(n.posts + n.comments + n.reactions, n.members)


def comments_per_post(n: MonthNumbers) -> float | None:
    return _ratio(n.comments, n.posts)


def member_share(n: MonthNumbers) -> float | None:
    """Share of the month's posts that members, not admins, wrote (0 to 1)."""
    if n.member_posts is None or n.posts is None or n.member_posts > n.posts:
        return None
    return _ratio(n.member_posts, n.posts)


def admin_posts_per_week(n: MonthNumbers) -> float | None:
    """How often the admins post: their posts per week over the month."""
    if n.posts is None or n.member_posts is None or n.member_posts > n.posts:
        return None
    days = calendar.monthrange(n.month.year, n.month.month)[1]
    return (n.posts - n.member_posts) / days * 7


def _band(value: float | None, healthy: float, needs_help: float) -> Band | None:
    if value is None:
        return None
    if value >= healthy:
        return Band.HEALTHY
    if value < needs_help:
        return Band.NEEDS_HELP
    return Band.WATCH


def month_health(current: MonthNumbers, previous: MonthNumbers | None,
                 thresholds: Thresholds = Thresholds()) -> MonthHealth:
    """All measures of ``current`` (``previous`` is the month before, for growth) and the
    band: the worst band among the measures that could be computed."""
    t = thresholds
    values = {
        "growth": growth(current, previous),
        "interaction": interaction(current),
        "comments_per_post": comments_per_post(current),
        "member_share": member_share(current),
        "admin_posts_per_week": admin_posts_per_week(current),
    }
    limits = {
        "growth": (t.growth_healthy, t.growth_needs_help),
        "interaction": (t.interaction_healthy, t.interaction_needs_help),
        "comments_per_post": (t.comments_per_post_healthy, t.comments_per_post_needs_help),
        "member_share": (t.member_share_healthy, t.member_share_needs_help),
        "admin_posts_per_week": (t.admin_posts_per_week_healthy, t.admin_posts_per_week_needs_help),
    }
    bands = {name: band for name, value in values.items()
             if (band := _band(value, *limits[name])) is not None}
    worst = min(bands.values(), key=lambda b: b.order) if bands else None
    return MonthHealth(current.month, band=worst, bands=bands, **values)


def history(months: Iterable[MonthNumbers], thresholds: Thresholds = Thresholds()) -> list[MonthHealth]:
    """The health of every month given, oldest first (gaps between months are allowed)."""
    ordered = sorted(months, key=lambda n: n.month)
    return [month_health(n, ordered[i - 1] if i else None, thresholds)
            for i, n in enumerate(ordered)]


def months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def _consecutive(earlier: date, later: date) -> bool:
    return months_between(earlier, later) == 1


def is_stale(months: Sequence[MonthNumbers], today: date,
             thresholds: Thresholds = Thresholds()) -> bool:
    """No numbers for the last ``months_without_numbers`` full months before ``today``.

    In December, numbers for October are expected; a group whose latest month is
    September (or that has none) is flagged.
    """
    if not months:
        return True
    latest = max(n.month for n in months)
    return months_between(latest, today) > thresholds.months_without_numbers


def current_band(months: Sequence[MonthNumbers], today: date,
                 thresholds: Thresholds = Thresholds()) -> Band | None:
    """The band of the latest month, or None when the numbers are stale or say nothing."""
    if is_stale(months, today, thresholds):
        return None
    return history(months, thresholds)[-1].band
