"""Signing in and out, sessions that really end, throttling, CSRF and redirects."""
from __future__ import annotations

from http.cookies import SimpleCookie

from conftest import TEST_PASSWORD, csrf_token_from


def _session_cookie(client) -> str:
    cookie = client.get_cookie("session")
    assert cookie is not None
    return cookie.value


def test_login_and_logout(client, make_member, login):
    make_member("lan")
    response = login("lan")
    assert response.status_code == 302
    assert client.get("/account/password").status_code == 200
    page = client.get("/account/password")
    response = client.post("/logout", data={"csrf_token": csrf_token_from(page)})
    assert response.status_code == 302
    assert client.get("/account/password").status_code == 302  # back to the login page


def test_wrong_password_and_unknown_user_get_the_same_message(client, make_member, login):
    make_member("lan")
    wrong = login("lan", "not the password")
    unknown = login("nobody", "not the password")
    assert wrong.status_code == unknown.status_code == 200
    message = b"The username or password is not right"
    assert message in wrong.data and message in unknown.data


def test_session_cookie_captured_before_logout_is_refused_after_it(app, client, make_member, login):
    make_member("lan")
    login("lan")
    stolen = _session_cookie(client)
    page = client.get("/account/password")
    client.post("/logout", data={"csrf_token": csrf_token_from(page)})

    thief = app.test_client()
    thief.set_cookie("session", stolen)
    response = thief.get("/account/password")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_deactivated_members_open_session_is_refused(app, client, db, make_member, login):
    member = make_member("lan")
    login("lan")
    assert client.get("/account/password").status_code == 200
    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "deactivate", "lan"])
    assert result.exit_code == 0, result.output
    assert client.get("/account/password").status_code == 302
    with db() as session:
        assert session.get(type(member), member.id).active is False


def test_deactivated_member_cannot_sign_in(client, make_member, login):
    make_member("lan", active=False)
    response = login("lan")
    assert response.status_code == 200
    assert b"switched off" in response.data


def test_password_change_ends_her_other_sessions(app, client, make_member, login):
    make_member("lan")
    other_device = app.test_client()
    login("lan", client_=other_device)
    login("lan")
    page = client.get("/account/password")
    response = client.post("/account/password", data={
        "csrf_token": csrf_token_from(page), "current_password": TEST_PASSWORD,
        "new_password": "a new long passphrase", "confirm": "a new long passphrase",
    })
    assert response.status_code == 302
    assert client.get("/account/password").status_code == 200  # this device goes on
    assert other_device.get("/account/password").status_code == 302  # the other is out


def test_password_change_needs_the_current_password(client, make_member, login):
    make_member("lan")
    login("lan")
    page = client.get("/account/password")
    response = client.post("/account/password", data={
        "csrf_token": csrf_token_from(page), "current_password": "wrong one here",
        "new_password": "a new long passphrase", "confirm": "a new long passphrase",
    })
    assert response.status_code == 200
    assert b"Your current password is not right" in response.data


def test_login_is_throttled_after_repeated_failures(client, make_member, login):
    make_member("lan")
    statuses = [login("lan", f"wrong password {i}").status_code for i in range(6)]
    assert statuses[:5] == [200] * 5
    assert statuses[5] == 429
    # Even the right password waits until the window has passed.
    assert login("lan").status_code == 429


def test_throttling_is_per_account(client, make_member, login):
    make_member("lan")
    make_member("mai")
    for i in range(6):
        login("lan", f"wrong password {i}")
    assert login("mai").status_code == 302


def test_post_without_csrf_token_is_refused(client, make_member, login):
    make_member("lan")
    response = client.post("/login", data={"username": "lan", "password": TEST_PASSWORD})
    assert response.status_code == 400
    login("lan")
    assert client.post("/logout").status_code == 400


def test_outside_next_is_ignored(client, make_member, login):
    make_member("lan")
    for target in ("https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"):
        page = client.get("/login", query_string={"next": target})
        response = client.post("/login", data={
            "username": "lan", "password": TEST_PASSWORD, "csrf_token": csrf_token_from(page),
            "next": target,
        })
        assert response.status_code == 302
        location = response.headers["Location"]
        assert "evil" not in location and "javascript" not in location
        client.post("/logout", data={"csrf_token": csrf_token_from(client.get("/account/password"))})


def test_inside_next_is_followed(client, make_member):
    make_member("lan")
    page = client.get("/login", query_string={"next": "/account/password"})
    response = client.post("/login", data={
        "username": "lan", "password": TEST_PASSWORD, "csrf_token": csrf_token_from(page),
        "next": "/account/password",
    })
    assert response.headers["Location"].endswith("/account/password")


def test_security_headers(client, make_member, login):
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Request-ID"]
    make_member("lan")
    login("lan")
    assert client.get("/account/password").headers["Cache-Control"] == "no-store"


def test_session_cookie_flags(client, make_member, login):
    make_member("lan")
    response = login("lan")
    header = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))
    cookie = SimpleCookie()
    cookie.load(header)
    assert cookie["session"]["httponly"]
    assert cookie["session"]["samesite"] == "Lax"


def test_error_page_is_generic_and_carries_the_request_id(client):
    response = client.get("/no/such/page", headers={"X-Request-ID": "abc123def456"})
    assert response.status_code == 404
    assert b"abc123def456" in response.data
    assert b"Traceback" not in response.data


def test_signing_in_is_recorded_as_her_last_activity(client, db, make_member, login):
    from app.models import Member

    member = make_member("lan")
    assert login("lan", "not the password").status_code == 200
    with db() as session:
        assert session.get(Member, member.id).last_seen_at is None  # a failed try is not activity
    assert login("lan").status_code == 302
    with db() as session:
        assert session.get(Member, member.id).last_seen_at is not None
