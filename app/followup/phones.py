"""A member's phone number as the phone's own apps want it. Pure functions, no I/O.

Rosters store numbers as people type them: ``0912 345 678``, ``0912.345.678``,
``+84 912 345 678``, ``84912345678``, or ``912345678`` when Excel dropped the leading 0
(the roster import puts it back, a hand-typed one may lack it). Calls and messages take
the international form (``+84912345678``), which works from any SIM; Zalo's chat links
take the number as Vietnamese people write it (``0912345678``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

VIETNAM = "84"
_NOT_DIGIT = re.compile(r"\D")


@dataclass(frozen=True)
class PhoneNumber:
    #: For ``tel:`` and ``sms:``: ``+`` and the country code.
    international: str
    #: For Zalo: the number as written at home (``09...`` in Vietnam).
    local: str


def phone_number(stored: str | None) -> PhoneNumber | None:
    """The number in both forms; None when nothing callable is stored (no number, or fewer
    than 9 or more than 12 digits once the country code is taken off)."""
    if not stored or not stored.strip():
        return None
    text = stored.strip()
    digits = _NOT_DIGIT.sub("", text)
    if text.startswith("00"):  # 0084 912 ...: the international prefix dialled from abroad
        digits, text = digits[2:], "+" + digits[2:]
    if text.startswith("+") and not digits.startswith(VIETNAM):
        return PhoneNumber("+" + digits, digits) if 8 <= len(digits) <= 15 else None
    if text.startswith("+") or (digits.startswith(VIETNAM) and len(digits) >= 11):
        national = digits[len(VIETNAM):]
        national = national[1:] if national.startswith("0") else national  # "+84 0912 ..." happens
    else:
        national = digits[1:] if digits.startswith("0") else digits
    if not 8 <= len(national) <= 11:
        return None
    return PhoneNumber(f"+{VIETNAM}{national}", "0" + national)
