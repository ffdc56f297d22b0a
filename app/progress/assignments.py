"""Assignments: which courses are expected of a member, and by when."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import literal, select
from sqlalchemy.orm import Session

from ..models import Assignment, Member, Unit


def today_in(zone: str, now: datetime | None = None) -> date:
    """Today's date in the union's time zone (not the server's)."""
    return (now or datetime.now(ZoneInfo("UTC"))).astimezone(ZoneInfo(zone)).date()


def applies_to(assignment: Assignment, committee_role: str) -> bool:
    if not assignment.committee_roles:
        return True
    return committee_role in assignment.committee_roles.split(",")


def assignments_for(session: Session, member: Member) -> dict[str, Assignment]:
    """The member's assigned courses (her unit or any unit above it), earliest due date first."""
    unit_path = session.scalar(select(Unit.path).where(Unit.id == member.unit_id))
    rows = session.scalars(
        select(Assignment).join(Unit, Unit.id == Assignment.unit_id)
        .where(literal(unit_path).like(Unit.path + "%"))
        .order_by(Assignment.due_date.is_(None), Assignment.due_date, Assignment.id)
    )
    found: dict[str, Assignment] = {}
    for assignment in rows:
        if applies_to(assignment, member.committee_role):
            found.setdefault(assignment.course_slug, assignment)
    return found
