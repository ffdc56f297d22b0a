"""The completion report as one SQL statement: the database counts, Python only formats.

The statement is a chain of CTEs:

``group_map``     every unit of the report's subtree -> the unit it is counted under
                  (its ancestor at the chosen depth, found by materialised path prefix);
``scope_members`` active members of those units (committee role filter), with their group;
``pairs``         assigned (member, course) pairs; several assignments of one course to
                  one member count once, with the earliest due date;
``pair_facts``    per pair: completion time, latest lesson opened and done, best quiz
                  percent, latest submitted attempt (index lookups, one member at a time);
``pair_status``   per pair: completed / overdue / in progress / not started, last activity;
``tally``         per group: how many pairs have each status, quiz score sum, last activity.

The catalogue lives in files, so each course's lesson slugs and quiz ids come in as bound
parameters. Statuses follow ``app.progress.rules.assignment_status``: a CourseCompletion
row means completed; else past the due date means overdue; else any opened lesson of the
course or submitted attempt of one of its quizzes means in progress.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone

from sqlalchemy import (
    ColumnElement, Float, Select, and_, case, cast, false, func, literal, null, or_, select,
)
from sqlalchemy.orm import aliased

from ..models import Assignment, CourseCompletion, LessonProgress, Member, QuizAttempt, Unit
from ..models.types import UTCDateTime
from .portable_sql import greatest_of, text_position

#: Groupings that are not a unit level; "course" is one member's courses, "total" one row.
OTHER_GROUPINGS = ("member", "course", "total")
SORT_KEYS = ("name", "members", "assigned", "not_started", "in_progress", "completed",
             "percent", "average_score", "overdue", "last_activity")
STATUSES = ("not_started", "in_progress", "completed", "overdue")
#: Stands for "no activity" inside greatest_of, which treats NULL differently per dialect.
_NEVER = datetime(1970, 1, 1, tzinfo=timezone.utc)


@dataclass(frozen=True)
class CourseSteps:
    """What the query needs to know of one course from the catalogue."""

    slug: str
    lessons: tuple[str, ...]
    quizzes: tuple[str, ...]

    @classmethod
    def of(cls, course) -> CourseSteps:
        return cls(course.slug, tuple(lesson.slug for lesson in course.lessons),
                   tuple(course.required_quiz_ids))


@dataclass(frozen=True)
class CompletionQuery:
    """Everything that decides the numbers. Dates are UTC bounds: ``since`` <= t < ``until``."""

    judge_day: date  # overdue means: due date before this day
    courses: tuple[CourseSteps, ...]
    group_by: str = "member"  # a level's code, or one of OTHER_GROUPINGS
    #: The level grouped on (its id and rank) when ``group_by`` is a level.
    group_level_id: int | None = None
    group_rank: int = 0
    root_path: str = "/"  # "/" is the whole union
    committee_role: str | None = None
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


def _in_window(column, query: CompletionQuery) -> ColumnElement[bool]:
    conditions = [column.is_not(None)]
    if query.since is not None:
        conditions.append(column >= query.since)
    if query.until is not None:
        conditions.append(column < query.until)
    return and_(*conditions)


def _scope_members(query: CompletionQuery):
    """Active members below the root with the key of the group each one is counted in."""
    unit, ancestor = aliased(Unit), aliased(Unit)
    in_root = unit.path.startswith(query.root_path, autoescape=True)
    if query.by_unit:  # a unit above the level (or with none of that level above it) is its own group
        group_map = (
            select(unit.id.label("unit_id"), func.coalesce(ancestor.id, unit.id).label("group_id"))
            .select_from(unit)
            .outerjoin(ancestor, and_(ancestor.level_id == query.group_level_id,
                                      unit.path.startswith(ancestor.path)))
            .where(in_root)
        ).cte("group_map")
        members = (select(Member.id.label("member_id"), Member.unit_id, Member.committee_role,
                          group_map.c.group_id)
                   .join(group_map, group_map.c.unit_id == Member.unit_id))
    else:
        group_map = None
        key = {"member": Member.id, "course": Member.id, "total": literal(0)}[query.group_by]
        members = (select(Member.id.label("member_id"), Member.unit_id, Member.committee_role,
                          key.label("group_id"))
                   .join(unit, unit.id == Member.unit_id).where(in_root))
    members = members.where(Member.active.is_(True))
    if query.committee_role:
        members = members.where(Member.committee_role == query.committee_role)
    if query.member_id is not None:
        members = members.where(Member.id == query.member_id)
    return group_map, members.cte("scope_members")


def _pairs(query: CompletionQuery, members):
    member_unit, assigned_unit = aliased(Unit), aliased(Unit)
    roles = Assignment.committee_roles
    role_applies = or_(roles.is_(None), roles == "", text_position(
        literal(",") + roles + literal(","), literal(",") + members.c.committee_role + literal(",")) > 0)
    group_key = Assignment.course_slug if query.group_by == "course" else members.c.group_id
    return (
        select(members.c.member_id, group_key.label("group_id"), Assignment.course_slug,
               func.min(Assignment.due_date).label("due_date"))
        .select_from(members)
        .join(member_unit, member_unit.id == members.c.unit_id)
        .join(Assignment, Assignment.course_slug.in_([c.slug for c in query.courses]))
        .join(assigned_unit, and_(assigned_unit.id == Assignment.unit_id,
                                  member_unit.path.startswith(assigned_unit.path)))
        .where(role_applies)
        .group_by(members.c.member_id, group_key, Assignment.course_slug)
    ).cte("pairs")


def _pair_facts(query: CompletionQuery, pairs):
    """Per pair, the latest dated facts; each a lookup on (member_id, course or quiz).

    Each maximum is taken over a CASE, never a bare column: for ``max(completed_at)`` SQLite's
    planner would otherwise choose the (course, completed_at) index for its min/max shortcut
    and read every progress row of the course for every pair.
    """
    progress, attempt = aliased(LessonProgress), aliased(QuizAttempt)
    lesson_known = or_(false(), *[
        and_(pairs.c.course_slug == course.slug, progress.lesson_slug.in_(course.lessons))
        for course in query.courses if course.lessons])
    quiz_counts = or_(false(), *[
        and_(pairs.c.course_slug == course.slug, attempt.quiz_id.in_(course.quizzes))
        for course in query.courses if course.quizzes])
    of_pair = and_(progress.member_id == pairs.c.member_id,
                   progress.course_slug == pairs.c.course_slug, lesson_known)
    attempts_of_pair = and_(attempt.member_id == pairs.c.member_id, quiz_counts)

    def highest(value, where, dated_by=None):
        """max(value) over the rows of ``where`` dated (by ``value`` itself by default) in the window."""
        in_window = _in_window(value if dated_by is None else dated_by, query)
        return select(func.max(case((in_window, value)))).where(where).scalar_subquery()

    completion = aliased(CourseCompletion)
    return (
        select(
            pairs.c.group_id, pairs.c.due_date, completion.completed_at,
            highest(progress.started_at, of_pair).label("opened_at"),
            highest(progress.completed_at, of_pair).label("done_at"),
            highest(attempt.percent, attempts_of_pair, dated_by=attempt.submitted_at).label("best_percent"),
            highest(attempt.submitted_at, attempts_of_pair).label("attempted_at"),
        )
        .select_from(pairs)
        .outerjoin(completion, and_(completion.member_id == pairs.c.member_id,
                                    completion.course_slug == pairs.c.course_slug))
    ).cte("pair_facts").prefix_with("MATERIALIZED")  # evaluate each lookup once


def _pair_status(query: CompletionQuery, facts):
    completed_in_window = _in_window(facts.c.completed_at, query)
    done_by_end = facts.c.completed_at.is_not(None)
    if query.until is not None:
        done_by_end = and_(done_by_end, facts.c.completed_at < query.until)
    overdue = and_(~done_by_end, facts.c.due_date.is_not(None), facts.c.due_date < query.judge_day)
    active = or_(facts.c.opened_at.is_not(None), facts.c.done_at.is_not(None),
                 facts.c.attempted_at.is_not(None))
    never = literal(_NEVER, UTCDateTime)
    last = greatest_of(*(func.coalesce(facts.c[name], never)
                         for name in ("opened_at", "done_at", "attempted_at")), type_=UTCDateTime())
    return select(
        facts.c.group_id, facts.c.best_percent, last.label("last_at"),
        case((completed_in_window, "completed"), (overdue, "overdue"),
             (active, "in_progress"), else_="not_started").label("status"),
    ).cte("pair_status")


def _tally(status_cte):
    counts = [func.sum(case((status_cte.c.status == name, 1), else_=0)).label(name)
              for name in STATUSES]
    return (
        select(status_cte.c.group_id, func.count().label("assigned"), *counts,
               func.count(status_cte.c.best_percent).label("scored"),
               func.sum(status_cte.c.best_percent).label("score_sum"),
               func.max(status_cte.c.last_at).label("last_at"))
        .group_by(status_cte.c.group_id)
    ).subquery("tally")


def completion_statement(query: CompletionQuery) -> Select:
    """The SELECT behind every completion report; columns are listed in ``_measures``."""
    group_map, members = _scope_members(query)
    tally = _tally(_pair_status(query, _pair_facts(query, _pairs(query, members))))
    counted = select(members.c.group_id, func.count().label("members")).group_by(
        members.c.group_id).subquery("counted")
    if query.by_unit:
        group = aliased(Unit)
        labels = [group.id.label("key"), group.name.label("name"), group.code.label("code"),
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
