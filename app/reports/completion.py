"""Completion reports: from a choice of unit, level, course and dates to rows and totals.

The page, the exports and ``flask report completion`` all go through :func:`run_report`, so
they cannot disagree. The arithmetic is done by the database (``queries``); what is left
here is pure: the percentages and the roll-up of group rows into the unit's total.
"""
from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from ..models import Unit, UnitLevel
from ..name_order import collation_key, sorted_by_name
from ..progress.counts import counted_for_current_steps
from .completion_query import OTHER_GROUPINGS, CompletionQuery
from .queries import CourseSteps, completion_statement, counts_statement

MEMBER_PAGE_SIZE = 100


@dataclass(frozen=True)
class CompletionRow:
    """One line of a report: a unit, a member or a course, with its counts."""

    key: int | str
    name: str | None
    code: str | None
    kind: str | None  # the unit's level code; for a member, her committee role
    unit_name: str | None  # the member's unit
    members: int
    assigned: int
    not_started: int
    in_progress: int
    completed: int
    overdue: int
    scored: int  # assigned pairs with at least one submitted attempt
    score_sum: float
    last_activity: datetime | None

    @property
    def percent(self) -> float | None:
        """Share of assigned courses completed, 0-100; None when nothing is assigned."""
        return 100.0 * self.completed / self.assigned if self.assigned else None

    @property
    def average_score(self) -> float | None:
        """Mean of the best quiz percent per member and course, over those who tried."""
        return self.score_sum / self.scored if self.scored else None

    @property
    def status(self) -> str | None:
        """The status of a single assigned course (member and course rows)."""
        if self.assigned != 1:
            return None
        return next(name for name in ("completed", "overdue", "in_progress", "not_started")
                    if getattr(self, name))


_COLUMNS = [f.name for f in fields(CompletionRow)]


def roll_up(rows: list[CompletionRow], *, key=0, name=None, code=None, kind=None) -> CompletionRow:
    """Add group rows into one row; exact because every member is in exactly one group."""
    summed = {column: sum(getattr(row, column) for row in rows)
              for column in ("members", "assigned", "not_started", "in_progress", "completed",
                             "overdue", "scored", "score_sum")}
    last = max((row.last_activity for row in rows if row.last_activity), default=None)
    return CompletionRow(key=key, name=name, code=code, kind=kind, unit_name=None,
                         last_activity=last, **summed)


@dataclass(frozen=True)
class CompletionReport:
    query: CompletionQuery
    rows: list[CompletionRow]
    total: CompletionRow
    #: Rows in the whole report (more than ``rows`` when a member list is paged).
    row_count: int
    #: Read from the kept counts (else worked out from every record: dates, members).
    from_counts: bool = False

    @property
    def pages(self) -> int:
        if self.query.limit is None:
            return 1
        return max((self.row_count + self.query.limit - 1) // self.query.limit, 1)


def run_report(session: Session, query: CompletionQuery, *, root: Unit | None = None) -> CompletionReport:
    """Run the report, from the kept counts when they can answer it (a report by units or a
    total, without dates, on courses counted for their current steps), else from every
    record; a paged member list gets its total from a second, one-row query."""
    label: dict[str, Any] = {"name": root.name if root else None, "code": root.code if root else None,
                             "kind": root.kind if root else None}
    if query.sort == "name" and (query.group_by == "member" or query.by_unit):
        return _run_in_name_order(session, query, label)
    fast = _from_counts(session, query)
    rows = [_row(m) for m in _execute(session, query, fast)]
    if query.group_by == "member" and query.limit is not None:
        whole = replace(query, group_by="total", limit=None, offset=0, sort="name")
        totals = next(iter(_execute(session, whole, _from_counts(session, whole))), None)
        total = replace(_row(totals), **label) if totals else roll_up([], **label)
        return CompletionReport(query, rows, total, total.members)
    return CompletionReport(query, rows, roll_up(rows, **label), len(rows), fast)


def _from_counts(session: Session, query: CompletionQuery) -> bool:
    return query.countable and counted_for_current_steps(session, query.courses)


def _execute(session: Session, query: CompletionQuery, from_counts: bool):
    if from_counts:
        return session.execute(*counts_statement(query)).mappings()
    return session.execute(completion_statement(query)).mappings()


def _run_in_name_order(session: Session, query: CompletionQuery, label: dict) -> CompletionReport:
    """Rows ordered by name the Vietnamese way (``name_order``), which SQL cannot do alike on
    both databases. Every row is read and sorted here, and the page is cut after sorting, so
    page 2 starts where page 1 ended; the total is the sum of all rows (each member is in
    exactly one), which also spares the second query."""
    whole = replace(query, limit=None, offset=0)
    fast = _from_counts(session, whole)
    rows = [_row(m) for m in _execute(session, whole, fast)]
    if query.group_by == "member":
        rows = sorted_by_name(rows, lambda row: row.name, reverse=query.descending)
    elif query.by_unit:
        rows.sort(key=lambda row: collation_key(row.name), reverse=query.descending)
    total, count = roll_up(rows, **label), len(rows)
    if query.limit is not None:
        rows = rows[query.offset:query.offset + query.limit]
    return CompletionReport(query, rows, total, count, fast)


def _row(mapping) -> CompletionRow:
    values = {column: mapping[column] for column in _COLUMNS}
    for column in ("members", "assigned", "not_started", "in_progress", "completed", "overdue", "scored"):
        values[column] = int(values[column] or 0)
    values["score_sum"] = float(values["score_sum"] or 0.0)
    return CompletionRow(**values)


def utc_bounds(since: date | None, until: date | None, zone: str) -> tuple[datetime | None, datetime | None]:
    """Whole days in the union's time zone as UTC instants: [since 00:00, day after until 00:00)."""
    tz = ZoneInfo(zone)

    def start_of(day: date) -> datetime:
        return datetime.combine(day, time.min, tzinfo=tz).astimezone(UTC)

    return (start_of(since) if since else None,
            start_of(until + timedelta(days=1)) if until else None)


def make_query(*, root: Unit | None, level: str | UnitLevel, courses, today: date, zone: str,
               committee_role: str | None = None, since: date | None = None,
               until: date | None = None, sort: str = "name", descending: bool = False,
               member_id: int | None = None, page: int | None = None) -> CompletionQuery:
    """A query from the choices people make: unit, level, course(s), role, days, order, page.

    ``level`` is a unit level, or ``member``, ``course`` or ``total``; a level above the
    root is taken as the root's own, so a report never leaves its subtree. Overdue is judged
    on the last day of the range when it lies in the past, so a report "until 31 March"
    shows what was overdue then.
    """
    start, end = utc_bounds(since, until, zone)
    paged = level == "member" and page is not None
    if isinstance(level, str) and level not in OTHER_GROUPINGS and root is not None:
        level = _level_by_code(object_session(root), level)
    if isinstance(level, UnitLevel) and root is not None and level.rank < root.level.rank:
        level = root.level
    by_level = level if isinstance(level, UnitLevel) else None
    return CompletionQuery(
        judge_day=min(today, until) if until else today,
        courses=tuple(CourseSteps.of(course) for course in courses),
        group_by=level.code if isinstance(level, UnitLevel) else level,
        group_level_id=by_level.id if by_level else None,
        group_rank=by_level.rank if by_level else 0,
        root_path=root.path if root is not None else "/",
        committee_role=committee_role or None,
        since=start, until=end, member_id=member_id,
        sort=sort, descending=descending,
        limit=MEMBER_PAGE_SIZE if paged else None,
        offset=(max(page, 1) - 1) * MEMBER_PAGE_SIZE if paged and page is not None else 0,
    )


def _level_by_code(session: Session | None, code: str) -> UnitLevel | str:
    """A level named by its code, looked up beside the root; the code itself if unknown
    (the query then refuses it)."""
    found = session.scalars(select(UnitLevel).where(UnitLevel.code == code)).first() if session else None
    return found if found is not None else code
