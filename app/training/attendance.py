"""Writing attendance: one row per session and member, and the blended course's completion
stored the moment the attendance that finishes it is recorded; taking back an attendance
recorded by mistake. Callers own the transaction."""
from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete
from sqlalchemy.orm import Session

from ..models import Attendance, Member, TrainingSession
from ..progress import count_tracking
from ..progress.records import complete_if_done, insert_ignoring_duplicates


def record_attendance(session: Session, training: TrainingSession, member: Member, course, *,
                      method: str, walk_in: bool, recorded_by: Member | None,
                      language: str | None = None, now: datetime | None = None) -> bool:
    """Record that ``member`` attended ``training``; True when newly recorded.

    A second check-in, tick or paper entry for the same member changes nothing: the first
    record, with its method and recorder, stands. ``course`` is the session's course from
    the catalogue (None when it is gone); when this attendance is the last part of a blended
    course she had left, the completion and the certificate are stored now, as for a lesson.
    """
    with count_tracking.tracking(session, member.id, [training.course_slug]):  # the report's kept counts
        inserted = insert_ignoring_duplicates(session, Attendance, {
            "session_id": training.id, "member_id": member.id, "method": method, "walk_in": walk_in,
            "recorded_by_id": recorded_by.id if recorded_by is not None else None,
            "recorded_at": now or datetime.now(UTC),
        }, ["session_id", "member_id"])
        if inserted and course is not None and not course.is_broken:
            complete_if_done(session, member, course, language)
    return inserted


def take_back_attendance(session: Session, training: TrainingSession, member: Member) -> bool:
    """Remove her attendance at ``training``, however it was recorded; True when removed. The
    report's kept counts follow.

    The organiser is the one who sees who is in the hall: a wrong name ticked or entered from
    the sheet is hers to correct, and so is a check-in with a code that was passed on (a
    photo of the poster in a Zalo group reaches members at home while the code still works).

    A completion (and certificate) this attendance finished stays: as everywhere on this
    platform, a course once completed is never taken back (``progress.records`` stores
    completions and nothing removes them; the rules keep a course complete once stored).
    Like the tick itself, taking it back is not an entry of the audit trail.
    """
    with count_tracking.tracking(session, member.id, [training.course_slug]):  # the report's kept counts
        removed = session.execute(delete(Attendance).where(
            Attendance.session_id == training.id, Attendance.member_id == member.id).returning(Attendance.id)).first()
    return removed is not None
