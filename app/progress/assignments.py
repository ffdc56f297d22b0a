"""Assignments: which courses are expected of a member, and by when."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Row, bindparam, select
from sqlalchemy.orm import Session, aliased

from ..models import Assignment, Member, Unit
from .records import rows


def today_in(zone: str, now: datetime | None = None) -> date:
    """Today's date in the union's time zone (not the server's)."""
    return (now or datetime.now(ZoneInfo("UTC"))).astimezone(ZoneInfo(zone)).date()


def applies_to(assignment: Assignment | Row, committee_role: str) -> bool:
    if not assignment.committee_roles:
        return True
    return committee_role in assignment.committee_roles.split(",")


# Assignments to her unit or any unit above it: a unit's path starts with its parents' paths.
_MEMBER_UNIT = aliased(Unit)
_ASSIGNED_TO_UNIT = (
    select(Assignment.course_slug, Assignment.due_date, Assignment.committee_roles)
    .join(Unit, Unit.id == Assignment.unit_id)
    .where(select(_MEMBER_UNIT.path).where(_MEMBER_UNIT.id == bindparam("unit")).scalar_subquery()
           .like(Unit.path + "%"))
    .order_by(Assignment.due_date.is_(None), Assignment.due_date, Assignment.id)
)


def assignments_for(session: Session, member: Member) -> dict[str, Row]:
    """The member's assigned courses (her unit or any unit above it), earliest due date first:
    course slug -> (course_slug, due_date, committee_roles)."""
    found: dict[str, Row] = {}
    for assignment in rows(session, _ASSIGNED_TO_UNIT, {"unit": member.unit_id}):
        if applies_to(assignment, member.committee_role):
            found.setdefault(assignment.course_slug, assignment)
    return found
