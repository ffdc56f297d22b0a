"""In-person training sessions, who is invited to them and who attended.

A session teaches one course (optionally only some of its modules) at a place and time.
It invites units (each with everything below it), optionally only some committee roles.
An attendance is one row per session and member, however often she checks in, and always
says how it was recorded and by whom.
"""
from __future__ import annotations

from datetime import datetime
from enum import Enum

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base
from .members import Member
from .types import UTCDateTime, utcnow
from .units import Unit


class AttendanceMethod(str, Enum):
    """How an attendance was recorded."""

    QR = "qr"            # she scanned the poster's QR code
    CODE = "code"        # she typed the short code
    TICKED = "ticked"    # the organiser ticked her name during the session
    PAPER = "paper"      # entered afterwards from the signed paper sheet


class TrainingSession(Base):
    """One in-person session; times are stored in UTC."""

    __tablename__ = "training_session"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="training_session_times"),
        CheckConstraint("capacity is null or capacity > 0", name="training_session_capacity"),
        Index("ix_training_session_course", "course_slug", "starts_at"),
        Index("ix_training_session_starts", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    course_slug: Mapped[str] = mapped_column(String(80))
    #: Comma-separated module slugs the session covers, or None for the whole course.
    module_slugs: Mapped[str | None] = mapped_column(String(400))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    place: Mapped[str] = mapped_column(String(200))
    trainer_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))
    capacity: Mapped[int | None]
    #: Whether members who were not invited may check in (recorded as walk-ins).
    allow_walk_ins: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    trainer: Mapped[Member | None] = relationship(foreign_keys=[trainer_id])
    invitations: Mapped[list[SessionInvitation]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="SessionInvitation.id")

    @property
    def modules(self) -> list[str]:
        return [slug for slug in (self.module_slugs or "").split(",") if slug]

    @property
    def unit_ids(self) -> list[int]:
        return list(dict.fromkeys(invitation.unit_id for invitation in self.invitations))

    @property
    def invited_units(self) -> list[Unit]:
        return list({invitation.unit_id: invitation.unit for invitation in self.invitations}.values())

    @property
    def roles(self) -> list[str]:
        """The committee roles invited (empty: every role); the same on every invitation."""
        for invitation in self.invitations:
            return [role for role in (invitation.committee_roles or "").split(",") if role]
        return []

    def __repr__(self) -> str:
        return f"<TrainingSession {self.id} {self.course_slug}>"


class SessionInvitation(Base):
    """A unit (and everything below it) invited to a session, optionally only some roles."""

    __tablename__ = "session_invitation"
    # No unique (session, unit): merging a unit into another invited to the same session moves
    # its invitation there, and two rows for one unit invite the same members once.
    __table_args__ = (Index("ix_session_invitation_session", "session_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_session.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    #: Comma-separated committee roles, or None for everyone in the units.
    committee_roles: Mapped[str | None] = mapped_column(String(200))

    session: Mapped[TrainingSession] = relationship(back_populates="invitations")
    unit: Mapped[Unit] = relationship()


class Attendance(Base):
    """She was there: one row per session and member, with how and by whom it was recorded."""

    __tablename__ = "attendance"
    __table_args__ = (
        UniqueConstraint("session_id", "member_id", name="uq_attendance"),
        CheckConstraint("method in ('qr', 'code', 'ticked', 'paper')", name="attendance_method"),
        Index("ix_attendance_member", "member_id", "session_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_session.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    method: Mapped[str] = mapped_column(String(16))
    #: She was not invited and came anyway (only where the organiser allows it).
    walk_in: Mapped[bool] = mapped_column(default=False)
    #: Who recorded it: the member herself for a check-in, the organiser otherwise.
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    session: Mapped[TrainingSession] = relationship()
    member: Mapped[Member] = relationship(foreign_keys=[member_id])
    recorded_by: Mapped[Member | None] = relationship(foreign_keys=[recorded_by_id])
