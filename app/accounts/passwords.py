"""Password rules (OWASP ASVS level 1) and hashing."""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

from werkzeug.security import check_password_hash, generate_password_hash

from app.lazy_text import lazy_gettext as _l

MIN_LENGTH = 8
MAX_LENGTH = 256  # generous: long passphrases in any script are welcome
_COMMON_FILE = Path(__file__).with_name("common-passwords.txt")


@lru_cache(maxsize=1)
def _common_passwords() -> frozenset[str]:
    lines = _COMMON_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines if line.strip() and not line.startswith("#"))


def normalise(password: str) -> str:
    """NFC-normalise so the same passphrase typed on two keyboards matches."""
    return unicodedata.normalize("NFC", password)


def password_problem(password: str, *, username: str | None = None):
    """Return why ``password`` is refused (a lazy translated message), or None if it is fine.

    No composition rules: length and a blocklist of the commonest passwords, per ASVS 2.1.
    """
    password = normalise(password)
    if len(password) < MIN_LENGTH:
        return _l("Use at least %(n)d characters.", n=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        return _l("Use at most %(n)d characters.", n=MAX_LENGTH)
    folded = password.casefold()
    if folded in _common_passwords() or (username and folded == username.casefold()):
        return _l("This password is too common and easy to guess. Please choose another one.")
    if len(set(folded)) == 1:
        return _l("This password is too easy to guess. Please choose another one.")
    return None


def hash_password(password: str, method: str = "scrypt") -> str:
    return generate_password_hash(normalise(password), method=method)


def check_password(stored_hash: str | None, password: str) -> bool:
    if not stored_hash:
        return False
    return check_password_hash(stored_hash, normalise(password))
