"""Assignments of courses to units, and certificates earned."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base
from .members import Member
from .types import UTCDateTime, utcnow
from .units import Unit


class Assignment(Base):
    """A course expected of every member of a unit and the units below it."""

    __tablename__ = "assignment"
    __table_args__ = (Index("ix_assignment_course", "course_slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_slug: Mapped[str] = mapped_column(String(80))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    #: Comma-separated committee roles, or None for everyone in the units.
    committee_roles: Mapped[str | None] = mapped_column(String(200))
    due_date: Mapped[date | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    unit: Mapped[Unit] = relationship()


class Certificate(Base):
    """Issued on completion; verified publicly by its long random code."""

    __tablename__ = "certificate"
    __table_args__ = (UniqueConstraint("member_id", "course_slug", name="uq_certificate"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    course_slug: Mapped[str] = mapped_column(String(80))
    #: The course title at issue time, so the certificate reads the same if content changes.
    course_title: Mapped[str] = mapped_column(String(200))
    #: The language she finished the course in; course_title is in it. None before 0008.
    language: Mapped[str | None] = mapped_column(String(8))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    #: The issuing unit's name at issue time: a later merge or rename leaves it as printed.
    unit_name: Mapped[str | None] = mapped_column(String(120))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_reason: Mapped[str | None] = mapped_column(Text)

    member: Mapped[Member] = relationship()
    unit: Mapped[Unit] = relationship()
