"""One-time sign-in codes and the password rules."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from conftest import csrf_token_from
from sqlalchemy import update

from app.accounts.passwords import password_problem
from app.models import SignInCode


@pytest.mark.parametrize("password,ok", [
    ("short1", False),                      # under 8
    ("12345678", False),                    # in the common list
    ("Password1", False),                   # common, whatever the case
    ("matkhau123", False),                  # common in Vietnamese
    ("aaaaaaaaaa", False),                  # one character repeated
    ("tám ký tự", True),                    # 9 characters, any Unicode
    ("a" * 7 + "b", True),                  # exactly 8, no composition rules
    ("x" * 63 + "yz", True),                # 65 characters is fine
    ("chị em hội phụ nữ ba tri " * 4, True),
])
def test_password_rules(app, password, ok):
    with app.test_request_context():
        assert (password_problem(password) is None) is ok


def test_password_equal_to_username_is_refused(app):
    with app.test_request_context():
        assert password_problem("nguyenlan", username="NguyenLan") is not None


def _issue(runner, username: str) -> str:
    result = runner.invoke(args=["users", "reset", username])
    assert result.exit_code == 0, result.output
    return result.output.split(": ")[1].split()[0]


def _use_code(client, username, code, password="my own passphrase"):
    page = client.get("/login/code")
    return client.post("/login/code", data={
        "csrf_token": csrf_token_from(page), "username": username, "code": code,
        "new_password": password, "confirm": password,
    })


def test_new_member_sets_her_password_with_a_code(client, runner, make_member, login):
    make_member("lan", password=None)
    code = _issue(runner, "lan")
    response = _use_code(client, "lan", code.lower())  # typed in lowercase on a phone
    assert response.status_code == 302
    assert client.get("/account/password").status_code == 200
    client.post("/logout", data={"csrf_token": csrf_token_from(client.get("/account/password"))})
    assert login("lan", "my own passphrase").status_code == 302


def test_reused_code_is_refused_with_its_own_message(app, client, runner, make_member):
    make_member("lan", password=None)
    code = _issue(runner, "lan")
    assert _use_code(client, "lan", code).status_code == 302
    other = app.test_client()
    response = _use_code(other, "lan", code, "another passphrase")
    assert b"already been used" in response.data


def test_expired_code_is_refused_with_its_own_message(client, runner, db, make_member):
    make_member("lan", password=None)
    code = _issue(runner, "lan")
    with db() as session:
        session.execute(update(SignInCode).values(expires_at=datetime.now(UTC) - timedelta(minutes=1)))
        session.commit()
    response = _use_code(client, "lan", code)
    assert b"has expired" in response.data


def test_wrong_code_and_weak_password(client, runner, make_member):
    make_member("lan", password=None)
    _issue(runner, "lan")
    assert b"not right for this username" in _use_code(client, "lan", "AAAAA-BBBBB").data
    assert b"too common" in _use_code(client, "lan", "AAAAA-BBBBB", "password1").data


def test_code_of_deactivated_account_is_refused(client, runner, make_member):
    make_member("lan", password=None)
    code = _issue(runner, "lan")
    runner.invoke(args=["users", "deactivate", "lan"])
    assert b"switched off" in _use_code(client, "lan", code).data


def test_new_code_replaces_the_old_one(client, runner, make_member):
    make_member("lan", password=None)
    first = _issue(runner, "lan")
    _issue(runner, "lan")
    assert b"already been used" in _use_code(client, "lan", first).data
