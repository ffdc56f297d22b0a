"""Kept counts, one member's write at a time: her facts before and after the write, the
difference added to her count row (``counts``, the table of what keeps what)."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import bindparam, case, func, literal, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ..models import Member, UnitCourseCount
from ..models.types import UTCDateTime
from .count_sql import COUNT_COLUMNS, KEY_COLUMNS, count_rows, facts_after, facts_of_member
from .counts import recount, visible_steps
from .status import CourseSteps

_NEVER = datetime(1970, 1, 1, tzinfo=UTC)


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
    (func.coalesce(UnitCourseCount.last_activity_at, literal(_NEVER, UTCDateTime))
     < bindparam("last", type_=UTCDateTime()),
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
    steps = tuple(steps for slug, steps in visible_steps(slugs).items())
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
        statement, values = ((_ADD_ACTIVITY, {**key, **delta, "last": new[6]}) if changed_last
                             else (_ADD, {**key, **delta}))
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
