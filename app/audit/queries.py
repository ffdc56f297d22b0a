"""Reading the audit trail: the filtered list, newest first, and the entries about one member."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from ..models import AuditEntry

#: Entries shown on a member's page; the audit page has the rest.
ABOUT_MEMBER = 20


@dataclass(frozen=True)
class AuditFilter:
    """What the audit page asks for; None or empty means "any"."""

    action: str | None = None
    actor: str | None = None  # part of the actor's name or username, as recorded
    target: str | None = None  # part of the member's name or username, as recorded
    since: datetime | None = None  # inclusive, UTC
    before: datetime | None = None  # exclusive, UTC


def _label_contains(column, text: str):
    return func.lower(column).contains(text.strip().lower(), autoescape=True)


def filtered(wanted: AuditFilter) -> Select[AuditEntry]:
    """The matching entries, newest first (the id breaks ties within the same instant)."""
    query = select(AuditEntry)
    if wanted.action:
        query = query.where(AuditEntry.action == wanted.action)
    if wanted.actor:
        query = query.where(_label_contains(AuditEntry.actor_label, wanted.actor))
    if wanted.target:
        query = query.where(_label_contains(AuditEntry.target_label, wanted.target))
    if wanted.since is not None:
        query = query.where(AuditEntry.at >= wanted.since)
    if wanted.before is not None:
        query = query.where(AuditEntry.at < wanted.before)
    return query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())


def count(session: Session, query: Select) -> int:
    return session.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar_one()


def entries_about(session: Session, member_id: int, limit: int = ABOUT_MEMBER) -> list[AuditEntry]:
    """The newest entries in which the member acted or was acted on."""
    return list(session.scalars(
        select(AuditEntry)
        .where(or_(AuditEntry.target_member_id == member_id, AuditEntry.actor_id == member_id))
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)))
