"""Limits written the way an operator reads them: ``"5 per 15 minutes"``."""
from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
_LIMIT = re.compile(r"^\s*(\d+)\s*(?:per|/)\s*(\d+)?\s*(second|minute|hour|day)s?\s*$", re.I)


@dataclass(frozen=True)
class Limit:
    """At most ``count`` hits in a window of ``seconds``, the window opening at the first hit."""

    count: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> Limit:
        """Read ``"30 per minute"``, ``"5 per 15 minutes"`` or ``"100/hour"``; refuse anything else
        with the setting's text in the message, so a typo in the configuration stops the start."""
        match = _LIMIT.match(str(text))
        if not match or int(match.group(1)) < 1 or match.group(2) == "0":
            raise ValueError(f"not a limit: {text!r} (write e.g. '5 per 15 minutes')")
        amount = int(match.group(2) or 1)
        return cls(count=int(match.group(1)), seconds=amount * _UNITS[match.group(3).lower()])
