"""Writing a checked roster: all rows or none, in the caller's one transaction.

Rows go in as bulk INSERT and UPDATE statements, not one ORM object at a time, so a roster
of tens of thousands of members takes seconds. Each new member gets a one-time sign-in
code, returned in clear exactly once for the printed sheet and stored only as a hash.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Callable

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from ..accounts import codes
from ..models import Member, SignInCode, Unit
from .checking import RosterPlan

BATCH = 5000
LOOKUP = 5000  # usernames per IN (...) lookup; well under SQLite's 32,766 variables


@dataclass(frozen=True)
class IssuedCode:
    member_id: int
    username: str
    full_name: str
    unit_name: str
    code: str  # formatted for reading off paper, e.g. ABCDE-FGHJK


def apply_roster(session: Session, plan: RosterPlan, *, code_hours: int, issued_by_id: int | None = None,
                 progress: Callable[[int], None] | None = None) -> list[IssuedCode]:
    """Insert the new members, update the changed ones, and issue codes to the new ones.

    Raises ValueError for a plan with problems; the caller commits, or rolls back on error.
    """
    if not plan.ok:
        raise ValueError("a roster with problems is never written")
    now = datetime.now(timezone.utc)
    members = Member.__table__
    for start in range(0, len(plan.new), BATCH):
        batch = plan.new[start:start + BATCH]
        session.execute(insert(members), [{**row, "created_at": now, "active": True, "session_version": 1}
                                          for row in batch])
        if progress:
            progress(len(batch))
    for start in range(0, len(plan.updates), BATCH):
        batch = plan.updates[start:start + BATCH]
        session.execute(update(Member), batch)
        if progress:
            progress(len(batch))
    return _issue_codes(session, plan.new, code_hours, issued_by_id, now)


#: Random bytes below 248 (8 x 31) map evenly onto the 31 symbols; the rest are dropped.
_SYMBOL_OF_BYTE = bytes(ord(codes._ALPHABET[b % len(codes._ALPHABET)]) for b in range(256))
_UNEVEN_BYTES = bytes(range(len(codes._ALPHABET) * (256 // len(codes._ALPHABET)), 256))


def new_codes(count: int) -> list[str]:
    """``count`` codes like :func:`app.accounts.codes.issue_code` makes, drawn in one go."""
    length = codes.CODE_LENGTH
    symbols = ""
    while len(symbols) < count * length:
        need = count * length - len(symbols)
        symbols += secrets.token_bytes(need + need // 16 + 16).translate(
            _SYMBOL_OF_BYTE, _UNEVEN_BYTES).decode("ascii")
    return [symbols[i * length:(i + 1) * length] for i in range(count)]


def _issue_codes(session: Session, new_rows: list[dict], hours: int, issued_by_id: int | None,
                 now: datetime) -> list[IssuedCode]:
    """A code for each new member (who has none yet), inserted in bulk."""
    ids: dict[str, int] = {}
    usernames = [row["username"] for row in new_rows]
    for start in range(0, len(usernames), LOOKUP):
        chunk = usernames[start:start + LOOKUP]
        ids.update(session.execute(select(Member.username, Member.id).where(Member.username.in_(chunk))).all())
    units = dict(session.execute(select(Unit.id, Unit.name)).all())
    clear = new_codes(len(new_rows))
    expires = now + timedelta(hours=hours)
    rows = [{"member_id": ids[row["username"]], "code_hash": codes._digest(code), "created_at": now,
             "expires_at": expires, "issued_by_id": issued_by_id} for row, code in zip(new_rows, clear)]
    for start in range(0, len(rows), BATCH):
        session.execute(insert(SignInCode.__table__), rows[start:start + BATCH])
    issued = [IssuedCode(ids[row["username"]], row["username"], row["full_name"], units[row["unit_id"]],
                         codes.format_code(code)) for row, code in zip(new_rows, clear)]
    issued.sort(key=lambda c: (c.unit_name, c.full_name))
    return issued
