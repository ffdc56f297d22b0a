"""Assignments: which courses are expected of a member, and by when."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, aliased

from ..models import Assignment, Member, Unit


def today_in(zone: str, now: datetime | None = None) -> date:
    """Today's date in the union's time zone (not the server's)."""
    return (now or datetime.now(ZoneInfo("UTC"))).astimezone(ZoneInfo(zone)).date()


def applies_to(assignment: Assignment, committee_role: str) -> bool:
    if not assignment.committee_roles:
        return True
    return committee_role in assignment.committee_roles.split(",")


# Assignments to her unit or any unit above it: a unit's path starts with its parents' paths.
_MEMBER_UNIT = aliased(Unit)
_ASSIGNED_TO_UNIT = (
    select(Assignment).join(Unit, Unit.id == Assignment.unit_id)
    .where(select(_MEMBER_UNIT.path).where(_MEMBER_UNIT.id == bindparam("unit")).scalar_subquery()
           .like(Unit.path + "%"))
    .order_by(Assignment.due_date.is_(None), Assignment.due_date, Assignment.id)
)


def assignments_for(session: Session, member: Member) -> dict[str, Assignment]:
    """The member's assigned courses (her unit or any unit above it), earliest due date first."""
    found: dict[str, Assignment] = {}
    for assignment in session.scalars(_ASSIGNED_TO_UNIT, {"unit": member.unit_id}):
        if applies_to(assignment, member.committee_role):
            found.setdefault(assignment.course_slug, assignment)
    return found
