"""Personal data under the law: consents with their evidence, requests with their deadlines,
and the fact that a member's data was erased (never the data itself)."""
from __future__ import annotations

from datetime import date, datetime
from enum import Enum

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base
from .types import UTCDateTime, utcnow


class Decision(str, Enum):
    GIVEN = "given"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class ConsentMethod(str, Enum):
    #: She pressed the button herself, signed in on her phone or computer.
    ONLINE = "online"
    #: She signed a paper slip at a roster meeting; a coordinator entered it with the slip's reference.
    PAPER = "paper"


class RequestKind(str, Enum):
    ACCESS = "access"
    CORRECTION = "correction"
    RESTRICTION = "restriction"
    OBJECTION = "objection"
    DELETION = "deletion"
    WITHDRAWAL = "withdrawal"


class RequestChannel(str, Enum):
    ONLINE = "online"
    PAPER = "paper"
    PHONE = "phone"
    IN_PERSON = "in_person"


def _one_of(column: str, values: type[Enum], name: str) -> CheckConstraint:
    listed = ", ".join(f"'{item.value}'" for item in values)
    return CheckConstraint(f"{column} in ({listed})", name=name)


class Consent(Base):
    """One decision of a member about one version of the notice; the newest one counts.

    Rows are only ever added, so the history is the evidence: who, which version, when, how,
    and who entered it when it came on paper.
    """

    __tablename__ = "consent"
    __table_args__ = (
        _one_of("decision", Decision, "consent_decision"),
        _one_of("method", ConsentMethod, "consent_method"),
        CheckConstraint("method <> 'paper' or slip_reference is not null", name="consent_paper_has_slip"),
        Index("ix_consent_member_at", "member_id", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    #: The notice's version (its date, ``2026-01-01``) that she read.
    notice_version: Mapped[str] = mapped_column(String(20))
    decision: Mapped[str] = mapped_column(String(12))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    method: Mapped[str] = mapped_column(String(12), default=ConsentMethod.ONLINE.value)
    #: The paper slip's number or file reference, so the paper can be found again.
    slip_reference: Mapped[str | None] = mapped_column(String(80))
    #: Who entered it: herself online, the coordinator for paper.
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))


class PrivacyRequest(Base):
    """A request under the law, with the dates the deadlines are counted from."""

    __tablename__ = "privacy_request"
    __table_args__ = (
        _one_of("kind", RequestKind, "privacy_request_kind"),
        _one_of("channel", RequestChannel, "privacy_request_channel"),
        CheckConstraint("extension_days is null or (extension_days between 1 and 15)",
                        name="privacy_request_extension"),
        Index("ix_privacy_request_open", "done_at", "received_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    channel: Mapped[str] = mapped_column(String(12), default=RequestChannel.ONLINE.value)
    #: What she asks for, in her words (a correction: what is wrong and what is right).
    details: Mapped[str] = mapped_column(Text, default="")
    #: The day it reached the union, in the union's time zone: the deadlines count from it.
    received_on: Mapped[date]
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    extension_days: Mapped[int | None]
    extension_reason: Mapped[str | None] = mapped_column(Text)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: What was done, or why it was refused.
    outcome: Mapped[str | None] = mapped_column(Text)
    handled_by_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))


class Erasure(Base):
    """The fact that a member's personal data was removed: when, why, and under which request.

    The member row stays (de-identified) so every anonymous count stays right.
    """

    __tablename__ = "member_erasure"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), unique=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: ``request``, ``operator`` or ``retention``.
    reason: Mapped[str] = mapped_column(String(16))
    request_id: Mapped[int | None] = mapped_column(ForeignKey("privacy_request.id", ondelete="SET NULL"))
