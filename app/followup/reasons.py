"""Who is behind on an assigned course, why, and who to call first. Pure functions, no I/O.

A member is behind on an assigned course she has not completed. The reasons say what a
coordinator can talk to her about:

* she has not started it;
* she stopped at a lesson, on a day (the lesson she opened last, and when);
* she failed a quiz of the course, so many times, and has not passed it since;
* she missed an in-person session of the course she was invited to.

Most urgent first: overdue courses (the most days overdue first), then those with a due
date (the soonest first), then those without one. A member is as urgent as her most urgent
course; members equally urgent keep the order they came in (by name).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum


class ReasonKind(str, Enum):
    NOT_STARTED = "not_started"
    STOPPED = "stopped"
    FAILED_QUIZ = "failed_quiz"
    MISSED_SESSION = "missed_session"


@dataclass(frozen=True)
class Reason:
    kind: ReasonKind
    lesson_slug: str | None = None
    on: datetime | None = None  # when she stopped, or when the session was
    quiz_id: str | None = None
    times: int = 0
    session_id: int | None = None


@dataclass(frozen=True)
class CourseFacts:
    """What one member has done in one assigned course, as the worklist reads it."""

    course_slug: str
    due_date: date | None
    complete: bool
    started: bool
    #: The lesson she opened last in this course and when (None: she opened none).
    last_lesson: tuple[str, datetime] | None = None
    #: Quizzes of the course in course order, with her failed attempts on each and whether
    #: she has passed it.
    quizzes: Sequence[tuple[str, int, bool]] = ()
    #: Sessions of this course she was invited to and missed: (session id, start).
    missed_sessions: Sequence[tuple[int, datetime]] = ()


@dataclass(frozen=True)
class BehindCourse:
    course_slug: str
    due_date: date | None
    #: Days past the due date (positive: overdue), or to it (negative or zero); None: no date.
    days_overdue: int | None
    reasons: tuple[Reason, ...]

    @property
    def overdue(self) -> bool:
        return self.days_overdue is not None and self.days_overdue > 0

    @property
    def days_left(self) -> int | None:
        return None if self.days_overdue is None else -self.days_overdue

    @property
    def urgency(self) -> tuple[int, int]:
        """Smaller is more urgent: overdue by most days, then due soonest, then no date."""
        if self.days_overdue is None:
            return (2, 0)
        if self.days_overdue > 0:
            return (0, -self.days_overdue)
        return (1, -self.days_overdue)


def behind_in(facts: CourseFacts, today: date) -> BehindCourse | None:
    """Why she is behind on this course today (None: she has completed it)."""
    if facts.complete:
        return None
    reasons: list[Reason] = []
    if not facts.started:
        reasons.append(Reason(ReasonKind.NOT_STARTED))
    elif facts.last_lesson is not None:
        lesson, when = facts.last_lesson
        reasons.append(Reason(ReasonKind.STOPPED, lesson_slug=lesson, on=when))
    for quiz_id, failed, passed in facts.quizzes:
        if failed and not passed:
            reasons.append(Reason(ReasonKind.FAILED_QUIZ, quiz_id=quiz_id, times=failed))
    for session_id, starts_at in facts.missed_sessions:
        reasons.append(Reason(ReasonKind.MISSED_SESSION, on=starts_at, session_id=session_id))
    days = (today - facts.due_date).days if facts.due_date is not None else None
    return BehindCourse(facts.course_slug, facts.due_date, days, tuple(reasons))


@dataclass(frozen=True)
class WorklistEntry:
    """One member to follow up, with the courses she is behind on, most urgent first."""

    member_id: int
    courses: tuple[BehindCourse, ...]

    @property
    def urgency(self) -> tuple[int, int]:
        return self.courses[0].urgency


def worklist(members: Iterable[int], facts: Mapping[int, Sequence[CourseFacts]], today: date) -> list[WorklistEntry]:
    """The members (ids, in the order to keep among equals) who are behind, most urgent first."""
    entries = []
    for member_id in members:
        behind = [b for f in facts.get(member_id, ()) if (b := behind_in(f, today)) is not None]
        if behind:
            behind.sort(key=lambda b: b.urgency)
            entries.append(WorklistEntry(member_id, tuple(behind)))
    entries.sort(key=lambda entry: entry.urgency)  # stable: equals stay in name order
    return entries
