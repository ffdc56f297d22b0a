"""The privacy feature's reads, as named statements in one place."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from ..audit import Action
from ..models import AuditEntry, Consent, Erasure, Member, PrivacyRequest, QuizAttempt


def latest_consent(session: Session, member_id: int) -> Consent | None:
    """Her newest decision (the id breaks ties within one instant)."""
    return session.scalars(select(Consent).where(Consent.member_id == member_id)
                           .order_by(Consent.at.desc(), Consent.id.desc()).limit(1)).first()


def consents_of(session: Session, member_id: int) -> list[Consent]:
    return list(session.scalars(select(Consent).where(Consent.member_id == member_id)
                                .order_by(Consent.at.desc(), Consent.id.desc())))


def requests_of(session: Session, member_id: int) -> list[PrivacyRequest]:
    return list(session.scalars(select(PrivacyRequest).where(PrivacyRequest.member_id == member_id)
                                .order_by(PrivacyRequest.received_at.desc(), PrivacyRequest.id.desc())))


def all_requests() -> Select[PrivacyRequest, Member]:
    """Every request with the member who asked; the view orders them by urgency."""
    return select(PrivacyRequest, Member).join(Member, Member.id == PrivacyRequest.member_id)


def is_erased(session: Session, member_id: int) -> bool:
    return session.scalar(select(Erasure.id).where(Erasure.member_id == member_id)) is not None


def switched_off_before(cutoff: datetime) -> Select[Member]:
    """Members switched off before ``cutoff`` and not erased yet. When she was switched off
    comes from the audit trail; without such an entry, from her last activity or, never seen,
    from her account's creation."""
    off = (select(AuditEntry.target_member_id.label("member_id"), func.max(AuditEntry.at).label("at"))
           .where(AuditEntry.action == Action.SWITCH_OFF.value).group_by(AuditEntry.target_member_id)
           .subquery())
    since = func.coalesce(off.c.at, Member.last_seen_at, Member.created_at)
    return (select(Member).outerjoin(off, off.c.member_id == Member.id)
            .where(Member.active.is_(False), Member.id.not_in(select(Erasure.member_id)), since < cutoff)
            .order_by(Member.id))


def answers_submitted_before(cutoff: datetime) -> Select[QuizAttempt]:
    """Attempts submitted before ``cutoff`` that still hold the answers chosen."""
    return (select(QuizAttempt).where(QuizAttempt.responses_json.is_not(None), QuizAttempt.submitted_at < cutoff)
            .order_by(QuizAttempt.id))
