"""The completion report as one SQL statement: the database counts, Python only formats.

Two ways to the same numbers:

* **From the kept counts** (``unit_course_count``, ``unit_member_count``; see
  ``app.progress.counts``): for a report by a level of units, or one total, without dates.
  It reads a few rows per unit of the subtree, whatever the number of members.
* **From the raw rows**: for a report by member or of one member's courses, for a report
  limited to dates (whose statuses are judged inside the window), and for a course whose
  counts are not made for its current steps. The statement is a chain of CTEs:

  ``group_map``     every unit of the report's subtree -> the unit it is counted under
                    (its ancestor at the chosen depth, found by materialised path prefix);
  ``scope_members`` active members of those units (committee role filter), with their group;
  ``pairs``         assigned (member, course) pairs, each once with its earliest due date;
  ``pair_facts``    per pair: completion, latest lesson opened and done, best quiz percent,
                    latest attempt and attendance (index lookups, one member at a time);
  ``pair_status``   per pair: completed / overdue / in progress / not started, last activity;
  ``tally``         per group: how many pairs have each status, quiz score sum, last activity.

Statuses, pairs and facts are defined once, in ``app.progress.status`` (the Python rule
beside its SQL twin); the kept counts are made with the same SQL.
"""
from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Float,
    Select,
    and_,
    bindparam,
    case,
    cast,
    func,
    literal,
    null,
    or_,
    select,
)
from sqlalchemy.orm import aliased

from ..models import Member, Unit, UnitCourseCount, UnitMemberCount
from ..models.types import UTCDateTime
from ..progress import status as rule
from ..progress.status import CourseSteps
from .completion_query import CompletionQuery
from .portable_sql import greatest_of

STATUSES = ("not_started", "in_progress", "completed", "overdue")
#: Stands for "no activity" inside greatest_of, which treats NULL differently per dialect.
_NEVER = datetime(1970, 1, 1, tzinfo=UTC)

__all__ = ["CompletionQuery", "CourseSteps", "completion_statement", "member_statuses_statement"]


def _group_map(query: CompletionQuery):
    """Every unit below the root -> the unit it is counted under: its ancestor at the level,
    or itself when it lies above the level (or has none of that level above it).

    Ancestors are found by walking up ``parent_id`` (a recursive CTE: a few primary-key
    lookups per unit), not by comparing every unit's path with every path of the level, which
    costs units x units of that level: 0.8 s for the 3,300 communes of the whole union."""
    unit, parent = aliased(Unit), aliased(Unit)
    chain = (select(unit.id.label("unit_id"), unit.id.label("ancestor_id"), unit.parent_id.label("up"))
             .where(_under(unit.path, query.root_path))
             .cte("unit_chain", recursive=True))
    chain = chain.union_all(select(chain.c.unit_id, parent.id, parent.parent_id)
                            .join(parent, parent.id == chain.c.up))
    ancestor = aliased(Unit)
    at_level = func.max(case((ancestor.level_id == query.group_level_id, ancestor.id)))
    return (
        select(chain.c.unit_id, func.coalesce(at_level, chain.c.unit_id).label("group_id"))
        .join(ancestor, ancestor.id == chain.c.ancestor_id)
        .group_by(chain.c.unit_id)
    ).cte("group_map").prefix_with("MATERIALIZED")


def _under(path_column, root) -> ColumnElement[bool]:
    """Units below ``root``, a path (escaped) or a bound parameter for one (paths hold only
    ids and slashes, no LIKE wildcard)."""
    if isinstance(root, str):
        return path_column.startswith(root, autoescape=True)
    return path_column.startswith(root)


def _scope_members(query: CompletionQuery):
    """Active members below the root with the key of the group each one is counted in."""
    if query.by_unit:
        group_map = _group_map(query)
        members = (select(Member.id.label("member_id"), Member.unit_id, Member.committee_role,
                          group_map.c.group_id)
                   .join(group_map, group_map.c.unit_id == Member.unit_id))
    else:
        group_map = None
        unit = aliased(Unit)
        key = {"member": Member.id, "course": Member.id, "total": literal(0)}[query.group_by]
        members = (select(Member.id.label("member_id"), Member.unit_id, Member.committee_role,
                          key.label("group_id"))
                   .join(unit, unit.id == Member.unit_id)
                   .where(unit.path.startswith(query.root_path, autoescape=True)))
    members = members.where(Member.active.is_(True))
    if query.committee_role:
        members = members.where(Member.committee_role == query.committee_role)
    if query.member_id is not None:
        members = members.where(Member.id == query.member_id)
    return group_map, members.cte("scope_members")


def _pair_status(query: CompletionQuery, facts):
    done_by_end = facts.c.completed_at.is_not(None)
    if query.until is not None:
        done_by_end = and_(done_by_end, facts.c.completed_at < query.until)
    never = literal(_NEVER, UTCDateTime)
    last = greatest_of(*(func.coalesce(facts.c[name], never)
                         for name in ("opened_at", "done_at", "attempted_at")), type_=UTCDateTime())
    group_id = facts.c.course_slug if query.group_by == "course" else facts.c.group_id
    return select(
        group_id.label("group_id"), facts.c.best_percent, last.label("last_at"),
        rule.status_sql(completed=rule.in_window(facts.c.completed_at, query.since, query.until),
                        done_by_end=done_by_end, started=rule.started_sql(facts),
                        due=facts.c.due_date, judge_day=query.judge_day).label("status"),
    ).cte("pair_status")


def _tally_from_rows(query: CompletionQuery, members):
    pairs = rule.assigned_pairs(members, [c.slug for c in query.courses], keep=("group_id",))
    facts = rule.pair_facts(pairs, query.courses, since=query.since, until=query.until,
                            keep=("group_id", "course_slug"))
    status_cte = _pair_status(query, facts)
    counts = [func.sum(case((status_cte.c.status == name, 1), else_=0)).label(name)
              for name in STATUSES]
    return (
        select(status_cte.c.group_id, func.count().label("assigned"), *counts,
               func.count(status_cte.c.best_percent).label("scored"),
               func.sum(status_cte.c.best_percent).label("score_sum"),
               func.max(status_cte.c.last_at).label("last_at"))
        .group_by(status_cte.c.group_id)
    ).subquery("tally")


def _role_filter(query: CompletionQuery, column) -> list:
    return [column == query.committee_role] if query.committee_role is not None else []


def _counts_by_group(query: CompletionQuery):
    """The tally and the member counts per group of the report, from the kept counts: the
    statuses of each count row follow from its due date and the report's day."""
    count, members = aliased(UnitCourseCount), aliased(UnitMemberCount)
    unfinished = count.assigned - count.completed
    overdue = count.due_date < query.judge_day
    never = literal(_NEVER, UTCDateTime)
    group_map = _group_map(query) if query.by_unit else None
    group_id = group_map.c.group_id if group_map is not None else literal(0)
    tally = (
        select(group_id.label("group_id"), func.sum(count.assigned).label("assigned"),
               func.sum(case((overdue, 0), else_=unfinished - count.started)).label("not_started"),
               func.sum(case((overdue, 0), else_=count.started)).label("in_progress"),
               func.sum(count.completed).label("completed"),
               func.sum(case((overdue, unfinished), else_=0)).label("overdue"),
               func.sum(count.scored).label("scored"), func.sum(count.score_sum).label("score_sum"),
               func.max(func.coalesce(count.last_activity_at, never)).label("last_at"))
        .select_from(count)
        .where(count.course_slug.in_(bindparam("courses", expanding=True)),
               *_role_filter(query, count.committee_role))
    )
    counted = (select(group_id.label("group_id"), func.sum(members.members).label("members"))
               .select_from(members).where(*_role_filter(query, members.committee_role)))
    if group_map is not None:
        tally = tally.join(group_map, group_map.c.unit_id == count.unit_id)
        counted = counted.join(group_map, group_map.c.unit_id == members.unit_id)
    else:
        units = select(Unit.id).where(_under(Unit.path, query.root_path))
        tally = tally.where(count.unit_id.in_(units))
        counted = counted.where(members.unit_id.in_(units))
    if group_map is not None:  # a total has one group: no GROUP BY (by a constant) at all
        tally, counted = tally.group_by(group_id), counted.group_by(group_id)
    return group_map, tally.subquery("tally"), counted.subquery("counted")


def completion_statement(query: CompletionQuery, *, from_counts: bool = False) -> Select:
    """The SELECT behind every completion report; columns are listed in ``_measures``.
    ``from_counts``: read the kept counts (only for a ``countable`` query whose courses are
    all counted for their current steps; ``completion.run_report`` decides)."""
    if from_counts:
        statement, values = counts_statement(query)
        return statement.params(values)
    return _statement(query)


def counts_statement(query: CompletionQuery) -> tuple[Select, dict]:
    """The report from the kept counts, as a statement built once per shape (by units or a
    total, with a role or not, its order) and the values to run it with: building the
    statement would cost more than running it."""
    if not query.countable:
        raise ValueError("this report cannot be read from the kept counts")
    values = {"courses": [c.slug for c in query.courses], "judge": query.judge_day,
              "root": query.root_path, "level": query.group_level_id, "role": query.committee_role}
    shape = (query.by_unit, query.committee_role is not None, query.sort, query.descending)
    return _counts_statement(*shape), {k: v for k, v in values.items() if v is not None}


@lru_cache(maxsize=64)
def _counts_statement(by_unit: bool, with_role: bool, sort: str, descending: bool) -> Select:
    return _statement(CompletionQuery(
        judge_day=bindparam("judge", type_=Date()), courses=(), root_path=bindparam("root"),
        group_by="level" if by_unit else "total", group_level_id=bindparam("level") if by_unit else None,
        committee_role=bindparam("role") if with_role else None, sort=sort, descending=descending),
        from_counts=True)


def _statement(query: CompletionQuery, *, from_counts: bool = False) -> Select:
    if from_counts:
        group_map, tally, counted = _counts_by_group(query)
    else:
        group_map, members = _scope_members(query)
        tally = _tally_from_rows(query, members)
        counted = select(members.c.group_id, func.count().label("members")).group_by(
            members.c.group_id).subquery("counted")
    if query.by_unit:
        group = aliased(Unit)
        labels: list[ColumnElement[Any]] = [group.id.label("key"), group.name.label("name"), group.code.label("code"),
                  group.kind.label("kind"), null().label("unit_name")]
        statement = (
            select(*labels, *_measures(tally, counted))
            .select_from(group)
            .outerjoin(counted, counted.c.group_id == group.id)
            .outerjoin(tally, tally.c.group_id == group.id)
            .where(group.id.in_(select(group_map.c.group_id)),
                   # a switched-off unit (a merged one) shows only while members remain in it
                   or_(and_(group.level_id == query.group_level_id, group.active.is_(True)),
                       counted.c.members > 0))
        )
    elif query.group_by == "member":
        unit = aliased(Unit)
        labels = [Member.id.label("key"), Member.full_name.label("name"),
                  Member.username.label("code"), Member.committee_role.label("kind"),
                  unit.name.label("unit_name")]
        statement = (
            select(*labels, *_measures(tally, counted))
            .select_from(counted)
            .join(Member, Member.id == counted.c.group_id)
            .join(unit, unit.id == Member.unit_id)
            .outerjoin(tally, tally.c.group_id == Member.id)
        )
    elif query.group_by == "course":  # one member's assigned courses
        labels = [tally.c.group_id.label("key"), tally.c.group_id.label("name"),
                  tally.c.group_id.label("code"), null().label("kind"), null().label("unit_name")]
        statement = select(*labels, *_measures(tally, None)).select_from(tally)
    else:  # total: one row for the whole root
        labels = [literal(0).label("key"), null().label("name"), null().label("code"),
                  null().label("kind"), null().label("unit_name")]
        statement = (select(*labels, *_measures(tally, counted)).select_from(counted)
                     .outerjoin(tally, tally.c.group_id == counted.c.group_id))
    statement = statement.order_by(*_order(query, statement))
    if query.limit is not None:
        statement = statement.limit(query.limit).offset(query.offset)
    return statement


def member_statuses_statement(root_path: str, courses: tuple[CourseSteps, ...], judge_day: date) -> Select:
    """(member_id, course_slug, status) of every assigned pair of the active members below
    ``root_path``: the committee roster's cells, by the same rule as the report."""
    unit = aliased(Unit)
    members = (select(Member.id.label("member_id"), Member.unit_id, Member.committee_role)
               .join(unit, unit.id == Member.unit_id)
               .where(Member.active.is_(True), unit.path.startswith(root_path, autoescape=True))
               ).cte("roster_members")
    pairs = rule.assigned_pairs(members, [c.slug for c in courses])
    facts = rule.pair_facts(pairs, courses, keep=("member_id", "course_slug"))
    completed = rule.completed_sql(facts)
    return select(facts.c.member_id, facts.c.course_slug, rule.status_sql(
        completed=completed, done_by_end=completed, started=rule.started_sql(facts),
        due=facts.c.due_date, judge_day=judge_day).label("status"))


def _measures(tally, counted) -> list:
    zero = literal(0)
    members = func.coalesce(counted.c.members, zero) if counted is not None else literal(1)
    assigned = func.coalesce(tally.c.assigned, zero)
    completed = func.coalesce(tally.c.completed, zero)
    never = literal(_NEVER, UTCDateTime)
    return [
        members.label("members"), assigned.label("assigned"),
        *[func.coalesce(tally.c[name], zero).label(name) for name in STATUSES],
        func.coalesce(tally.c.scored, zero).label("scored"),
        func.coalesce(tally.c.score_sum, 0.0).label("score_sum"),
        func.nullif(tally.c.last_at, never, type_=UTCDateTime).label("last_activity"),
        (cast(completed, Float) * 100.0 / cast(func.nullif(assigned, 0), Float)).label("percent"),
        (cast(tally.c.score_sum, Float) / cast(func.nullif(tally.c.scored, 0), Float)).label("average_score"),
    ]


def _order(query: CompletionQuery, statement) -> list:
    columns = statement.selected_columns
    primary = columns[query.sort]
    if query.sort == "name":
        primary = func.lower(primary)
    primary = primary.desc() if query.descending else primary.asc()
    return [primary.nulls_last(), func.lower(columns["name"]), columns["key"]]
