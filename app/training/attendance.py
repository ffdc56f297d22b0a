"""Writing attendance: one row per session and member, and the blended course's completion
stored the moment the attendance that finishes it is recorded. Callers own the transaction."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy.orm import Session

from ..models import Attendance, Member, TrainingSession
from ..progress import counts
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
    with counts.tracking(session, member.id, [training.course_slug]):  # the report's kept counts
        inserted = insert_ignoring_duplicates(session, Attendance, {
            "session_id": training.id, "member_id": member.id, "method": method, "walk_in": walk_in,
            "recorded_by_id": recorded_by.id if recorded_by is not None else None,
            "recorded_at": now or datetime.now(timezone.utc),
        }, ["session_id", "member_id"])
        if inserted and course is not None and not course.is_broken:
            complete_if_done(session, member, course, language)
    return inserted
