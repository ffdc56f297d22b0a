"""On SQLite the password hash is computed while no write lock is held, so sign-ins in a
hall do not queue behind each other's scrypt."""
from __future__ import annotations

import sqlite3

import pytest
from conftest import SQLITE_ONLY, TEST_PASSWORD, csrf_token_from

from app.accounts import passwords

pytestmark = SQLITE_ONLY


def _lock_free(app) -> bool:
    """Whether another connection could take the write lock right now."""
    path = app.config["DATABASE_URL"].removeprefix("sqlite:///")
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        other.close()


@pytest.fixture
def watch_hashing(app, monkeypatch):
    """``watch_hashing()`` returns a list that gets, for each scrypt check or hash made from
    then on: whether the write lock was free at that moment."""
    seen: list[bool] = []
    real_check, real_make = passwords.check_password_hash, passwords.generate_password_hash

    def check(*args, **kw):
        seen.append(_lock_free(app))
        return real_check(*args, **kw)

    def make(*args, **kw):
        seen.append(_lock_free(app))
        return real_make(*args, **kw)

    def start() -> list[bool]:
        monkeypatch.setattr(passwords, "check_password_hash", check)
        monkeypatch.setattr(passwords, "generate_password_hash", make)
        return seen

    return start


def test_sign_in_checks_the_password_outside_the_write_lock(app, make_member, login, watch_hashing):
    make_member("lan")
    seen = watch_hashing()
    assert login("lan").status_code == 302
    assert login("lan", "wrong password", client_=app.test_client()).status_code == 200
    assert seen == [True, True]


def test_code_sign_in_hashes_the_new_password_outside_the_write_lock(client, runner, make_member,
                                                                     watch_hashing):
    make_member("lan", password=None)
    code = runner.invoke(args=["users", "reset", "lan"]).output.split(": ")[1].split()[0]
    seen = watch_hashing()
    page = client.get("/login/code")
    response = client.post("/login/code", data={
        "csrf_token": csrf_token_from(page), "username": "lan", "code": code,
        "new_password": "my own passphrase", "confirm": "my own passphrase"})
    assert response.status_code == 302
    assert seen == [True]


def test_password_change_hashes_outside_the_write_lock(client, make_member, login, watch_hashing):
    make_member("lan")
    login("lan")
    seen = watch_hashing()
    page = client.get("/account/password")
    response = client.post("/account/password", data={
        "csrf_token": csrf_token_from(page), "current_password": TEST_PASSWORD,
        "new_password": "a new long passphrase", "confirm": "a new long passphrase"})
    assert response.status_code == 302
    assert seen == [True, True]  # the current password's check, the new one's hash
