"""The counts the completion report reads, kept up to date in the transaction of every write.

For each unit (its own active members, not those of the units below), committee role, course
and due date, ``unit_course_count`` holds how many members the course is assigned to, how many
completed it, how many started without completing, their quiz scores (members with a score,
sum of best percents) and the latest activity; ``unit_member_count`` holds active members per
unit and role. Statuses come from them on the report's day: rows whose due date is before it
are overdue, unless completed. Every number is the same SQL as the report from the raw rows
(``status``: one definition), grouped, so ``flask report verify`` can recompute and compare.

What invalidates what, and how each write keeps the counts:

==========================================================  ==========================================
write                                                       counts kept by
==========================================================  ==========================================
lesson opened the first time, lesson marked done, quiz      :func:`tracking`: her pairs' facts before
submitted, attendance recorded, completion stored (last     and after the write, the difference added
step, a visit after a content change)                       to her row (unit, role, course, due date)
member added, deleted, moved to another unit, given         :func:`watch`: the ORM flush names the
another committee role, switched off or on                  units; they are counted again
assignment to a unit added, changed or removed              :func:`watch`: the course, in the unit
                                                            and every unit below it
assignment by name (group training) added or removed        :func:`watch`: the course, in her unit
unit moved (or placed under another by a merge)             :func:`watch`: every unit whose path
                                                            changed (the assignments above changed)
units merged (members, assignments follow in bulk)          ``units.reorganise`` calls :func:`recount`
roster imported (bulk insert and update of members)         ``roster.applying`` calls :func:`recount`
content published with other steps for a course (lessons,   :func:`bring_up_to_date` (publish, init,
required lessons, quizzes, sessions required)               ``report verify --repair``): completions
                                                            now met are stored, the course is counted
                                                            again everywhere
lesson progress, attempts, completions or attendance        :func:`watch` (tests, the demo): their
written as ORM objects                                      members' units, those courses
member erased; unit renamed or switched on or off           nothing changes: she stays (anonymous,
                                                            with her unit, role and learning); names
                                                            are read when the report is made
==========================================================  ==========================================

``tracking`` lives in ``count_tracking`` and ``watch`` in ``count_watch``; this module recounts.

``counted_course`` remembers the steps each course was counted for; a report on a course
whose steps differ (content changed and not yet published, or never counted) is worked out
from the raw rows instead (``reports.completion``), so it is never wrong, only slower.

On PostgreSQL a tracked write first locks her member row (two tabs of one member cannot both
count her first step), and a recount locks the count tables against concurrent deltas before
it reads the raw rows; on SQLite every write already holds the database's write lock. In the
instant after a publish, a worker that has not switched yet counts a write against the old
steps; ``flask report verify`` would show it and ``--repair`` counts it again.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import delete, insert, select, text
from sqlalchemy.orm import Session

from ..models import CountedCourse, Unit, UnitCourseCount, UnitMemberCount
from .count_sql import COUNT_COLUMNS, KEY_COLUMNS, count_rows, member_rows
from .status import CourseSteps


def steps_key(course) -> str:
    """What the counts of a course (a Course or its CourseSteps) depend on: its lessons,
    required lessons, quizzes and required sessions; a change to any is a change of numbers."""
    steps = course if isinstance(course, CourseSteps) else CourseSteps.of(course)
    shape = {"lessons": sorted(steps.lessons), "required": sorted(steps.required),
             "quizzes": sorted(steps.quizzes), "sessions": steps.sessions_required}
    return hashlib.sha256(json.dumps(shape, sort_keys=True).encode()).hexdigest()[:32]


def current_catalogue():
    from ..content_store import catalogue

    return catalogue()


def visible_steps(courses=None) -> dict[str, CourseSteps]:
    """The visible courses (those reports show), by slug, as the SQL needs them."""
    visible = current_catalogue().visible_courses()
    if courses is not None:
        wanted = set(courses)
        visible = [course for course in visible if course.slug in wanted]
    return {course.slug: CourseSteps.of(course) for course in visible}


# --- Recounting a slice ---------------------------------------------------------------------

def _lock(connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("LOCK TABLE unit_course_count, unit_member_count IN SHARE ROW EXCLUSIVE MODE"))


def _units(unit_ids: list[int] | None, under: str | None):
    if unit_ids is not None:
        return unit_ids
    return select(Unit.id).where(Unit.path.startswith(under, autoescape=True)) if under is not None else None


def recount(session: Session, *, unit_ids: Iterable[int] | None = None, under: str | None = None,
            courses: Iterable[str] | None = None) -> None:
    """Count again, from the raw rows, the units ``unit_ids`` (or those whose path starts with
    ``under``; all units when neither is given), for ``courses`` (every visible course when
    None, and then the units' member counts too). Pending ORM changes are flushed first."""
    if not session.info.get("counts_in_flush"):
        session.flush()
    unit_ids = None if unit_ids is None else sorted(set(unit_ids))
    if unit_ids == []:
        return
    courses = None if courses is None else list(courses)
    steps = tuple(visible_steps(courses).values())
    connection = session.connection()
    _lock(connection)
    units = _units(unit_ids, under)
    where = [UnitCourseCount.unit_id.in_(units)] if units is not None else []
    if courses is not None:
        where.append(UnitCourseCount.course_slug.in_(courses))
    connection.execute(delete(UnitCourseCount).where(*where))
    if steps:
        connection.execute(insert(UnitCourseCount).from_select(
            list(KEY_COLUMNS + COUNT_COLUMNS), count_rows(steps, unit_ids=unit_ids, under=under)))
    if courses is None:
        recount_members(session, unit_ids=unit_ids, under=under)


def recount_members(session: Session, *, unit_ids: list[int] | None = None, under: str | None = None) -> None:
    """Count again the active members of these units (all units when neither is given)."""
    connection = session.connection()
    _lock(connection)
    units = _units(unit_ids, under)
    connection.execute(delete(UnitMemberCount).where(
        *([UnitMemberCount.unit_id.in_(units)] if units is not None else [])))
    connection.execute(insert(UnitMemberCount).from_select(
        ["unit_id", "committee_role", "members"], member_rows(unit_ids=unit_ids, under=under)))


# --- Content changes ------------------------------------------------------------------------

def bring_up_to_date(session: Session, catalogue=None) -> tuple[int, list[str]]:
    """After a content change (publish, init, repair): store the completions whose
    requirements are now met (``status``, rule 2), then count again every visible course
    whose steps changed or that was never counted; forget courses no longer shown.
    Returns (completions stored, slugs of the courses counted)."""
    from .records import store_met_completions

    catalogue = catalogue or current_catalogue()
    visible = {course.slug: course for course in catalogue.visible_courses()}
    known = dict(session.execute(select(CountedCourse.course_slug, CountedCourse.steps_key)).all())
    changed = [course for slug, course in visible.items() if known.get(slug) != steps_key(course)]
    gone = [slug for slug in known if slug not in visible]
    if not changed and not gone:
        return 0, []
    _lock(session.connection())
    session.info["counts_suspended"] = {course.slug for course in changed}
    try:
        stored = sum(store_met_completions(session, course) for course in changed)
    finally:
        session.info.pop("counts_suspended", None)
    session.execute(delete(CountedCourse).where(CountedCourse.course_slug.in_(gone + [c.slug for c in changed])))
    session.execute(delete(UnitCourseCount).where(UnitCourseCount.course_slug.in_(gone)))
    if changed:
        recount(session, courses=[course.slug for course in changed])
    recount_members(session)
    now = datetime.now(UTC)
    if changed:
        session.execute(insert(CountedCourse), [{"course_slug": course.slug, "steps_key": steps_key(course),
                                                 "counted_at": now} for course in changed])
    return stored, [course.slug for course in changed]


def counted_for_current_steps(session: Session, courses) -> bool:
    """Whether every one of ``courses`` is counted for the steps it has now."""
    wanted = {course.slug: steps_key(course) for course in courses}
    if not wanted:
        return True
    known = dict(session.execute(select(CountedCourse.course_slug, CountedCourse.steps_key)
                                 .where(CountedCourse.course_slug.in_(list(wanted)))).all())
    return known == wanted
