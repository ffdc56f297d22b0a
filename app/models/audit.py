"""The audit trail: who did what to whom, kept append-only by the application."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base
from .types import UTCDateTime, utcnow


class AuditEntry(Base):
    """One recorded action. The app only ever inserts rows; names are copied at the time of
    the action so the entry still reads right after the people involved change or leave."""

    __tablename__ = "audit_entry"
    __table_args__ = (
        Index("ix_audit_at", "at"),
        Index("ix_audit_target_at", "target_member_id", "at"),
        Index("ix_audit_action_at", "action", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: Who acted (None: an operator at the command line, or an account since erased).
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))
    actor_label: Mapped[str] = mapped_column(String(140), default="")
    #: A dotted name from ``app.audit.Action`` (e.g. ``member.sign_in_code``).
    action: Mapped[str] = mapped_column(String(60))
    target_member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))
    target_label: Mapped[str] = mapped_column(String(140), default="")
    #: How many people the action concerned (an export of 300 members: 300).
    people: Mapped[int] = mapped_column(default=1)
    #: What changed, as JSON (old and new values, file names, filters); never a secret.
    detail: Mapped[str] = mapped_column(Text, default="{}")
    request_id: Mapped[str | None] = mapped_column(String(64))
