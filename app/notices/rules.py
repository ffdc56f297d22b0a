"""Which notices apply to a member now: a pure function of what she has to do and has done.

No I/O and no Flask: the caller gathers the facts (``queries.situation_of``) and the page,
the header and any later sender (see the package docstring) read the same answer.

Days are counted in the union's time zone (``zone``), never the server's: a course due on
15 December is due today from 00:00 to 23:59 in Hồ Chí Minh City, and overdue from the
first minute of the 16th (as ``app.progress.rules.assignment_status`` says).

Every notice has a key naming it and the fact behind it, e.g. ``due-soon:basics:2026-12-15``.
A dismissed key stays dismissed; a changed fact (a new due date, another failed attempt,
another session) has another key, so it is a new notice.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import Enum
from zoneinfo import ZoneInfo

#: A due date this many days ahead or fewer makes a "due soon" notice.
DUE_SOON_DAYS = 7
#: An assignment made this many days ago or fewer, on a course not yet started, is "new".
NEW_FOR_DAYS = 14


class NoticeKind(str, Enum):
    OVERDUE = "overdue"
    SESSION_TOMORROW = "session-tomorrow"
    DUE_SOON = "due-soon"
    RETAKE = "retake"
    NEW_ASSIGNMENT = "new"


#: The order notices are shown in: what costs her most if she misses it first.
PRIORITY = {kind: rank for rank, kind in enumerate(NoticeKind)}


@dataclass(frozen=True)
class AssignedCourse:
    course_slug: str
    due_date: date | None
    #: When the course was assigned to her (the assignment that sets her due date).
    assigned_at: datetime | None = None


@dataclass(frozen=True)
class QuizRecord:
    quiz_id: str
    attempts: int  # submitted attempts
    passed: bool


@dataclass(frozen=True)
class UpcomingSession:
    id: int
    course_slug: str
    starts_at: datetime  # aware
    place: str = ""


@dataclass(frozen=True)
class Situation:
    """What the rule reads about one member. Courses are slugs of courses she may see."""

    assigned: Sequence[AssignedCourse] = ()
    completed: frozenset[str] = frozenset()
    started: frozenset[str] = frozenset()
    quizzes: Mapping[str, QuizRecord] = field(default_factory=dict)
    sessions: Sequence[UpcomingSession] = ()
    dismissed: frozenset[str] = frozenset()


@dataclass(frozen=True)
class CourseShape:
    """What the rule needs of a course: its quizzes in order, with their attempt limits
    (0: unlimited)."""

    slug: str
    quiz_limits: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Notice:
    kind: NoticeKind
    key: str
    course_slug: str
    due_date: date | None = None
    #: Days until the due date (due soon) or since it (overdue).
    days: int = 0
    quiz_id: str | None = None
    #: Attempts left on the quiz (None: unlimited).
    attempts_left: int | None = None
    session: UpcomingSession | None = None


def local_today(now: datetime, zone: str) -> date:
    """Today's date in ``zone`` at the instant ``now`` (an aware datetime)."""
    return now.astimezone(ZoneInfo(zone)).date()


def notices_for(situation: Situation, courses: Mapping[str, CourseShape], *, now: datetime,
                zone: str) -> list[Notice]:
    """The notices that apply to her at ``now``, most pressing first, without dismissed ones.

    ``courses``: the courses she may see, by slug; anything about another course is left out.
    One assignment makes at most one notice, the most pressing of overdue, due soon and new;
    a dismissed one is not replaced by a milder one.
    """
    today = local_today(now, zone)
    found: list[Notice] = []
    for assigned in situation.assigned:
        if assigned.course_slug in courses and assigned.course_slug not in situation.completed:
            notice = _assignment_notice(assigned, situation, today, zone)
            if notice is not None:
                found.append(notice)
    found += _retakes(situation, courses)
    found += _sessions_tomorrow(situation, courses, today, zone)
    shown = [notice for notice in found if notice.key not in situation.dismissed]
    return sorted(shown, key=_order)


def _assignment_notice(assigned: AssignedCourse, situation: Situation, today: date,
                       zone: str) -> Notice | None:
    slug, due = assigned.course_slug, assigned.due_date
    if due is not None and today > due:
        return Notice(NoticeKind.OVERDUE, f"overdue:{slug}:{due.isoformat()}", slug, due, (today - due).days)
    if due is not None and (due - today).days <= DUE_SOON_DAYS:
        return Notice(NoticeKind.DUE_SOON, f"due-soon:{slug}:{due.isoformat()}", slug, due, (due - today).days)
    if assigned.assigned_at is not None and slug not in situation.started:
        assigned_on = local_today(assigned.assigned_at, zone)
        if timedelta(0) <= today - assigned_on <= timedelta(days=NEW_FOR_DAYS):
            return Notice(NoticeKind.NEW_ASSIGNMENT, f"new:{slug}:{assigned_on.isoformat()}", slug, due,
                          (due - today).days if due else 0)
    return None


def _retakes(situation: Situation, courses: Mapping[str, CourseShape]) -> list[Notice]:
    """A quiz she took and has not passed, with an attempt left, in a course she is taking
    (assigned or started) and has not finished. A quiz in two courses is named once."""
    taking = [a.course_slug for a in situation.assigned] + sorted(situation.started)
    found, seen = [], set()
    for slug in dict.fromkeys(taking):
        if slug not in courses or slug in situation.completed:
            continue
        for quiz_id, limit in courses[slug].quiz_limits:
            record = situation.quizzes.get(quiz_id)
            if quiz_id in seen or record is None or record.passed or record.attempts < 1:
                continue
            if limit and record.attempts >= limit:
                continue
            seen.add(quiz_id)
            found.append(Notice(NoticeKind.RETAKE, f"retake:{quiz_id}:{record.attempts}", slug,
                                quiz_id=quiz_id, attempts_left=(limit - record.attempts) if limit else None))
    return found


def _sessions_tomorrow(situation: Situation, courses: Mapping[str, CourseShape], today: date,
                       zone: str) -> list[Notice]:
    tomorrow = today + timedelta(days=1)
    return [Notice(NoticeKind.SESSION_TOMORROW, f"session-tomorrow:{s.id}:{tomorrow.isoformat()}",
                   s.course_slug, session=s)
            for s in situation.sessions
            if s.course_slug in courses and local_today(s.starts_at, zone) == tomorrow]


def tomorrow_window(now: datetime, zone: str) -> tuple[datetime, datetime]:
    """Tomorrow in ``zone``, from its first instant to the next day's, as aware datetimes
    (what to ask the sessions for)."""
    local = ZoneInfo(zone)
    tomorrow = local_today(now, zone) + timedelta(days=1)
    start = datetime(tomorrow.year, tomorrow.month, tomorrow.day, tzinfo=local)
    end = start + timedelta(days=1)
    return start.astimezone(ZoneInfo("UTC")), end.astimezone(ZoneInfo("UTC"))


def _order(notice: Notice) -> tuple:
    within: float
    if notice.kind is NoticeKind.OVERDUE:
        within = -notice.days
    elif notice.kind is NoticeKind.SESSION_TOMORROW and notice.session is not None:
        within = notice.session.starts_at.timestamp()
    else:
        within = notice.days
    return PRIORITY[notice.kind], within, notice.key
