"""Erasing a member: her personal data goes, the anonymous facts stay.

The member row is kept with its unit, committee role, platform role and active flag, so every
report counts her exactly as before, as an anonymous person. What identifies her is removed
for good: name, username, phone, roster id, password, sign-in codes, the answers she gave
(scores stay), the text of her requests, the follow-up notes written about her, and her name
or username wherever the audit trail copied it. Certificates stay verifiable, shown as "holder's details withdrawn".

The audit trail is otherwise append-only; de-identifying its copies of her name is the one
change the law requires of it, made here with a plain SQL update on those rows only.
"""
from __future__ import annotations

import json
import secrets
from dataclasses import dataclass

from sqlalchemy import String, Text, delete, or_, select, update
from sqlalchemy.orm import Session

from ..audit import Action, label, record
from ..models import AuditEntry, Erasure, Member, PrivacyRequest, QuizAttempt, SignInCode
from ..models.followup import FollowUpNote, NoticeDismissal
from .queries import is_erased

ERASED_NAME = "(erased)"
ERASED_TEXT = "(withdrawn)"


class AlreadyErased(ValueError):
    """The member's data was erased before."""


@dataclass(frozen=True)
class ErasureReport:
    member_id: int
    attempts_blanked: int
    audit_entries_cleaned: int


def blank_answers(result_json: str | None) -> str | None:
    """A stored result without the keys of her answers; scores and statuses stay for statistics."""
    if not result_json:
        return result_json
    result = json.loads(result_json)
    for question in result.get("questions", {}).values():
        question.pop("key", None)
    return json.dumps(result, ensure_ascii=False)


def erase(session: Session, member: Member, *, actor: Member | None, reason: str,
          request: PrivacyRequest | None = None) -> ErasureReport:
    """De-identify ``member`` in the caller's transaction (the caller commits)."""
    if is_erased(session, member.id):
        raise AlreadyErased(member.id)
    names = Identifiers.of(member)
    member.full_name = ERASED_NAME
    member.username = f"erased-{secrets.token_hex(8)}"
    member.phone = None
    member.external_id = None
    member.password_hash = None
    member.language = None
    member.last_seen_at = None
    member.end_sessions()
    session.execute(delete(SignInCode).where(SignInCode.member_id == member.id))
    # What coordinators wrote about her (the follow-up log) is about her alone; it goes.
    session.execute(delete(FollowUpNote).where(FollowUpNote.member_id == member.id))
    session.execute(delete(NoticeDismissal).where(NoticeDismissal.member_id == member.id))
    attempts = session.scalars(select(QuizAttempt).where(QuizAttempt.member_id == member.id,
                                                         QuizAttempt.responses_json.is_not(None))).all()
    for attempt in attempts:
        attempt.responses_json = None
        attempt.result_json = blank_answers(attempt.result_json)
    for asked in session.scalars(select(PrivacyRequest).where(PrivacyRequest.member_id == member.id)):
        asked.details = ERASED_TEXT if asked.details else asked.details
        if asked.outcome:
            asked.outcome = names.scrub_free(asked.outcome)
    session.flush()
    cleaned = _clean_audit(session, member, names)
    _clean_copies(session, member, names)
    session.add(Erasure(member_id=member.id, reason=reason, request_id=request.id if request else None))
    record(session, actor, Action.PRIVACY_ERASE, member, reason=reason,
           **({"request": request.id} if request is not None else {}))
    return ErasureReport(member.id, len(attempts), cleaned)


@dataclass(frozen=True)
class Identifiers:
    """What named her: replaced wherever it was copied.

    Her label (``Full Name (username)``) is replaced inside longer texts; name, username,
    phone and roster id where a value is exactly one of them (a short name or username is
    part of many words, such as a course title).
    """

    label: str
    full_name: str
    exact: frozenset[str]

    @classmethod
    def of(cls, member: Member) -> Identifiers:
        return cls(label(member), member.full_name, frozenset(
            text for text in (member.full_name, member.username, member.phone, member.external_id) if text))

    def searched(self) -> list[str]:
        return sorted(self.exact | {self.label})

    def scrub(self, text: str) -> str:
        """A value that is one of her identifiers, or a text quoting her label."""
        if text in self.exact:
            return ERASED_NAME
        return text.replace(self.label, ERASED_NAME)

    def scrub_free(self, text: str) -> str:
        """Free text written about her (a request's outcome): her full name goes wherever it is."""
        return self.scrub(text).replace(self.full_name, ERASED_NAME)

    def scrub_json(self, text: str) -> str:
        try:
            value = json.loads(text)
        except ValueError:
            return self.scrub(text)
        return json.dumps(self._scrub_value(value), ensure_ascii=False, sort_keys=True)

    def _scrub_value(self, value):
        if isinstance(value, str):
            return self.scrub(value)
        if isinstance(value, list):
            return [self._scrub_value(item) for item in value]
        if isinstance(value, dict):
            return {key: self._scrub_value(item) for key, item in value.items()}
        return value


def _clean_copies(session: Session, member: Member, names: Identifiers) -> None:
    """Every other table that points at her may have copied her name into a text column
    (a ``Full Name (username)`` label beside an ``actor_id``): replace it there too."""
    from .my_data import member_tables

    connection = session.connection()
    for table, columns in member_tables():
        texts = [c for c in table.columns if isinstance(c.type, (String, Text))
                 and (c.name.endswith("_label") or c.name == "detail")]
        if table.name == AuditEntry.__tablename__ or not texts:
            continue
        key = list(table.primary_key.columns)
        for row in connection.execute(select(*key, *texts).where(or_(*(c == member.id for c in columns)))):
            changes = {c.name: names.scrub_json(row._mapping[c]) if c.name == "detail" else names.scrub(row._mapping[c])
                       for c in texts if isinstance(row._mapping[c], str)}
            changes = {name: value for name, value in changes.items() if value != row._mapping[table.c[name]]}
            if changes:
                connection.execute(update(table).where(*(k == row._mapping[k] for k in key)).values(**changes))


def _clean_audit(session: Session, member: Member, names: Identifiers) -> int:
    """Replace her name and username in every audit row that copied them.

    Rows naming her are found by id (she acted or was acted on) and, for copies made without
    an id (a roster import's list of names), by searching the detail text.
    """
    table = AuditEntry.__table__
    new_label = label(member)
    conditions = [table.c.actor_id == member.id, table.c.target_member_id == member.id]
    conditions += [column.contains(text, autoescape=True) for text in names.searched()
                   for column in (table.c.detail, table.c.actor_label, table.c.target_label)]
    connection = session.connection()
    rows = connection.execute(select(table.c.id, table.c.actor_id, table.c.actor_label, table.c.target_member_id,
                                     table.c.target_label, table.c.detail).where(or_(*conditions))).all()
    for row in rows:
        changes = {
            "actor_label": new_label if row.actor_id == member.id else names.scrub(row.actor_label),
            "target_label": new_label if row.target_member_id == member.id else names.scrub(row.target_label),
            "detail": names.scrub_json(row.detail),
        }
        connection.execute(update(table).where(table.c.id == row.id).values(**changes))
    return len(rows)
