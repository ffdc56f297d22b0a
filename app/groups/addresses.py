"""A Facebook group's address, written one way, so the same group cannot be registered twice.

Officers paste what the app's "Share" or the browser shows: ``m.facebook.com/groups/123/?ref=share``,
``facebook.com/groups/PhuNuBaTri/``, ``fb.com/groups/...``. All of them name the same group as
``https://www.facebook.com/groups/<id-or-name>``; vanity names are compared without case, as
Facebook compares them.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

CANONICAL = "https://www.facebook.com/groups/{}"
_HOSTS = {"facebook.com", "www.facebook.com", "m.facebook.com", "mbasic.facebook.com",
          "web.facebook.com", "fb.com", "www.fb.com"}
_GROUP = re.compile(r"^/groups/([A-Za-z0-9][A-Za-z0-9._-]{0,99})(?:/.*)?$")


class NotAGroupAddress(ValueError):
    """The text is not the address of a Facebook group; ``reason`` says which case it is."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason  # "not_facebook", "share_link" or "not_group"


def normalise_group_address(text: str) -> str:
    """The canonical address of the group ``text`` points to, or NotAGroupAddress."""
    text = (text or "").strip()
    if not re.match(r"^[a-z][a-z0-9+.-]*://", text, re.IGNORECASE):
        text = "https://" + text
    try:
        parts = urlsplit(text)
        port = parts.port  # reading it checks it
    except ValueError:  # e.g. "face]ook.com": not an address at all
        raise NotAGroupAddress("not_facebook") from None
    if parts.scheme.lower() not in ("http", "https") or (parts.hostname or "").lower() not in _HOSTS \
            or parts.username or parts.password or port:
        raise NotAGroupAddress("not_facebook")
    if parts.path.startswith("/share/"):
        raise NotAGroupAddress("share_link")
    match = _GROUP.match(parts.path)
    if match is None:
        raise NotAGroupAddress("not_group")
    name = match.group(1)
    return CANONICAL.format(name if name.isdigit() else name.lower())
