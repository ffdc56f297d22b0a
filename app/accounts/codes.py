"""One-time sign-in codes: handed out on paper, used once, expire."""
from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta
from enum import Enum
from typing import cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from ..models import Member, SignInCode

# No 0/O, 1/I/L: codes are read off paper and typed on phones.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
#: Random bytes below 248 (8 x 31) map evenly onto the 31 symbols; the rest are dropped.
_SYMBOL_OF_BYTE = bytes(ord(ALPHABET[b % len(ALPHABET)]) for b in range(256))
_UNEVEN_BYTES = bytes(range(len(ALPHABET) * (256 // len(ALPHABET)), 256))


class CodeError(str, Enum):
    UNKNOWN = "unknown"
    USED = "used"
    EXPIRED = "expired"
    INACTIVE = "inactive"


def code_digest(code: str) -> str:
    """What is stored for a code: a hash of its letters and digits, case and dashes ignored."""
    cleaned = code.upper()
    if not (cleaned.isascii() and cleaned.isalnum()):  # typed with dashes or spaces (a new code has none)
        cleaned = "".join(ch for ch in cleaned if ch.isalnum())
    return hashlib.sha256(cleaned.encode()).hexdigest()


def new_codes(count: int) -> list[str]:
    """``count`` fresh codes in canonical form (no dash), drawn from the OS in one go."""
    symbols = ""
    while len(symbols) < count * CODE_LENGTH:
        need = count * CODE_LENGTH - len(symbols)
        symbols += secrets.token_bytes(need + need // 16 + 16).translate(
            _SYMBOL_OF_BYTE, _UNEVEN_BYTES).decode("ascii")
    return [symbols[i * CODE_LENGTH:(i + 1) * CODE_LENGTH] for i in range(count)]


def format_code(code: str) -> str:
    """Group a code for printing: ``ABCDE-FGHJK``."""
    return f"{code[:5]}-{code[5:]}"


def issue_code(
    session: Session, member: Member, *, hours: int, issued_by: Member | None = None
) -> str:
    """Create a code for ``member`` and return it in clear (it is stored hashed only).

    Earlier unused codes of hers stop working: only the newest sheet counts.
    """
    now = datetime.now(UTC)
    session.execute(
        update(SignInCode)
        .where(SignInCode.member_id == member.id, SignInCode.used_at.is_(None))
        .values(used_at=now)
    )
    code = new_codes(1)[0]
    session.add(
        SignInCode(
            member_id=member.id,
            code_hash=code_digest(code),
            created_at=now,
            expires_at=now + timedelta(hours=hours),
            issued_by_id=issued_by.id if issued_by else None,
        )
    )
    return format_code(code)


def check_code(session: Session, username: str, code: str) -> tuple[SignInCode | None, CodeError | None]:
    """Find the code for ``username``; say precisely why it cannot be used if so."""
    row = session.scalars(
        select(SignInCode)
        .join(Member, Member.id == SignInCode.member_id)
        .where(SignInCode.code_hash == code_digest(code), Member.username == username.strip().lower())
    ).first()
    if row is None:
        return None, CodeError.UNKNOWN
    if row.used_at is not None:
        return row, CodeError.USED
    if row.expires_at <= datetime.now(UTC):
        return row, CodeError.EXPIRED
    if not row.member.active:
        return row, CodeError.INACTIVE
    return row, None


def redeem_code(session: Session, row: SignInCode) -> bool:
    """Mark the code used; False if another request used it first (single use under races)."""
    result = cast(CursorResult, session.execute(
        update(SignInCode)
        .where(SignInCode.id == row.id, SignInCode.used_at.is_(None))
        .values(used_at=datetime.now(UTC))
    ))  # an UPDATE's result is a CursorResult
    return result.rowcount == 1
