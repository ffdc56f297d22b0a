"""Members (committee officers and staff) and their one-time sign-in codes."""
from __future__ import annotations

from datetime import datetime, timedelta
from enum import Enum

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base
from .types import UTCDateTime, utcnow
from .units import Unit


class PlatformRole(str, Enum):
    OFFICER = "officer"
    TRAINER = "trainer"
    COORDINATOR = "coordinator"
    ADMIN = "admin"


class CommitteeRole(str, Enum):
    """The one vocabulary of committee roles at every level, in the order forms list them.

    A commune's committee has a chair, vice chairs, standing members and members; a branch
    (chi hội) a head and deputies; a group (tổ) a head. Labels: ``templating.COMMITTEE_LABELS``.
    """

    CHAIR = "chair"
    VICE_CHAIR = "vice_chair"
    STANDING = "standing_member"
    MEMBER = "committee_member"
    BRANCH_HEAD = "branch_head"
    BRANCH_DEPUTY = "branch_deputy"
    GROUP_HEAD = "group_head"
    NONE = "none"


#: How often ``last_seen_at`` is written at most.
ACTIVITY_GRANULARITY = timedelta(minutes=10)


class Member(Base):
    """A person who signs in. ``session_version`` is bumped to end all her sessions."""

    __tablename__ = "member"
    __table_args__ = (
        CheckConstraint(
            "role in ('officer', 'trainer', 'coordinator', 'admin')", name="member_role"
        ),
        Index("ix_member_unit_active", "unit_id", "active"),
        Index("ix_member_committee_role", "committee_role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(20))
    #: An id from the union's own roster, for re-imports keyed on it.
    external_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    committee_role: Mapped[str] = mapped_column(String(32), default=CommitteeRole.MEMBER.value)
    role: Mapped[str] = mapped_column(String(16), default=PlatformRole.OFFICER.value)
    #: None: follow the browser's language.
    language: Mapped[str | None] = mapped_column(String(8))
    active: Mapped[bool] = mapped_column(default=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    session_version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    unit: Mapped[Unit] = relationship()

    # flask-login protocol; the id carries the session version so old cookies stop working.
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    def activity_due(self, now: datetime | None = None) -> bool:
        """Whether ``last_seen_at`` is due to be written (at most every 10 minutes)."""
        return self.last_seen_at is None or (now or utcnow()) - self.last_seen_at > ACTIVITY_GRANULARITY

    def note_activity(self, now: datetime | None = None) -> None:
        """Record that she is active; at most every 10 minutes, so reads stay reads."""
        now = now or utcnow()
        if self.activity_due(now):
            self.last_seen_at = now

    def end_sessions(self) -> None:
        """Invalidate every session cookie issued so far."""
        self.session_version += 1

    def has_role(self, *roles: PlatformRole | str) -> bool:
        return self.role in {PlatformRole(r).value for r in roles}

    @property
    def is_admin(self) -> bool:
        return self.role == PlatformRole.ADMIN.value

    def __repr__(self) -> str:
        return f"<Member {self.username}>"


class SignInCode(Base):
    """A one-time code (stored hashed) that lets a member set her password."""

    __tablename__ = "sign_in_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))

    member: Mapped[Member] = relationship(foreign_keys=[member_id])
