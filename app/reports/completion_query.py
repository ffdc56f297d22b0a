"""What a completion report asks: the grouping, the subtree, the filters, the sort and the
page; ``queries`` turns it into SQL."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import BindParameter

from ..progress.status import CourseSteps

#: Groupings that are not a unit level; "course" is one member's courses, "total" one row.
OTHER_GROUPINGS = ("member", "course", "total")
SORT_KEYS = ("name", "members", "assigned", "not_started", "in_progress", "completed",
             "percent", "average_score", "overdue", "last_activity")


@dataclass(frozen=True)
class CompletionQuery:
    """Everything that decides the numbers. Dates are UTC bounds: ``since`` <= t < ``until``."""

    judge_day: date | BindParameter[date]  # overdue means: due date before this day
    courses: tuple[CourseSteps, ...]
    group_by: str = "member"  # a level's code, or one of OTHER_GROUPINGS
    #: The level grouped on (its id and rank) when ``group_by`` is a level.
    group_level_id: int | BindParameter[int] | None = None
    group_rank: int = 0
    root_path: str | BindParameter[str] = "/"  # "/" is the whole union
    committee_role: str | BindParameter[str] | None = None
    since: datetime | None = None
    until: datetime | None = None
    member_id: int | None = None
    sort: str = "name"
    descending: bool = False
    limit: int | None = None
    offset: int = 0

    def __post_init__(self):
        if self.group_by not in OTHER_GROUPINGS and self.group_level_id is None:
            raise ValueError(f"unknown grouping {self.group_by!r}")
        if self.sort not in SORT_KEYS:
            raise ValueError(f"unknown sort key {self.sort!r}")

    @property
    def by_unit(self) -> bool:
        """Whether the rows are units of one level (else members, courses or one total)."""
        return self.group_level_id is not None

    @property
    def countable(self) -> bool:
        """Whether the kept counts can answer it: units or a total, no dates, no one member."""
        return ((self.by_unit or self.group_by == "total") and self.since is None and self.until is None
                and self.member_id is None)
