"""Reaching members: coordinators' follow-up notes, and the notices a member has dismissed."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base
from .members import Member
from .types import UTCDateTime, utcnow


class FollowUpNote(Base):
    """What a coordinator did to help a member along ("called 3/12, will finish this week").

    Notes are only added, never edited: the log on the member's page is the history.
    """

    __tablename__ = "follow_up_note"
    __table_args__ = (Index("ix_follow_up_note_member_at", "member_id", "written_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The member the note is about.
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))
    #: The author as she was named when she wrote it (``Full Name (username)``).
    author_label: Mapped[str] = mapped_column(String(140))
    written_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    text: Mapped[str] = mapped_column(Text)

    member: Mapped[Member] = relationship(foreign_keys=[member_id])


class NoticeDismissal(Base):
    """A notice she closed. The key names the notice and the fact behind it (a due date, an
    attempt count), so a changed fact makes a new notice while this one stays closed."""

    __tablename__ = "notice_dismissal"
    __table_args__ = (UniqueConstraint("member_id", "key", name="uq_notice_dismissal"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(200))
    dismissed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
