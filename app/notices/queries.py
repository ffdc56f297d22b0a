"""The facts the notice rule reads, in one query (three when a session starts tomorrow).

Every page's header asks for her notices, so the facts come in one UNION ALL statement built
once (see ``app.progress.records``): her assignments (through her unit or any unit above it,
and those naming her), her completed and started courses, her quiz results, the notices she
closed, and whether any session at all starts tomorrow. Only when one does are her own
sessions read (``app.training.queries.sessions_for_member``).

"Started" and "completed" here are what the database records (a lesson opened, a quiz
taken; a stored completion), which is what My learning shows for every course that has not
changed since she finished it.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BindParameter,
    CompoundSelect,
    Date,
    Integer,
    String,
    bindparam,
    case,
    cast,
    func,
    literal_column,
    null,
    select,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from ..content_store import catalogue
from ..models import Assignment, CourseCompletion, LessonProgress, Member, QuizAttempt, Unit
from ..models.followup import NoticeDismissal
from ..models.groups import GroupTrainingAssignment
from ..models.training import TrainingSession
from ..progress.assignments import applies_to
from ..progress.records import insert_ignoring_duplicates, rows
from ..progress.rules import course_steps
from .rules import (
    AssignedCourse,
    CourseShape,
    QuizRecord,
    Situation,
    UpcomingSession,
    tomorrow_window,
)


def _kind(name: str):
    return literal_column(f"'{name}'", String).label("kind")


_NO_DAY, _NO_TEXT, _ZERO = cast(null(), Date), cast(null(), String), literal_column("0", Integer)
_HER_UNIT = aliased(Unit)
_HER_PATH = select(_HER_UNIT.path).where(_HER_UNIT.id == bindparam("unit")).scalar_subquery()
_MEMBER: BindParameter[Any] = bindparam("member")

_FACTS = union_all(
    select(_kind("unit"), Assignment.course_slug.label("name"), Assignment.due_date.label("day"),
           Assignment.created_at.label("at"), Assignment.committee_roles.label("roles"),
           _ZERO.label("number"), _ZERO.label("flag"))
    .join(Unit, Unit.id == Assignment.unit_id).where(_HER_PATH.like(Unit.path + "%")),
    select(_kind("her"), GroupTrainingAssignment.course_slug, GroupTrainingAssignment.due_date,
           GroupTrainingAssignment.assigned_at, _NO_TEXT, _ZERO, _ZERO)
    .where(GroupTrainingAssignment.member_id == _MEMBER),
    select(_kind("done"), CourseCompletion.course_slug, _NO_DAY, CourseCompletion.completed_at, _NO_TEXT,
           _ZERO, _ZERO).where(CourseCompletion.member_id == _MEMBER),
    select(_kind("started"), LessonProgress.course_slug, _NO_DAY, func.max(LessonProgress.started_at), _NO_TEXT,
           func.count(), _ZERO).where(LessonProgress.member_id == _MEMBER).group_by(LessonProgress.course_slug),
    select(_kind("quiz"), QuizAttempt.quiz_id, _NO_DAY, func.max(QuizAttempt.submitted_at), _NO_TEXT,
           func.count(), func.max(case((QuizAttempt.passed.is_(True), 1), else_=0)))
    .where(QuizAttempt.member_id == _MEMBER, QuizAttempt.submitted_at.is_not(None))
    .group_by(QuizAttempt.quiz_id),
    select(_kind("dismissed"), NoticeDismissal.key, _NO_DAY, NoticeDismissal.dismissed_at, _NO_TEXT,
           _ZERO, _ZERO).where(NoticeDismissal.member_id == _MEMBER),
)


#: Whether any session at all starts tomorrow: on most days none does, and her own sessions
#: (two more queries) are not asked for.
_ANY_SESSION_TOMORROW = select(
    _kind("sessions"), _NO_TEXT, _NO_DAY, func.min(TrainingSession.starts_at), _NO_TEXT, func.count(), _ZERO,
).where(TrainingSession.cancelled_at.is_(None), TrainingSession.starts_at >= bindparam("since"),
        TrainingSession.starts_at < bindparam("until"))
_STATEMENT: CompoundSelect = union_all(*_FACTS.selects, _ANY_SESSION_TOMORROW)


def situation_of(session: Session, member: Member, shapes: Mapping[str, CourseShape], *,
                 now: datetime, zone: str) -> Situation:
    """Everything ``notices_for`` reads about ``member`` at ``now``; ``shapes`` are the courses
    she may see (``course_shapes``)."""
    since, until = tomorrow_window(now, zone)
    assigned: dict[str, AssignedCourse] = {}
    completed, started, dismissed = set(), set(), set()
    quizzes: dict[str, QuizRecord] = {}
    sessions_tomorrow = 0
    for kind, name, day, at, roles, number, flag in rows(
            session, _STATEMENT, {"unit": member.unit_id, "member": member.id, "since": since, "until": until}):
        if kind in ("unit", "her"):
            if kind == "unit" and not applies_to(_Roles(roles), member.committee_role):
                continue
            _keep_earliest_due(assigned, AssignedCourse(name, day, at))
        elif kind == "done":
            completed.add(name)
        elif kind == "started":
            started.add(name)
        elif kind == "quiz":
            quizzes[name] = QuizRecord(name, int(number), bool(flag))
        elif kind == "dismissed":
            dismissed.add(name)
        elif kind == "sessions":
            sessions_tomorrow = int(number or 0)
    started |= {slug for slug, shape in shapes.items()
                if any(quiz_id in quizzes for quiz_id, _limit in shape.quiz_limits)}
    upcoming = _her_sessions(session, member, since, until) if sessions_tomorrow else []
    order = sorted(assigned.values(), key=lambda a: (a.due_date is None, a.due_date or datetime.max.date()))
    return Situation(tuple(order), frozenset(completed), frozenset(started), quizzes, tuple(upcoming),
                     frozenset(dismissed))


class _Roles:
    """A row's committee roles as ``applies_to`` reads an assignment."""

    def __init__(self, roles: str | None):
        self.committee_roles = roles


def _keep_earliest_due(found: dict[str, AssignedCourse], candidate: AssignedCourse) -> None:
    """One course reaching her by several assignments: the earliest due date counts (as on My
    learning), and a course with no due date on one of them takes the dated one."""
    current = found.get(candidate.course_slug)
    if current is None or (candidate.due_date is not None and
                           (current.due_date is None or candidate.due_date < current.due_date)):
        found[candidate.course_slug] = candidate


def _her_sessions(session: Session, member: Member, since: datetime, until: datetime) -> list[UpcomingSession]:
    from ..training.queries import sessions_for_member

    return [UpcomingSession(s.id, s.course_slug, s.starts_at, s.place)
            for s in sessions_for_member(session, member, since, until)]


#: The shapes of the last catalogue seen, with and without drafts (the catalogue is read once
#: per process and replaced whole when the content changes).
_shapes_of: dict[bool, tuple[object, dict[str, CourseShape]]] = {}


def course_shapes(include_drafts: bool = False) -> dict[str, CourseShape]:
    """The courses she may see, with their quizzes in order and the quizzes' attempt limits."""
    current = catalogue()
    cached = _shapes_of.get(include_drafts)
    if cached is not None and cached[0] is current:
        return cached[1]
    quizzes = current.quizzes
    shapes = {}
    for course in current.visible_courses(include_drafts=include_drafts):
        limits = tuple((step.slug, quizzes[step.slug].max_attempts) for step in course_steps(course)
                       if step.is_quiz and step.slug in quizzes and not quizzes[step.slug].is_broken)
        shapes[course.slug] = CourseShape(course.slug, limits)
    _shapes_of[include_drafts] = (current, shapes)
    return shapes


def dismiss(session: Session, member_id: int, key: str, *, now: datetime) -> bool:
    """Close a notice for good (the caller commits); True if it was open."""
    return insert_ignoring_duplicates(session, NoticeDismissal, {
        "member_id": member_id, "key": key, "dismissed_at": now}, ["member_id", "key"])
