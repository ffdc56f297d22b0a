"""Kept counts for writes made through the ORM (members, units, assignments; lesson progress,
attempts and attendance written as objects, as tests and the demo do): at each flush, the
units and courses those objects touch are counted again (``counts``, the table)."""
from __future__ import annotations

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from ..models import Member, Unit
from .counts import current_catalogue, recount


def watch(session_factory) -> None:
    """At each flush of ``session_factory``'s sessions, count again what the ORM objects
    written in it change (the table above). Hot paths write with Core and use ``tracking``."""
    event.listen(session_factory, "after_flush", _after_flush)


def _after_flush(session: Session, _context) -> None:
    from flask import has_app_context

    from ..models import (
        Assignment,
        CourseCompletion,
        GroupTrainingAssignment,
        LessonProgress,
        QuizAttempt,
    )
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
                using = current_catalogue().courses_using_quiz(obj.quiz_id)
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
