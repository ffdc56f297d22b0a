"""Quiz attempts: the drawn questions and order are stored so a reload shows the same quiz."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base
from .types import UTCDateTime, utcnow


class QuizAttempt(Base):
    """One attempt. ``number`` is unique per member and quiz, so the limit holds under races."""

    __tablename__ = "quiz_attempt"
    __table_args__ = (
        UniqueConstraint("member_id", "quiz_id", "number", name="uq_attempt_number"),
        Index("ix_attempt_quiz_submitted", "quiz_id", "submitted_at"),
        Index("ix_attempt_member_quiz_result", "member_id", "quiz_id", "submitted_at", "percent"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    quiz_id: Mapped[str] = mapped_column(String(80))
    number: Mapped[int]
    #: Carried by the submission form: a second POST with it shows the same result.
    token: Mapped[str] = mapped_column(String(64), unique=True)
    plan_json: Mapped[str] = mapped_column(Text)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    responses_json: Mapped[str | None] = mapped_column(Text)
    result_json: Mapped[str | None] = mapped_column(Text)
    percent: Mapped[float | None]
    passed: Mapped[bool | None]
    content_hash: Mapped[str | None] = mapped_column(String(64))
