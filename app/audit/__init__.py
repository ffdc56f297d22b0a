"""The audit trail: who issued a sign-in code for whom, changed a role or a unit, switched an
account off or on, revoked a certificate, imported a roster or exported personal data.

:func:`record` is the only writer. It adds a row to the caller's transaction and never
commits, so an entry exists exactly when the action it describes was saved. Nothing in
the application updates or deletes entries, but for one change the data protection law asks:
erasing a member (:mod:`app.privacy.erasure`) de-identifies the copies of her name.
"""
from __future__ import annotations

import json
from enum import Enum
from typing import Protocol

from flask import g, has_request_context
from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

from app.lazy_text import lazy_gettext as _l

from ..models import AuditEntry, Member


class Action(str, Enum):
    """The vocabulary of the trail; the values are stored, so they never change."""

    MEMBER_CREATE = "member.create"
    SIGN_IN_CODE = "member.sign_in_code"
    ROLE_CHANGE = "member.role"
    UNIT_CHANGE = "member.unit"
    SWITCH_OFF = "member.switch_off"
    SWITCH_ON = "member.switch_on"
    CERTIFICATE_REVOKE = "certificate.revoke"
    ROSTER_IMPORT = "roster.import"
    EXPORT_MEMBERS = "export.members"
    EXPORT_AUDIT = "export.audit"
    GROUP_NUMBERS_CONFIRM = "group.numbers_confirm"
    GROUP_NUMBERS_RETURN = "group.numbers_return"
    GROUP_NUMBERS_CORRECT = "group.numbers_correct"
    GROUP_NUMBERS_IMPORT = "group.numbers_import"
    GROUP_TRAINING_ASSIGN = "group.training_assign"
    EXPORT_GROUPS = "export.groups"
    MEMBER_VIEW = "member.view"
    PRIVACY_CONSENT = "privacy.consent"
    PRIVACY_REQUEST = "privacy.request"
    PRIVACY_REQUEST_UPDATE = "privacy.request_update"
    PRIVACY_ERASE = "privacy.erase"
    PRIVACY_SWEEP = "privacy.sweep"
    EXPORT_OWN_DATA = "export.own_data"
    EXPORT_PRIVACY_REQUESTS = "export.privacy_requests"
    UNIT_MERGE = "unit.merge"
    UNIT_MOVE = "unit.move"
    UNIT_RENAME = "unit.rename"
    UNITS_LOAD = "units.load_official"
    UNITS_IMPORT = "units.import"


ACTION_LABELS = {
    Action.MEMBER_CREATE: _l("Account created"),
    Action.SIGN_IN_CODE: _l("Sign-in code issued"),
    Action.ROLE_CHANGE: _l("Platform role changed"),
    Action.UNIT_CHANGE: _l("Unit changed"),
    Action.SWITCH_OFF: _l("Account switched off"),
    Action.SWITCH_ON: _l("Account switched on"),
    Action.CERTIFICATE_REVOKE: _l("Certificate revoked"),
    Action.ROSTER_IMPORT: _l("Roster imported"),
    Action.EXPORT_MEMBERS: _l("Members' data exported"),
    Action.EXPORT_AUDIT: _l("Audit trail exported"),
    Action.GROUP_NUMBERS_CONFIRM: _l("Group's monthly numbers confirmed"),
    Action.GROUP_NUMBERS_RETURN: _l("Group's monthly numbers returned"),
    Action.GROUP_NUMBERS_CORRECT: _l("Group's monthly numbers corrected"),
    Action.GROUP_NUMBERS_IMPORT: _l("Groups' monthly numbers imported"),
    Action.GROUP_TRAINING_ASSIGN: _l("Training assigned to group admins"),
    Action.EXPORT_GROUPS: _l("Groups' numbers exported"),
    Action.MEMBER_VIEW: _l("Member's page viewed"),
    Action.PRIVACY_CONSENT: _l("Privacy notice agreed, declined or withdrawn"),
    Action.PRIVACY_REQUEST: _l("Privacy request received"),
    Action.PRIVACY_REQUEST_UPDATE: _l("Privacy request handled"),
    Action.PRIVACY_ERASE: _l("Member's personal data erased"),
    Action.PRIVACY_SWEEP: _l("Retention sweep run"),
    Action.EXPORT_OWN_DATA: _l("Member downloaded her own data"),
    Action.EXPORT_PRIVACY_REQUESTS: _l("Privacy requests exported"),
    Action.UNIT_MERGE: _l("Units merged"),
    Action.UNIT_MOVE: _l("Unit moved"),
    Action.UNIT_RENAME: _l("Unit renamed"),
    Action.UNITS_LOAD: _l("Official units loaded"),
    Action.UNITS_IMPORT: _l("Units imported"),
}


class Named(Protocol):
    """Anything naming a member: a Member, or a change in the roster import's list."""

    @property
    def id(self) -> int: ...

    @property
    def full_name(self) -> str: ...

    @property
    def username(self) -> str: ...


def label(member: Member | Named | None) -> str:
    """How a person is named in the trail, copied at the time: ``Full Name (username)``.

    The empty label stands for the operator at the command line.
    """
    if member is None:
        return ""
    return f"{member.full_name} ({member.username})"[:140]


def record(session: Session, actor: Member | None, action: Action, target: Member | Named | None = None,
           people: int = 1, **detail) -> AuditEntry:
    """Add one entry to the current transaction (the caller commits with her own change).

    ``target`` is a member, or anything naming one by ``id``, ``full_name`` and ``username``
    (the roster import's list of changes).

    ``detail`` holds what changed (old and new values, file names, counts, filters) and is
    stored as JSON; it must never carry a secret such as a sign-in code or a password.
    """
    entry = AuditEntry(
        actor_id=actor.id if actor is not None else None, actor_label=label(actor),
        action=Action(action).value,
        target_member_id=target.id if target is not None else None, target_label=label(target),
        people=people,
        detail=json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str),
        request_id=g.get("request_id") if has_request_context() else None,
    )
    session.add(entry)
    return entry


class AuditTrailIsAppendOnly(RuntimeError):
    """Raised when code tries to change or delete an audit entry."""


@event.listens_for(Session, "before_flush")
def _no_changed_entries(session: Session, _context, _instances) -> None:
    if any(isinstance(obj, AuditEntry) for obj in (*session.dirty, *session.deleted)):
        raise AuditTrailIsAppendOnly("audit entries are never changed or deleted")


@event.listens_for(Session, "do_orm_execute")
def _no_bulk_changes(state: ORMExecuteState) -> None:
    if (state.is_update or state.is_delete) and state.bind_mapper is not None \
            and state.bind_mapper.class_ is AuditEntry:
        raise AuditTrailIsAppendOnly("audit entries are never changed or deleted")


def register(bp) -> None:
    """Mount the audit pages inside the admin blueprint, at ``/admin/audit/``."""
    from .views import bp as audit_bp

    bp.register_blueprint(audit_bp, url_prefix="/audit")
