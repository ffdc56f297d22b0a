"""What a stored text, a username, a phone number and a unit code may hold.

One set of rules for every way data comes in: the web forms, the roster and unit imports and
the command line all check with these, so a value one of them accepts the others accept too.
No Flask and no forms here.
"""
from __future__ import annotations

import re

#: C0 and C1 control characters and DEL: no input may carry them (except where a field says).
CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f]")

USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")
PHONE_RE = re.compile(r"^\+?[0-9 .-]{8,16}$")
UNIT_CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,39}$")
#: The longest full name a member may have.
FULL_NAME_MAX = 120

_NOT_DIGIT = re.compile(r"\D")


def control_character_in(text: str, *, allowed: str = "") -> str | None:
    """The first control character in ``text`` that is not in ``allowed`` (None: none)."""
    for match in CONTROL_CHARACTERS.finditer(text):
        if match.group() not in allowed:
            return match.group()
    return None


def phone_is_valid(phone: str) -> bool:
    """A phone number as people write it (``0912 345 678``, ``+84 912.345.678``): 9 to 12 digits."""
    return bool(PHONE_RE.match(phone)) and 9 <= len(_NOT_DIGIT.sub("", phone)) <= 12
