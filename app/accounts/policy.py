"""Who may do what to which member: the one rule behind every page, command and import.

The rules
---------
* **Admins** act on everyone, themselves included, with two exceptions that keep the union
  from locking itself out: an admin never switches off her own account (another admin
  must), and she changes her own role only while another active admin remains.
* **Coordinators** see every member of their own unit and the units below it, and act only
  on the *officers* among them: never on admins, coordinators or trainers, herself
  included. They create and place only officers, and only in their own units; changing a
  platform role is never theirs (they ask an admin).
* **Trainers and officers** see only themselves and act on nobody here; each changes her
  own password on the password page, which needs nobody's permission.
* **The operator** at the command line (``actor`` None) already holds the database and
  may do everything.
* **An erased member** (her personal data withdrawn, see ``app.privacy``) is acted on by
  nobody, the operator included: no sign-in code, no edit, no switching on.

Nobody widens her own rights: a coordinator cannot act on herself at all, and a role or
unit can only be given from what the actor may give (:func:`may_give`).

Answers on the web
------------------
A member the actor may not :attr:`~MemberAction.VIEW` does not exist for her: **404**, so
ids cannot be probed. A member she may see but not act on: **403**. A proposed role or unit
she may not give, on a member she may edit: the form says so next to the field and saves
nothing. :func:`app.accounts.access.member_or_404` turns these answers into responses.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from sqlalchemy import Select, exists, false, func, not_, select
from sqlalchemy.orm import object_session

from ..models import Member, PlatformRole, SessionInvitation, TrainingSession, Unit


class MemberAction(str, Enum):
    VIEW = "view"
    EDIT = "edit"
    SIGN_IN_CODE = "sign_in_code"
    SWITCH_OFF = "switch_off"
    SWITCH_ON = "switch_on"
    CHANGE_ROLE = "change_role"
    CHANGE_UNIT = "change_unit"


ADMIN, COORDINATOR, OFFICER = PlatformRole.ADMIN.value, PlatformRole.COORDINATOR.value, PlatformRole.OFFICER.value
ALL_ROLES = tuple(role.value for role in PlatformRole)


class Place(Protocol):
    """A unit as the rules read it: its id and its materialised path (``/1/4/``)."""

    @property
    def id(self) -> int: ...

    @property
    def path(self) -> str: ...


@dataclass(frozen=True)
class Subject:
    """The facts about a member that the rules read, for callers that hold rows, not objects
    (the roster import checks tens of thousands of members without loading each one)."""

    id: int | None
    role: str
    unit_id: int
    unit_path: str


def subject(member: Member | Subject) -> Subject:
    if isinstance(member, Subject):
        return member
    return Subject(member.id, member.role, member.unit_id, member.unit.path)


def may(actor: Member | None, action: MemberAction | str, target: Member | Subject) -> bool:
    """Whether ``actor`` may do ``action`` to ``target`` (see the module's docstring)."""
    action = MemberAction(action)
    if action is not MemberAction.VIEW and _erased(target):
        return False  # her data is withdrawn: no new code, no edit, nothing in her name
    if actor is None:
        return True
    me, them = subject(actor), subject(target)
    if me.role == ADMIN:
        if them.id == me.id and action is MemberAction.SWITCH_OFF:
            return False
        if them.id == me.id and action is MemberAction.CHANGE_ROLE:
            return _another_active_admin(actor)
        return True
    if me.role == COORDINATOR:
        inside = them.unit_path.startswith(me.unit_path)
        if action is MemberAction.VIEW:
            return inside
        return inside and them.role == OFFICER and them.id != me.id
    return action is MemberAction.VIEW and them.id == me.id


def _erased(target: Member | Subject) -> bool:
    """Whether the member's personal data was erased (app.privacy.erasure)."""
    from ..models.privacy import Erasure

    session = object_session(target) if isinstance(target, Member) else None
    if session is None or target.id is None:
        return False
    return session.scalar(select(Erasure.id).where(Erasure.member_id == target.id)) is not None


def grantable_roles(actor: Member | None) -> tuple[str, ...]:
    """The platform roles ``actor`` may give a new member or, with CHANGE_ROLE, an existing one."""
    if actor is None or actor.role == ADMIN:
        return ALL_ROLES
    if actor.role == COORDINATOR:
        return (OFFICER,)
    return ()


def may_place(actor: Member | None, unit: Place) -> bool:
    """Whether ``actor`` may put a member into ``unit``: admins anywhere, coordinators in
    their own subtree, nobody else anywhere."""
    if actor is None or actor.role == ADMIN:
        return True
    return actor.role == COORDINATOR and unit.path.startswith(actor.unit.path)


def may_give(actor: Member | None, target: Member | Subject | None, *, role: str | None = None,
             unit: Place | None = None) -> bool:
    """Whether ``actor`` may give ``target`` (None: a member about to be created) the proposed
    ``role`` and/or ``unit``. Values equal to the current ones are no change and always pass."""
    them = subject(target) if target is not None else None
    if role is not None and (them is None or role != them.role):
        if role not in grantable_roles(actor):
            return False
        if target is not None and not may(actor, MemberAction.CHANGE_ROLE, target):
            return False
    if unit is not None and (them is None or unit.id != them.unit_id):
        if not may_place(actor, unit):
            return False
        if target is not None and not may(actor, MemberAction.CHANGE_UNIT, target):
            return False
    return True


def visible_members(actor: Member) -> Select[Member]:
    """The members ``actor`` may VIEW, as a select: the SQL form of :func:`may`'s VIEW rule."""
    query = select(Member)
    if actor.role == ADMIN:
        return query
    if actor.role == COORDINATOR:
        inside = select(Unit.id).where(Unit.path.startswith(actor.unit.path, autoescape=True))
        return query.where(Member.unit_id.in_(inside))
    return query.where(Member.id == actor.id)


# -- in-person training sessions (app.training) ------------------------------------------------
#
# * **Admins and trainers** schedule sessions for any unit and organise every session
#   (see it, tick names, enter the paper sheet, cancel it).
# * **Coordinators** schedule sessions only for their own units (and below), and organise
#   only sessions whose invited units all lie within their own: a session that also invites
#   another district's unit is not hers, and does not exist for her (404).
# * **Officers** organise nothing; they check themselves in (see app.training.checkin).

TRAINER = PlatformRole.TRAINER.value
ORGANISERS = (ADMIN, TRAINER, COORDINATOR)


def may_schedule_sessions(actor: Member | None) -> bool:
    """Whether ``actor`` may schedule sessions at all (and sees the Sessions page)."""
    return actor is None or actor.role in ORGANISERS


def may_invite(actor: Member | None, unit: Place) -> bool:
    """Whether ``actor`` may invite ``unit`` (and the units below it) to a session."""
    if actor is None or actor.role in (ADMIN, TRAINER):
        return True
    return actor.role == COORDINATOR and unit.path.startswith(actor.unit.path)


def may_organise(actor: Member | None, invited_units: Sequence[Place]) -> bool:
    """Whether ``actor`` may see and run a session that invites ``invited_units``."""
    if actor is None or actor.role in (ADMIN, TRAINER):
        return True
    return actor.role == COORDINATOR and bool(invited_units) and all(
        may_invite(actor, unit) for unit in invited_units)


def may_record_attendance(actor: Member | None, target: Member | Subject) -> bool:
    """Whether ``actor`` (an organiser of the session) may record ``target`` as present: admins
    and trainers anyone, coordinators members of their own units; never an erased member."""
    if _erased(target):
        return False
    if actor is None or actor.role in (ADMIN, TRAINER):
        return True
    return actor.role == COORDINATOR and subject(target).unit_path.startswith(actor.unit.path)


def organised_sessions(actor: Member) -> Select:
    """The sessions ``actor`` may organise, as a select (the SQL form of :func:`may_organise`)."""
    query = select(TrainingSession)
    if actor.role in (ADMIN, TRAINER):
        return query
    if actor.role != COORDINATOR:
        return query.where(false())
    outside = select(SessionInvitation.id).join(Unit, Unit.id == SessionInvitation.unit_id).where(
        SessionInvitation.session_id == TrainingSession.id,
        not_(Unit.path.startswith(actor.unit.path, autoescape=True)))
    has_any = select(SessionInvitation.id).where(SessionInvitation.session_id == TrainingSession.id)
    return query.where(exists(has_any), not_(exists(outside)))


def _another_active_admin(actor: Member) -> bool:
    # ``current_user`` is a proxy; the session belongs to the member behind it.
    session = object_session(getattr(actor, "_get_current_object", lambda: actor)())
    if session is None:  # pragma: no cover - the signed-in member is always attached
        return False
    others = session.scalar(select(func.count()).select_from(Member).where(
        Member.role == ADMIN, Member.active.is_(True), Member.id != actor.id))
    return bool(others)
