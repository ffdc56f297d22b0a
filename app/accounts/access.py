"""Who may see what: roles, and the unit subtree a coordinator manages."""
from __future__ import annotations

from functools import wraps

from flask import abort
from flask_login import current_user, login_required
from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from ..models import Member, PlatformRole, Unit
from ..security import log_denied
from .policy import MemberAction, may


def roles_required(*roles: PlatformRole):
    """Allow only signed-in members with one of ``roles`` (admins always pass)."""
    allowed = {r.value for r in roles} | {PlatformRole.ADMIN.value}

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role not in allowed:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def scope_root(session: Session, member: Member) -> Unit | None:
    """The top of the unit subtree ``member`` may manage; None means the whole union (admins)."""
    if member.is_admin:
        return None
    return session.get(Unit, member.unit_id)


def units_in_scope(member: Member, session: Session) -> Select[Unit]:
    """A select of the units ``member`` may see."""
    query = select(Unit)
    root = scope_root(session, member)
    if root is not None:
        query = query.where(Unit.path.startswith(root.path, autoescape=True))
    return query


def can_manage_unit(member: Member, unit: Unit, session: Session) -> bool:
    root = scope_root(session, member)
    return root is None or root.contains(unit)


def unit_or_404(session: Session, member: Member, unit_id: int) -> Unit:
    """Load a unit the member may manage; anything else is 404, so ids cannot be probed."""
    unit = session.get(Unit, unit_id)
    if unit is None or not can_manage_unit(member, unit, session):
        if unit is not None:
            log_denied(f"unit {unit_id}")
        abort(404)
    return unit


def member_or_404(session: Session, viewer: Member, member_id: int,
                  action: MemberAction = MemberAction.VIEW) -> Member:
    """Load a member for ``action`` as the policy says: 404 for a member the viewer may not
    see (so ids cannot be probed), 403 for one she sees but may not act on."""
    member = session.get(Member, member_id)
    if member is None or not may(viewer, MemberAction.VIEW, member):
        if member is not None:
            log_denied(f"member {member_id}")
        abort(404)
    if not may(viewer, action, member):
        log_denied(f"{MemberAction(action).value} member {member_id}")
        abort(403)
    return member
