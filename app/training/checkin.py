"""The check-in rules: when a session is open for check-in, and its rotating short code.

Pure functions, no Flask, no database. The code shown in the hall is an HMAC of the site's
secret key, the session's id and the current time slot, written in an alphabet with no
look-alike characters (no 0/O, 1/I/L), so it cannot be guessed or worked out for another
session or a later slot. It changes every ``CODE_SLOT``; the code of the slot just past is
still accepted, so a code she is typing when it changes still works.
"""
from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta

#: Check-in opens this long before the session starts and closes when it ends.
OPENS_BEFORE = timedelta(minutes=30)
#: How long one code is shown before the next one replaces it.
CODE_SLOT = timedelta(minutes=5)
CODE_LENGTH = 6
#: Capitals and digits that cannot be mistaken for one another on a screen or a poster.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def check_in_window(starts_at: datetime, ends_at: datetime) -> tuple[datetime, datetime]:
    """When check-in is open: from ``OPENS_BEFORE`` before the start to the end, both included."""
    return starts_at - OPENS_BEFORE, ends_at


def is_open(starts_at: datetime, ends_at: datetime, now: datetime) -> bool:
    opens, closes = check_in_window(starts_at, ends_at)
    return opens <= now <= closes


def has_started_window(starts_at: datetime, now: datetime) -> bool:
    """Whether check-in has opened (so attendance may be recorded): never before."""
    return now >= starts_at - OPENS_BEFORE


def time_slot(now: datetime) -> int:
    """The number of the code slot ``now`` falls in (aware datetimes only)."""
    return int(now.timestamp() // CODE_SLOT.total_seconds())


def code_for(secret: str | bytes, session_id: int, slot: int) -> str:
    """The code of one session in one slot."""
    key = secret.encode() if isinstance(secret, str) else secret
    digest = hmac.new(key, f"session-check-in:{session_id}:{slot}".encode(), hashlib.sha256).digest()
    number = int.from_bytes(digest, "big")
    letters = []
    for _ in range(CODE_LENGTH):
        number, index = divmod(number, len(ALPHABET))
        letters.append(ALPHABET[index])
    return "".join(letters)


def current_code(secret: str | bytes, session_id: int, now: datetime) -> str:
    return code_for(secret, session_id, time_slot(now))


def normalise_code(typed: str | None) -> str:
    """What she typed, as a code: capitals, without spaces or dashes."""
    return "".join(ch for ch in (typed or "").upper() if ch not in " -\t")


def code_matches(secret: str | bytes, session_id: int, typed: str | None, now: datetime) -> bool:
    """Whether ``typed`` is the session's code of the current slot or the one just before."""
    code = normalise_code(typed)
    if len(code) != CODE_LENGTH:
        return False
    slot = time_slot(now)
    matches = [hmac.compare_digest(code, code_for(secret, session_id, s)) for s in (slot, slot - 1)]
    return any(matches)


def seconds_to_next_code(now: datetime) -> int:
    """Seconds until the code changes (for the poster's refresh), at least 1."""
    slot_seconds = CODE_SLOT.total_seconds()
    left = slot_seconds - (now.timestamp() % slot_seconds)
    return max(1, int(left) + 1)


#: Why a check-in is refused.
NOT_OPEN_YET = "not_open_yet"
CLOSED = "closed"
CANCELLED = "cancelled"
WRONG_CODE = "wrong_code"
NOT_INVITED = "not_invited"
FULL = "full"


def check_in_refusal(*, starts_at: datetime, ends_at: datetime, cancelled: bool, now: datetime,
                     code_ok: bool, invited: bool, walk_ins_allowed: bool,
                     capacity: int | None, attending: int) -> str | None:
    """Why a member's own check-in is refused, or None when it is accepted.

    In this order: a cancelled session, the window (not open yet, closed), the code, and then
    who she is: invited members always get in; others only when walk-ins are allowed and
    the hall is not full (``attending`` already counts every attendance recorded).
    """
    if cancelled:
        return CANCELLED
    opens, closes = check_in_window(starts_at, ends_at)
    if now < opens:
        return NOT_OPEN_YET
    if now > closes:
        return CLOSED
    if not code_ok:
        return WRONG_CODE
    if invited:
        return None
    if not walk_ins_allowed:
        return NOT_INVITED
    if capacity is not None and attending >= capacity:
        return FULL
    return None
