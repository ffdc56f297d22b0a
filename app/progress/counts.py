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
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Iterable, Iterator

from sqlalchemy import bindparam, case, delete, event, func, inspect, insert, literal, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ..models import CountedCourse, Member, Unit, UnitCourseCount, UnitMemberCount
from ..models.types import UTCDateTime
from .count_sql import COUNT_COLUMNS, KEY_COLUMNS, count_rows, facts_after, facts_of_member, member_rows
from .status import CourseSteps

_NEVER = datetime(1970, 1, 1, tzinfo=timezone.utc)


def steps_key(course) -> str:
    """What the counts of a course (a Course or its CourseSteps) depend on: its lessons,
    required lessons, quizzes and required sessions; a change to any is a change of numbers."""
    steps = course if isinstance(course, CourseSteps) else CourseSteps.of(course)
    shape = {"lessons": sorted(steps.lessons), "required": sorted(steps.required),
             "quizzes": sorted(steps.quizzes), "sessions": steps.sessions_required}
    return hashlib.sha256(json.dumps(shape, sort_keys=True).encode()).hexdigest()[:32]


def _catalogue():
    from ..content_store import catalogue

    return catalogue()


def _counted(courses=None) -> dict[str, CourseSteps]:
    """The visible courses (those reports show), by slug, as the SQL needs them."""
    visible = _catalogue().visible_courses()
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
    steps = tuple(_counted(courses).values())
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


# --- Deltas of one member's writes ----------------------------------------------------------

def _facts(session: Session, member_id: int, courses: tuple[CourseSteps, ...]) -> dict[str, tuple]:
    """Her assigned pairs: course -> (unit, role, due date, completed, started, best, last)."""
    return {row.course_slug: (row.unit_id, row.committee_role, row.due_date, row.completed, row.started,
                              row.best_percent, row.last_at)
            for row in session.connection().execute(facts_of_member(courses), {"member": member_id})}


def _facts_again(session: Session, member_id: int, before: dict, steps: tuple[CourseSteps, ...]) -> dict:
    """The same pairs after the write, under the keys found before (a write changes none)."""
    assigned = tuple(s for s in steps if s.slug in before)
    if not assigned:
        return {}
    return {row.course_slug: (*before[row.course_slug][:3], row.completed, row.started, row.best_percent,
                              row.last_at)
            for row in session.connection().execute(facts_after(assigned), {"member": member_id})}


_ADD = (update(UnitCourseCount)
        .where(UnitCourseCount.unit_id == bindparam("k_unit"), UnitCourseCount.course_slug == bindparam("k_course"),
               UnitCourseCount.committee_role == bindparam("k_role"), UnitCourseCount.due_date == bindparam("k_due"))
        .values(completed=UnitCourseCount.completed + bindparam("d_completed"),
                started=UnitCourseCount.started + bindparam("d_started"),
                scored=UnitCourseCount.scored + bindparam("d_scored"),
                score_sum=UnitCourseCount.score_sum + bindparam("d_score_sum")))
_ADD_ACTIVITY = _ADD.values(last_activity_at=case(
    (func.coalesce(UnitCourseCount.last_activity_at, literal(_NEVER, UTCDateTime)) < bindparam("last", type_=UTCDateTime()),
     bindparam("last", type_=UTCDateTime())), else_=UnitCourseCount.last_activity_at))


@contextmanager
def tracking(session: Session, member_id: int, course_slugs: Iterable[str]) -> Iterator[None]:
    """Around one member's writes to her learning in these courses (Core statements, as the
    hot paths write): add to her count rows what the writes changed. Nested blocks for the
    same member and course count once, in the outermost."""
    active = session.info.setdefault("counts_tracking", set())
    suspended = session.info.get("counts_suspended", set())
    slugs = [slug for slug in dict.fromkeys(course_slugs)
             if (member_id, slug) not in active and slug not in suspended]
    steps = tuple(steps for slug, steps in _counted(slugs).items())
    if not steps:
        yield
        return
    session.flush()
    if session.get_bind().dialect.name == "postgresql":
        session.connection().execute(select(Member.id).where(Member.id == member_id).with_for_update())
    before = _facts(session, member_id, steps)
    keys = {(member_id, s.slug) for s in steps}
    active |= keys
    try:
        yield
        session.flush()
    finally:
        active -= keys
    if before:
        _apply(session, member_id, before, _facts_again(session, member_id, before, steps),
               {s.slug: s for s in steps})


def _apply(session: Session, member_id: int, before: dict, after: dict, steps: dict) -> None:
    # In course order: two members' writes update shared rows in one order, never in a cycle.
    for slug in sorted(before.keys() | after.keys()):
        old, new = before.get(slug), after.get(slug)
        if old is None or new is None or old[:3] != new[:3]:  # she became (un)assigned meanwhile
            unit_ids = {facts[0] for facts in (old, new) if facts is not None}
            recount(session, unit_ids=unit_ids, courses=[slug])
            continue
        delta = {"d_completed": new[3] - old[3], "d_started": new[4] - old[4],
                 "d_scored": (new[5] is not None) - (old[5] is not None),
                 "d_score_sum": (new[5] or 0.0) - (old[5] or 0.0)}
        changed_last = new[6] is not None and new[6] != old[6]
        if not any(delta.values()) and not changed_last:
            continue
        key = {"k_unit": new[0], "k_course": slug, "k_role": new[1], "k_due": new[2]}
        statement, values = (_ADD_ACTIVITY, {**key, **delta, "last": new[6]}) if changed_last else (_ADD, {**key, **delta})
        execute = session.connection().execute
        if execute(statement, values).rowcount == 0 and not _count_key(session, steps[slug], key):
            execute(statement, values)  # another write counted the row first (after our update looked): add ours


def _count_key(session: Session, steps: CourseSteps, key: dict) -> bool:
    """A row never counted (members added by a bulk write, or counted away): count it from the
    raw rows, this write included. Only this row, without the table lock of ``recount``: this
    transaction already updates the table, and waiting for that lock here while another write
    waits the same way is a deadlock. False when a concurrent write inserted the row first."""
    rows = count_rows((steps,), unit_ids=[key["k_unit"]]).subquery()
    one = select(*[rows.c[column] for column in KEY_COLUMNS + COUNT_COLUMNS]).where(
        rows.c.committee_role == key["k_role"], rows.c.due_date == key["k_due"])
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(UnitCourseCount).from_select(list(KEY_COLUMNS + COUNT_COLUMNS), one) \
        .on_conflict_do_nothing(index_elements=list(KEY_COLUMNS)).returning(UnitCourseCount.id)
    return session.connection().execute(statement).first() is not None  # (rowcount is -1 here)


# --- Content changes ------------------------------------------------------------------------

def bring_up_to_date(session: Session, catalogue=None) -> tuple[int, list[str]]:
    """After a content change (publish, init, repair): store the completions whose
    requirements are now met (``status``, rule 2), then count again every visible course
    whose steps changed or that was never counted; forget courses no longer shown.
    Returns (completions stored, slugs of the courses counted)."""
    from .records import store_met_completions

    catalogue = catalogue or _catalogue()
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
    now = datetime.now(timezone.utc)
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




# --- Writes made through the ORM ------------------------------------------------------------

def watch(session_factory) -> None:
    """At each flush of ``session_factory``'s sessions, count again what the ORM objects
    written in it change (the table above). Hot paths write with Core and use ``tracking``."""
    event.listen(session_factory, "after_flush", _after_flush)


def _after_flush(session: Session, _context) -> None:
    from flask import has_app_context

    from ..models import Assignment, CourseCompletion, GroupTrainingAssignment, LessonProgress, QuizAttempt
    from ..models.training import Attendance, TrainingSession

    units: set[int] = set()  # every course of these units
    learners: set[tuple[int, str]] = set()  # (member, course): that course in her unit
    subtrees: set[tuple[int, str]] = set()  # (unit, course): that course in the unit and below
    for obj in (*session.new, *session.dirty, *session.deleted):
        added_or_gone = obj in session.new or obj in session.deleted
        if isinstance(obj, Member):
            if added_or_gone or _changed(obj, "unit_id", "unit", "committee_role", "active"):
                left = {unit.id for unit in inspect(obj).attrs["unit"].history.deleted if unit}
                units |= _values(obj, "unit_id") | left
        elif isinstance(obj, Unit) and _changed(obj, "path"):
            units.add(obj.id)
        elif isinstance(obj, Assignment):
            if added_or_gone or _changed(obj, "unit_id", "course_slug", "committee_roles", "due_date"):
                subtrees |= {(unit_id, slug) for unit_id in _values(obj, "unit_id")
                             for slug in _values(obj, "course_slug")}
        elif isinstance(obj, (GroupTrainingAssignment, LessonProgress, CourseCompletion)):
            learners |= {(obj.member_id, slug) for slug in _values(obj, "course_slug")}
        elif isinstance(obj, QuizAttempt):
            if (obj.submitted_at is not None or _changed(obj, "submitted_at")) and has_app_context():
                using = _catalogue().courses_using_quiz(obj.quiz_id)
                learners |= {(obj.member_id, course.slug) for course in using}
        elif isinstance(obj, Attendance):
            slug = session.connection().execute(select(TrainingSession.course_slug).where(
                TrainingSession.id == obj.session_id)).scalar()
            learners |= {(obj.member_id, slug)} if slug else set()
    if not (units or learners or subtrees) or not has_app_context():
        return
    session.info["counts_in_flush"] = True
    try:
        _recount_touched(session, units, learners, subtrees)
    finally:
        session.info.pop("counts_in_flush", None)


def _recount_touched(session: Session, units: set, learners: set, subtrees: set) -> None:
    execute = session.connection().execute
    if units:
        recount(session, unit_ids=units)
    unit_of = dict(execute(select(Member.id, Member.unit_id).where(
        Member.id.in_({member_id for member_id, _ in learners}))).all()) if learners else {}
    for slug in {slug for _, slug in learners}:
        theirs = {unit_of[member] for member, course in learners if course == slug and member in unit_of}
        recount(session, courses=[slug], unit_ids=theirs - units)
    for unit_id, slug in subtrees:
        path = execute(select(Unit.path).where(Unit.id == unit_id)).scalar()
        if path:
            recount(session, under=path, courses=[slug])


def _changed(obj, *fields: str) -> bool:
    attrs = inspect(obj).attrs
    return any(attrs[name].history.has_changes() for name in fields)


def _values(obj, field: str) -> set:
    """The attribute's value now and, if this flush changed it, before."""
    history = inspect(obj).attrs[field].history
    found = {value for value in (*history.added, *history.unchanged, *history.deleted) if value is not None}
    return found or ({getattr(obj, field)} if getattr(obj, field, None) is not None else set())
