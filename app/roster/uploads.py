"""Uploaded rosters kept on the server between the dry run and the import.

The file waits under the instance folder with a random name; the form that confirms the
import carries only that name, and the name must match the one in the admin's signed
session, so no row data ever travels through the browser and nobody can import another
person's upload. Files are deleted after the import and swept after a day.
"""
from __future__ import annotations

import re
import secrets
import time
from pathlib import Path

from flask import current_app, session

SESSION_KEY = "roster_upload"
TOKEN_RE = re.compile(r"^[0-9a-f]{32}$")
MAX_AGE_SECONDS = 24 * 3600


def _folder() -> Path:
    folder = Path(current_app.instance_path) / "roster-uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def keep(data: bytes) -> str:
    """Store ``data`` under a new random name, remember it in the session, return the name."""
    _sweep()
    token = secrets.token_hex(16)
    path = _folder() / f"{token}.upload"
    path.write_bytes(data)
    path.chmod(0o600)
    session[SESSION_KEY] = token
    return token


def load(token: str) -> bytes | None:
    """The stored upload, if ``token`` is this session's current one and the file still exists."""
    if not TOKEN_RE.match(token or "") or session.get(SESSION_KEY) != token:
        return None
    path = _folder() / f"{token}.upload"
    return path.read_bytes() if path.is_file() else None


def discard(token: str) -> None:
    if TOKEN_RE.match(token or ""):
        (_folder() / f"{token}.upload").unlink(missing_ok=True)
    if session.get(SESSION_KEY) == token:
        session.pop(SESSION_KEY, None)


def _sweep() -> None:
    cutoff = time.time() - MAX_AGE_SECONDS
    for path in _folder().glob("*.upload"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except FileNotFoundError:
            pass
