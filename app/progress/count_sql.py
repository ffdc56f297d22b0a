"""The SQL of the kept counts (``app.progress.counts``): one pair's contribution, and the rows
``unit_course_count`` and ``unit_member_count`` should hold, made from the raw rows with the
report's own definitions (``status``). Recounts insert these rows; ``flask report verify``
compares them with the kept ones; a tracked write reads one member's pairs before and after.
"""
from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache

from sqlalchemy import Date, and_, bindparam, case, func, literal, select, union_all

from ..models import Member, Unit
from ..models.counts import NO_DUE_DATE
from ..models.types import UTCDateTime
from ..reports.portable_sql import greatest_of
from . import status as rule
from .status import CourseSteps

_NEVER = datetime(1970, 1, 1, tzinfo=UTC)
KEY_COLUMNS = ("unit_id", "course_slug", "committee_role", "due_date")
COUNT_COLUMNS = ("assigned", "completed", "started", "scored", "score_sum", "last_activity_at")


def _pair_counts(members, courses: tuple[CourseSteps, ...]):
    """Per assigned pair of ``members`` (member_id, unit_id, committee_role): its count key
    and what it adds to each count."""
    pairs = rule.assigned_pairs(members, [c.slug for c in courses], keep=("unit_id", "committee_role"))
    return _contributions(pairs, courses)


def _contributions(pairs, courses: tuple[CourseSteps, ...]):
    facts = rule.pair_facts(pairs, courses, keep=("member_id", "unit_id", "committee_role", "course_slug"))
    completed = rule.completed_sql(facts)
    never = literal(_NEVER, UTCDateTime)
    last = greatest_of(*(func.coalesce(facts.c[name], never) for name in ("opened_at", "done_at", "attempted_at")),
                       type_=UTCDateTime())
    return select(
        facts.c.member_id, facts.c.unit_id, facts.c.course_slug, facts.c.committee_role,
        func.coalesce(facts.c.due_date, literal(NO_DUE_DATE, Date)).label("due_date"),
        case((completed, 1), else_=0).label("completed"),
        case((and_(rule.started_sql(facts), ~completed), 1), else_=0).label("started"),
        facts.c.best_percent, func.nullif(last, never, type_=UTCDateTime).label("last_at"),
    ).cte("pair_counts")


def members_of(*, unit_ids=None, under: str | None = None, member_id=None):
    """Active members (id, unit, committee role): of these units, of the units under a path, or one."""
    unit = Unit.__table__.alias("member_unit_filter")
    statement = select(Member.id.label("member_id"), Member.unit_id, Member.committee_role).where(
        Member.active.is_(True))
    if member_id is not None:
        statement = statement.where(Member.id == member_id)
    if unit_ids is not None:
        statement = statement.where(Member.unit_id.in_(list(unit_ids)))
    if under is not None:
        statement = statement.join(unit, unit.c.id == Member.unit_id).where(
            unit.c.path.startswith(under, autoescape=True))
    return statement.cte("counted_members")


def count_rows(courses: tuple[CourseSteps, ...], **members_filter):
    """The rows of ``unit_course_count`` as the raw rows say they should be."""
    pairs = _pair_counts(members_of(**members_filter), courses)
    key = [pairs.c[column] for column in KEY_COLUMNS]
    return select(*key, func.count().label("assigned"), func.sum(pairs.c.completed).label("completed"),
                  func.sum(pairs.c.started).label("started"), func.count(pairs.c.best_percent).label("scored"),
                  func.coalesce(func.sum(pairs.c.best_percent), 0.0).label("score_sum"),
                  func.max(pairs.c.last_at).label("last_activity_at")).group_by(*key)


def member_rows(**members_filter):
    """The rows of ``unit_member_count`` as the raw rows say they should be."""
    members = members_of(**members_filter)
    return select(members.c.unit_id, members.c.committee_role, func.count().label("members")) \
        .group_by(members.c.unit_id, members.c.committee_role)


@lru_cache(maxsize=256)
def facts_of_member(courses: tuple[CourseSteps, ...]):
    """Her assigned pairs among ``courses`` with their keys and contributions; built once per
    set of course steps (building a statement costs as much as running it)."""
    pairs = _pair_counts(members_of(member_id=bindparam("member")), courses)
    return select(*[pairs.c[column] for column in ("course_slug", "unit_id", "committee_role", "due_date",
                                                    "completed", "started", "best_percent", "last_at")])


def differences(session, catalogue) -> tuple[list[str], list[str]]:
    """Compare every kept count of the courses counted for their current steps with the raw
    rows: (differences, notes). A note names a course read from the raw rows instead (never
    counted, or counted for other steps): not an error, its reports are only slower."""
    from ..models import CountedCourse, UnitCourseCount, UnitMemberCount
    from .counts import steps_key

    known = dict(session.execute(select(CountedCourse.course_slug, CountedCourse.steps_key)).all())
    notes, checked = [], []
    for course in catalogue.visible_courses():
        if course.slug not in known:
            notes.append(f"course {course.slug}: not counted yet; its reports read every record")
        elif known[course.slug] != steps_key(course):
            notes.append(f"course {course.slug}: counted for other steps (content changed since); "
                         "its reports read every record until it is published")
        else:
            checked.append(CourseSteps.of(course))
    codes = dict(session.execute(select(Unit.id, Unit.code)).all())
    found: list[str] = []

    def compare(label, names, expected: dict, kept: dict) -> None:
        for key in sorted(expected.keys() | kept.keys(), key=str):
            want, have = expected.get(key), kept.get(key)
            if want is None or have is None or not _same(want, have):
                unit = codes.get(key[0], key[0])
                where = ", ".join(str(k) for k in key[1:])
                found.append(f"{label} unit {unit} ({where}): kept {_said(names, have)}; "
                             f"the records say {_said(names, want)}")

    def keyed(statement, width):
        return {tuple(row[:width]): tuple(row[width:]) for row in session.execute(statement)}

    if checked:
        kept = select(*[UnitCourseCount.__table__.c[c] for c in KEY_COLUMNS + COUNT_COLUMNS]).where(
            UnitCourseCount.course_slug.in_([c.slug for c in checked]))
        compare("course counts:", COUNT_COLUMNS, keyed(count_rows(tuple(checked)), 4), keyed(kept, 4))
    kept_members = select(UnitMemberCount.unit_id, UnitMemberCount.committee_role, UnitMemberCount.members) \
        .where(UnitMemberCount.members != 0)
    compare("member counts:", ("members",), keyed(member_rows(), 2), keyed(kept_members, 2))
    return found, notes


def _said(names, values: tuple | None) -> str:
    if values is None:
        return "nothing"
    return ", ".join(f"{name.replace('_', ' ')} {value}" for name, value in zip(names, values, strict=False))


def _same(want: tuple, have: tuple) -> bool:
    def close(a, b) -> bool:
        if isinstance(a, (int, float)) and isinstance(b, (int, float)):
            return abs(a - b) < 1e-6
        return a == b

    return len(want) == len(have) and all(close(a, b) for a, b in zip(want, have, strict=True))


@lru_cache(maxsize=256)
def facts_after(courses: tuple[CourseSteps, ...]):
    """What her pairs in ``courses`` add to each count, without looking for their keys
    again (a write does not change them): for the second read of a tracked write."""
    members = select(Member.id.label("member_id"), Member.unit_id, Member.committee_role) \
        .where(Member.id == bindparam("member")).cte("tracked_member")
    pairs = union_all(*[select(members.c.member_id, members.c.unit_id, members.c.committee_role,
                               literal(course.slug).label("course_slug"), literal(None, Date).label("due_date"))
                        for course in courses]).cte("tracked_pairs")
    counted = _contributions(pairs, courses)
    return select(*[counted.c[column] for column in ("course_slug", "completed", "started", "best_percent",
                                                      "last_at")])
