"""Which assignments a coordinator sees: every one that reaches her units.

An assignment counts for its unit and every unit below it, so a coordinator of a commune is
also bound by one made for her province. She sees those too, read-only: only assignments
on units she manages are hers to change.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..accounts.access import scope_root
from ..models import Assignment, Member, Unit


@dataclass(frozen=True)
class AssignmentRow:
    assignment: Assignment
    unit: Unit
    editable: bool  # False for an assignment made above the viewer's units


def _ancestor_ids(unit: Unit) -> list[int]:
    return [int(part) for part in unit.path.strip("/").split("/") if part and int(part) != unit.id]


def assignments_reaching(session: Session, viewer: Member) -> list[AssignmentRow]:
    """Assignments on the viewer's units and below, and on the units above hers."""
    root = scope_root(session, viewer)
    query = select(Assignment, Unit).join(Unit, Unit.id == Assignment.unit_id)
    if root is not None:
        query = query.where(or_(Unit.path.startswith(root.path, autoescape=True),
                                Unit.id.in_(_ancestor_ids(root))))
    rows = session.execute(query.order_by(Assignment.due_date, Unit.name, Assignment.id)).all()
    return [AssignmentRow(assignment, unit, root is None or root.contains(unit)) for assignment, unit in rows]
