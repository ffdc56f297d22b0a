"""Checking a typed password so that the time taken says nothing about the username.

An unknown username (or an account that has no password yet) is checked against a dummy
hash made with the same method as real ones, so it costs the same scrypt work as a wrong
password for a real account.
"""
from __future__ import annotations

import secrets
from functools import lru_cache

from flask import current_app

from ..accounts.passwords import check_password, hash_password
from ..models import Member


@lru_cache(maxsize=8)
def dummy_hash(method: str) -> str:
    """A hash of a random password that nobody knows, made once per method and process."""
    return hash_password(secrets.token_urlsafe(24), method)


def password_matches(member: Member | None, password: str) -> bool:
    """Whether ``password`` is ``member``'s; the same work is done when there is no member."""
    if member is None or not member.password_hash:
        check_password(dummy_hash(current_app.config["PASSWORD_HASH_METHOD"]), password)
        return False
    return check_password(member.password_hash, password)
