"""Assignments: which courses are expected of a member, and by when."""
from __future__ import annotations

from datetime import date, datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import Row, bindparam, literal, select
from sqlalchemy.orm import Session, aliased

from ..models import Assignment, Member, Unit
from ..models.groups import GroupTrainingAssignment
from .records import rows


def today_in(zone: str, now: datetime | None = None) -> date:
    """Today's date in the union's time zone (not the server's)."""
    return (now or datetime.now(ZoneInfo("UTC"))).astimezone(ZoneInfo(zone)).date()


class HasCommitteeRoles(Protocol):
    """An assignment, or anything read like one: its committee roles, comma-separated."""

    @property
    def committee_roles(self) -> str | None: ...


def applies_to(assignment: Assignment | Row | HasCommitteeRoles, committee_role: str) -> bool:
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


_ASSIGNED_TO_HER = (
    select(GroupTrainingAssignment.course_slug, GroupTrainingAssignment.due_date,
           literal(None).label("committee_roles"))
    .where(GroupTrainingAssignment.member_id == bindparam("member"))
)


def assignments_for(session: Session, member: Member) -> dict[str, Row]:
    """The member's assigned courses, earliest due date first: course slug -> (course_slug,
    due_date, committee_roles). A course reaches her through her unit or any unit above it,
    or is assigned to her by name because a Facebook group she runs needs help (see
    app.groups.training); when both exist, the earlier due date counts."""
    candidates = [a for a in rows(session, _ASSIGNED_TO_UNIT, {"unit": member.unit_id})
                  if applies_to(a, member.committee_role)]
    candidates += rows(session, _ASSIGNED_TO_HER, {"member": member.id}).all()
    candidates.sort(key=lambda a: (a.due_date is None, a.due_date or date.max))
    found: dict[str, Row] = {}
    for assignment in candidates:
        found.setdefault(assignment.course_slug, assignment)
    return found
