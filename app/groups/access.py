"""Who may do what with a group: the one place this is decided, for every route and command.

- An admin: everything.
- A coordinator: the groups of her own unit and of the units below it (``Unit.path``), to see,
  edit, enter, confirm, import and export.
- Anyone who runs a group (its admin or moderator in ``GroupRole``): sees it; its admins
  also enter its numbers. Being a trainer gives nothing by itself.
"""
from __future__ import annotations

from enum import Enum

from flask import abort
from sqlalchemy import Select, exists, false, or_, select
from sqlalchemy.orm import Session

from ..models import FacebookGroup, GroupRole, Member, PlatformRole, Unit
from ..security import log_denied


class GroupAction(str, Enum):
    VIEW = "view"
    EDIT = "edit"  # the register: name, address, unit, admins
    ENTER = "enter"  # a month's numbers
    REVIEW = "review"  # confirm or return a month


def is_staff(member: Member) -> bool:
    """Coordinators and admins: they manage groups by unit, not by running them."""
    return member.role in (PlatformRole.COORDINATOR.value, PlatformRole.ADMIN.value)


def _unit_path(session: Session, member: Member) -> str:
    return session.get_one(Unit, member.unit_id).path


def managed_units(member: Member, session: Session) -> Select[Unit]:
    """Units whose groups ``member`` manages (none for officers and trainers)."""
    query = select(Unit)
    if member.is_admin:
        return query
    if member.role != PlatformRole.COORDINATOR.value:
        return query.where(false())
    return query.where(Unit.path.startswith(_unit_path(session, member), autoescape=True))


def groups_in_scope(member: Member, session: Session) -> Select[FacebookGroup]:
    """A select of the groups ``member`` may see."""
    query = select(FacebookGroup)
    if member.is_admin:
        return query
    runs = exists().where(GroupRole.group_id == FacebookGroup.id, GroupRole.member_id == member.id)
    if member.role != PlatformRole.COORDINATOR.value:
        return query.where(runs)
    in_units = FacebookGroup.unit_id.in_(managed_units(member, session).with_only_columns(Unit.id))
    return query.where(or_(in_units, runs))


def manages(member: Member, group: FacebookGroup, session: Session) -> bool:
    """Whether ``group`` lies in the units ``member`` manages."""
    if member.is_admin:
        return True
    if member.role != PlatformRole.COORDINATOR.value:
        return False
    unit = group.unit if group.unit is not None else session.get(Unit, group.unit_id)
    return unit.path.startswith(_unit_path(session, member))


def role_in(member: Member, group: FacebookGroup, session: Session) -> str | None:
    """``admin``, ``moderator`` or None: what ``member`` is in ``group`` on Facebook."""
    return session.scalar(select(GroupRole.role).where(GroupRole.group_id == group.id,
                                                       GroupRole.member_id == member.id))


def may(member: Member, action: GroupAction, group: FacebookGroup, session: Session) -> bool:
    if manages(member, group, session):
        return True
    role = role_in(member, group, session)
    if action is GroupAction.VIEW:
        return role is not None
    if action is GroupAction.ENTER:
        return role == "admin"
    return False


def group_or_404(session: Session, member: Member, group_id: int,
                 action: GroupAction = GroupAction.VIEW) -> FacebookGroup:
    """Load a group for ``action``: 404 for one she may not see (ids cannot be probed), 403 for
    one she sees but may not act on that way."""
    group = session.get(FacebookGroup, group_id)
    if group is None or not may(member, GroupAction.VIEW, group, session):
        if group is not None:
            log_denied(f"group {group_id}")
        abort(404)
    if not may(member, action, group, session):
        log_denied(f"{action.value} group {group_id}")
        abort(403)
    return group
