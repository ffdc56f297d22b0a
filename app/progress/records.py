"""Reading and writing a member's progress. Callers own the transaction (one per request)."""
from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import cast

from sqlalchemy import CursorResult, Insert, bindparam, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ..db import begin_write
from ..models import Certificate, CourseCompletion, LessonProgress, Member, QuizAttempt, Unit
from ..models.training import Attendance, TrainingSession
from . import count_tracking
from .rules import CourseProgress, course_progress
from .status import CourseSteps, requirements_met_sql


@dataclass
class MemberRecord:
    """Everything about one member's learning that the pages need, read in four queries."""

    done: dict[str, set[str]] = field(default_factory=dict)  # course -> lessons done
    started: dict[str, set[str]] = field(default_factory=dict)  # course -> lessons opened
    last_opened: dict[str, tuple[str, datetime]] = field(default_factory=dict)
    passed_quizzes: set[str] = field(default_factory=set)
    attempted_quizzes: set[str] = field(default_factory=set)
    completions: dict[str, datetime] = field(default_factory=dict)
    #: course -> in-person sessions of it she attended (blended courses)
    sessions_attended: dict[str, int] = field(default_factory=dict)

    def progress(self, course) -> CourseProgress:
        return course_progress(
            course, self.done.get(course.slug, set()), self.passed_quizzes,
            started_lessons=self.started.get(course.slug, set()),
            attempted_quizzes=self.attempted_quizzes,
            completed_before=course.slug in self.completions,
            sessions_attended=self.sessions_attended.get(course.slug, 0),
        )


def load_member_record(session: Session, member_id: int, course_slug: str | None = None) -> MemberRecord:
    """Read a member's lesson progress, quiz results and completions."""
    return load_member_records(session, [member_id], course_slug).get(member_id, MemberRecord())


# The statements pages run on every request are built once: building a SELECT costs about
# as much as running it on SQLite. Parameters are bound by name at execution.
_PROGRESS = select(LessonProgress.member_id, LessonProgress.course_slug, LessonProgress.lesson_slug,
                   LessonProgress.completed_at, LessonProgress.started_at).where(
    LessonProgress.member_id.in_(bindparam("members", expanding=True)))
_PROGRESS_IN_COURSE = _PROGRESS.where(LessonProgress.course_slug == bindparam("course"))
_QUIZ_RESULTS = select(QuizAttempt.member_id, QuizAttempt.quiz_id, QuizAttempt.passed).where(
    QuizAttempt.member_id.in_(bindparam("members", expanding=True)), QuizAttempt.submitted_at.is_not(None))
_COMPLETIONS = select(CourseCompletion.member_id, CourseCompletion.course_slug, CourseCompletion.completed_at) \
    .where(CourseCompletion.member_id.in_(bindparam("members", expanding=True)))
_SESSIONS_ATTENDED = select(Attendance.member_id, TrainingSession.course_slug, func.count(Attendance.id)) \
    .join(TrainingSession, TrainingSession.id == Attendance.session_id) \
    .where(Attendance.member_id.in_(bindparam("members", expanding=True))) \
    .group_by(Attendance.member_id, TrainingSession.course_slug)
_LESSONS_SEEN = select(LessonProgress.lesson_slug, LessonProgress.completed_at).where(
    LessonProgress.member_id == bindparam("member"), LessonProgress.course_slug == bindparam("course"))
_COMPLETED_COURSES = select(CourseCompletion.course_slug).where(CourseCompletion.member_id == bindparam("member"))


def rows(session: Session, statement, params: dict):
    """The rows of a SELECT of columns (not entities), run on the session's connection.

    For plain rows Core is about twice as fast as the ORM; pending changes are flushed first,
    as the ORM would."""
    session.flush()
    return session.connection().execute(statement, params)


def load_member_records(session: Session, member_ids: list[int],
                        course_slug: str | None = None) -> dict[int, MemberRecord]:
    """The records of several members (a unit's roster), in four queries whatever their number."""
    records = {member_id: MemberRecord() for member_id in member_ids}
    members = {"members": list(member_ids)}
    progress = (rows(session, _PROGRESS_IN_COURSE, {**members, "course": course_slug}) if course_slug
                else rows(session, _PROGRESS, members))
    for member_id, course, lesson, completed_at, started_at in progress:
        record = records[member_id]
        record.started.setdefault(course, set()).add(lesson)
        if completed_at is not None:
            record.done.setdefault(course, set()).add(lesson)
        last = record.last_opened.get(course)
        if last is None or started_at > last[1]:
            record.last_opened[course] = (lesson, started_at)
    for member_id, quiz_id, passed in rows(session, _QUIZ_RESULTS, members):
        records[member_id].attempted_quizzes.add(quiz_id)
        if passed:
            records[member_id].passed_quizzes.add(quiz_id)
    for member_id, course, completed_at in rows(session, _COMPLETIONS, members):
        records[member_id].completions[course] = completed_at
    for member_id, course, attended in rows(session, _SESSIONS_ATTENDED, members):
        records[member_id].sessions_attended[course] = attended
    return records


def lessons_seen(session: Session, member_id: int, course_slug: str) -> tuple[set[str], set[str]]:
    """The lessons of one course she has opened, and those she has done: one small query,
    for the lesson page, which needs nothing else of her record."""
    opened, done = set(), set()
    for lesson, completed_at in rows(session, _LESSONS_SEEN, {"member": member_id, "course": course_slug}):
        opened.add(lesson)
        if completed_at is not None:
            done.add(lesson)
    return opened, done


def completed_courses(session: Session, member_id: int) -> set[str]:
    return set(rows(session, _COMPLETED_COURSES, {"member": member_id}).scalars())


def insert_ignoring_duplicates(session: Session, model, values: dict, keys: list[str]) -> bool:
    """INSERT that does nothing when a row with the same ``keys`` exists; True if inserted.

    Whether a row was inserted is read from RETURNING, not from ``rowcount``, which
    PostgreSQL's driver does not report for statements that return rows.
    """
    dialect = session.get_bind().dialect.name
    statement: Insert
    if dialect == "sqlite":
        statement = sqlite.insert(model).values(**values).on_conflict_do_nothing(index_elements=keys)
    elif dialect == "postgresql":
        statement = postgresql.insert(model).values(**values).on_conflict_do_nothing(index_elements=keys)
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported
        statement = insert(model).values(**values)
    return session.execute(statement.returning(model.id)).first() is not None


def lesson_opened(session: Session, member_id: int, course_slug: str, lesson_slug: str) -> bool:
    """Note that she opened the lesson (for "continue"); True if this is the first time."""
    with count_tracking.tracking(session, member_id, [course_slug]):
        return insert_ignoring_duplicates(session, LessonProgress, {
            "member_id": member_id, "course_slug": course_slug, "lesson_slug": lesson_slug,
            "started_at": datetime.now(UTC),
        }, ["member_id", "course_slug", "lesson_slug"])


class LessonNotOpened(Exception):
    """She asks to mark a lesson done that she has never opened."""


def mark_lesson_done(session: Session, member_id: int, course_slug: str, lesson_slug: str,
                     content_hash: str) -> bool:
    """Mark a lesson done; idempotent (marking twice changes nothing). True if newly done.

    Only a lesson she has opened (the lesson page recorded her visit) can be done: raises
    LessonNotOpened otherwise, having written nothing, so a script cannot collect lessons,
    and with them a certificate, without ever reading them.
    """
    with count_tracking.tracking(session, member_id, [course_slug]):
        result = cast(CursorResult, session.execute(
            update(LessonProgress)
            .where(LessonProgress.member_id == member_id, LessonProgress.course_slug == course_slug,
                   LessonProgress.lesson_slug == lesson_slug, LessonProgress.completed_at.is_(None))
            .values(completed_at=datetime.now(UTC), content_hash=content_hash)
        ))  # an UPDATE's result is a CursorResult
    if result.rowcount == 1:
        return True
    if lesson_slug not in lessons_seen(session, member_id, course_slug)[0]:
        raise LessonNotOpened(lesson_slug)
    return False


def new_certificate_code() -> str:
    """32 URL-safe characters from 192 random bits: cannot be guessed or enumerated."""
    return secrets.token_urlsafe(24)


def complete_if_done(session: Session, member: Member, course, language: str | None = None) -> bool:
    """Store the completion and issue the certificate the moment the last step is done.

    The certificate carries the language she finished in (``language``, else her chosen
    language, else the course's own) and the course title in it, so it reads as she took it.
    Returns True when the course has just been completed. Safe to call after every step.
    """
    record = load_member_record(session, member.id, course.slug)
    if course.slug in record.completions or not record.progress(course).requirements_met:
        return False
    with count_tracking.tracking(session, member.id, [course.slug]):
        return _store_completion(session, member, course, language)


def _store_completion(session: Session, member: Member, course, language: str | None) -> bool:
    now = datetime.now(UTC)
    if not insert_ignoring_duplicates(session, CourseCompletion, {
        "member_id": member.id, "course_slug": course.slug, "completed_at": now,
    }, ["member_id", "course_slug"]):
        return False
    finished_in = language or member.language or course.language
    insert_ignoring_duplicates(session, Certificate, {
        "code": new_certificate_code(), "member_id": member.id, "course_slug": course.slug,
        "course_title": course.text_for(finished_in).title, "language": finished_in,
        "unit_id": member.unit_id, "issued_at": now,
        "unit_name": session.scalar(select(Unit.name).where(Unit.id == member.unit_id)),
    }, ["member_id", "course_slug"])
    return True


def store_due_completions(session: Session, member: Member, record: MemberRecord, courses,
                          language: str | None = None) -> bool:
    """Store the completions she is due but does not have: courses whose requirements a content
    change met without a step of hers (a lesson made optional, a quiz taken out; see
    ``status``). For the pages she opens (My learning, the course list, a course page), before
    they are drawn; True when something was stored (the caller commits and reads her record
    again). Takes the write lock only when there is something to store."""
    due = [course for course in courses
           if course.slug not in record.completions and record.progress(course).requirements_met]
    if not due:
        return False
    begin_write(session)
    stored = [complete_if_done(session, member, course, language) for course in due]
    return any(stored)


def store_met_completions(session: Session, course, batch: int = 500) -> int:
    """After a content change: store the completion (and certificate) of every active member
    who now meets ``course``'s requirements without one (``status``, rule 2). Candidates come
    from the SQL twin of the rule; each is confirmed by the Python rule. Returns how many."""
    candidates = list(session.execute(requirements_met_sql(CourseSteps.of(course))
                                      .where(Member.active.is_(True))).scalars())
    stored = 0
    for start in range(0, len(candidates), batch):
        part = candidates[start:start + batch]
        records = load_member_records(session, part, course.slug)
        for member in session.scalars(select(Member).where(Member.id.in_(part))):
            progress = records[member.id].progress(course)
            if not progress.complete and progress.requirements_met:
                stored += _store_completion(session, member, course, None)
    return stored


def certificate_for(session: Session, member_id: int, course_slug: str) -> Certificate | None:
    return session.scalars(select(Certificate).where(
        Certificate.member_id == member_id, Certificate.course_slug == course_slug)).first()
