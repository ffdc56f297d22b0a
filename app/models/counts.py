"""Per-unit, per-course counts that the completion report reads instead of every progress row.

They are kept up to date by every write that changes them, in its own transaction
(``app.progress.counts`` says which writes change what); ``flask report verify``
recomputes them from the raw rows.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Float, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base
from .types import UTCDateTime

#: Stands for "no due date" in ``UnitCourseCount.due_date``, which is part of the row's key
#: (NULL would make every undated row distinct to a unique constraint). Never overdue.
NO_DUE_DATE = date(9999, 12, 31)


class UnitCourseCount(Base):
    """How the active members of one unit (its own members, not those of the units below)
    with one committee role stand in one course assigned to them with one due date."""

    __tablename__ = "unit_course_count"
    __table_args__ = (
        UniqueConstraint("unit_id", "course_slug", "committee_role", "due_date", name="uq_unit_course_count"),
        Index("ix_unit_course_count_course", "course_slug"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    course_slug: Mapped[str] = mapped_column(String(80))
    committee_role: Mapped[str] = mapped_column(String(32))
    #: The earliest due date of the assignments that reach these members; NO_DUE_DATE: none.
    due_date: Mapped[date] = mapped_column(Date)
    assigned: Mapped[int] = mapped_column(default=0)
    completed: Mapped[int] = mapped_column(default=0)
    #: Started and not completed (overdue or in progress, depending on the day).
    started: Mapped[int] = mapped_column(default=0)
    #: Members with a submitted attempt at one of the course's quizzes, and the sum of each
    #: one's best percent (for the average score).
    scored: Mapped[int] = mapped_column(default=0)
    score_sum: Mapped[float] = mapped_column(Float, default=0.0)
    last_activity_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class UnitMemberCount(Base):
    """Active members of one unit (its own) with one committee role."""

    __tablename__ = "unit_member_count"
    __table_args__ = (UniqueConstraint("unit_id", "committee_role", name="uq_unit_member_count"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    committee_role: Mapped[str] = mapped_column(String(32))
    members: Mapped[int] = mapped_column(default=0)


class CountedCourse(Base):
    """The steps of a course (lessons, required lessons, quizzes) its counts were made for: a
    course whose steps changed since, or that has no row, is read from the raw rows until
    its counts are made again (``flask content publish``, ``flask report verify --repair``)."""

    __tablename__ = "counted_course"

    course_slug: Mapped[str] = mapped_column(String(80), primary_key=True)
    steps_key: Mapped[str] = mapped_column(String(64))
    counted_at: Mapped[datetime] = mapped_column(UTCDateTime)
