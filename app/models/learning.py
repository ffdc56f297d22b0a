"""What a member has read and finished."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base
from .types import UTCDateTime, utcnow


class LessonProgress(Base):
    """One row per member, course and lesson; completing twice changes nothing."""

    __tablename__ = "lesson_progress"
    __table_args__ = (
        UniqueConstraint("member_id", "course_slug", "lesson_slug", name="uq_progress_lesson"),
        Index("ix_progress_course", "course_slug", "completed_at"),
        # Covers the reports' per-member lookups without visiting table rows (migration 0002).
        Index("ix_progress_member_course_times", "member_id", "course_slug", "lesson_slug",
              "started_at", "completed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    course_slug: Mapped[str] = mapped_column(String(80))
    lesson_slug: Mapped[str] = mapped_column(String(80))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Hash of the lesson text the member saw when she completed it.
    content_hash: Mapped[str | None] = mapped_column(String(64))


class CourseCompletion(Base):
    """A finished course, stored when the last required step happens."""

    __tablename__ = "course_completion"
    __table_args__ = (
        UniqueConstraint("member_id", "course_slug", name="uq_completion"),
        Index("ix_completion_course", "course_slug", "completed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    course_slug: Mapped[str] = mapped_column(String(80))
    completed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
