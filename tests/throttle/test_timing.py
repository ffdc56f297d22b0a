"""An unknown username costs the same password-hash work as a known one with a wrong password."""
from __future__ import annotations

import statistics
import time

from conftest import TEST_HASH
from sqlalchemy import update

from app.accounts import passwords
from app.accounts.passwords import hash_password
from app.models import Member


def _spy_on_checks(monkeypatch) -> list[str]:
    checked: list[str] = []
    real = passwords.check_password_hash

    def spy(stored, password):
        checked.append(stored)
        return real(stored, password)

    monkeypatch.setattr(passwords, "check_password_hash", spy)
    return checked


def _method(stored_hash: str) -> str:
    return stored_hash.split("$", 1)[0]


def test_unknown_username_is_checked_against_a_hash_of_the_same_method(client, login, monkeypatch):
    checked = _spy_on_checks(monkeypatch)
    assert login("nobody-by-this-name", "some password").status_code == 200
    assert [_method(h) for h in checked] == [_method(hash_password("x", TEST_HASH))]


def test_account_without_a_password_yet_costs_the_same_check(client, make_member, login,
                                                             monkeypatch):
    make_member("newcomer", password=None)  # waits for her sign-in code
    checked = _spy_on_checks(monkeypatch)
    assert login("newcomer", "some password").status_code == 200
    assert [_method(h) for h in checked] == [_method(hash_password("x", TEST_HASH))]


def test_known_and_unknown_usernames_take_about_as_long(request, app_config):
    # The real method and cost, as in production; limits out of the way of many tries.
    app_config.update(PASSWORD_HASH_METHOD="scrypt", LOGIN_LIMIT_PER_ACCOUNT="1000 per minute",
                      LOGIN_LIMIT_PER_ADDRESS="1000 per minute")
    make_member, login, db = (request.getfixturevalue(n) for n in ("make_member", "login", "db"))
    make_member("lan")
    with db() as session:
        session.execute(update(Member).where(Member.username == "lan")
                        .values(password_hash=hash_password("her real passphrase", "scrypt")))
        session.commit()

    def seconds(username):
        start = time.perf_counter()
        assert login(username, "a wrong passphrase").status_code == 200
        return time.perf_counter() - start

    seconds("lan"), seconds("nobody")  # warm both paths (the dummy hash is made once)
    known, unknown = [], []
    for _ in range(7):
        known.append(seconds("lan"))
        unknown.append(seconds("nobody"))
    ratio = statistics.median(unknown) / statistics.median(known)
    # Without the dummy check an unknown name answered about 15 times faster.
    assert 0.5 < ratio < 2, (known, unknown)
