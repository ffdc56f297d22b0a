"""What an import would change on members it already knows, field by field, and whether the
importer may make each change (the member policy decides, as on the member pages).

A change of platform role, or a move to a unit above the member's present one or outside the
importer's units, widens someone's reach: such changes are *sensitive*. The dry run lists
them first and the import needs its own confirmation for them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from app.lazy_text import lazy_gettext as _l

from ..accounts.policy import MemberAction, Subject, may, may_give
from ..models import Member, PlatformRole
from .columns import IMPORTABLE_ROLES

#: Member attribute -> the roster column that sets it (the dry run speaks in columns).
COLUMN_OF = {"unit_id": "unit_code", "role": "platform_role"}


class Place(NamedTuple):
    id: int
    path: str


@dataclass(frozen=True)
class MemberChange:
    id: int  # the member's
    row: int
    username: str  # as the member is known now
    full_name: str
    fields: tuple[tuple[str, str, str], ...]  # (column, old, new)
    sensitive: bool


@dataclass(frozen=True)
class UnitTree:
    """Every unit's code and path by id, read once per check."""

    code_of: dict[int, str]
    path_of: dict[int, str]

    def place(self, unit_id: int | None) -> Place | None:
        return Place(unit_id, self.path_of[unit_id]) if unit_id is not None else None


def scope_path(importer: Member | None) -> str:
    """The top of the importer's units as a path prefix ("/": the whole union)."""
    if importer is None or importer.role == PlatformRole.ADMIN.value:
        return "/"
    return importer.unit.path


def refusal_for_new(importer: Member | None, row: dict, units: UnitTree) -> tuple[str, object] | None:
    """(column, message) when the importer may not create this member; None when she may."""
    role = row.get("role") or PlatformRole.OFFICER.value
    if role in IMPORTABLE_ROLES and not may_give(importer, None, role=role):
        return "platform_role", _l("Only an administrator can import trainers and coordinators.")
    place = units.place(row.get("unit_id"))
    if place is not None and not may_give(importer, None, unit=place):
        return "unit_code", _l("This unit is outside your units.")
    return None


def refusal_for_update(importer: Member | None, target: Subject, changes: dict,
                       units: UnitTree) -> tuple[str, object] | None:
    """(column, message) when the importer may not make ``changes`` to ``target``."""
    if not may(importer, MemberAction.EDIT, target):
        return "username", _l("You cannot change this account: only an administrator can.")
    if changes.get("role") in IMPORTABLE_ROLES and not may_give(importer, target, role=changes["role"]):
        return "platform_role", _l("Only an administrator can change a platform role.")
    if "unit_id" in changes and not may_give(importer, target, unit=units.place(changes["unit_id"])):
        return "unit_code", _l("This unit is outside your units.")
    return None


def describe(number: int, member, changes: dict, units: UnitTree, scope: str) -> MemberChange:
    """The change of one known member (``member``: its current columns) for the dry run."""
    fields = []
    for key, new in changes.items():
        old = getattr(member, key)
        if key == "unit_id":
            old, new = units.code_of.get(old, ""), units.code_of.get(new, "")
        fields.append((COLUMN_OF.get(key, key), "" if old is None else str(old), "" if new is None else str(new)))
    return MemberChange(member.id, number, member.username, member.full_name, tuple(fields),
                        sensitive=_sensitive(member, changes, units, scope))


def _sensitive(member, changes: dict, units: UnitTree, scope: str) -> bool:
    if "role" in changes:
        return True
    if "unit_id" not in changes:
        return False
    old, new = units.path_of[member.unit_id], units.path_of[changes["unit_id"]]
    return old.startswith(new) or not new.startswith(scope)  # above her, or outside the importer's units
