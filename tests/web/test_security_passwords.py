"""ASVS 2.1.3/2.1.4 (SECURITY.md): long passwords are never truncated, any script is accepted."""
from __future__ import annotations

from app.accounts.passwords import check_password, hash_password


def test_long_passwords_are_not_truncated():
    password = "chị em hội phụ nữ " * 10 + "end"   # well past bcrypt's 72 bytes
    stored = hash_password(password, "scrypt")
    assert check_password(stored, password)
    assert not check_password(stored, password[:-1])
    assert not check_password(stored, password[:72])


def test_the_same_passphrase_typed_composed_or_decomposed_matches():
    composed = "Hội Phụ Nữ 2026"
    decomposed = "Ho\u0323\u0302i Phu\u0323 Nu\u031b\u0303 2026"
    stored = hash_password(composed, "scrypt")
    assert check_password(stored, decomposed)
