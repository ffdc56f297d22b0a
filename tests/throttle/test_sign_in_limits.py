"""Sign-in throttling that stops guessers without locking out the owner or a training hall."""
from __future__ import annotations

from conftest import TEST_PASSWORD, csrf_token_from

from app.throttle.device import COOKIE
from app.throttle.limits import Limit


def _fail(login, username, client_=None):
    return login(username, "not her password", client_=client_).status_code


def _device_cookie(client):
    cookie = client.get_cookie(COOKIE, path="/login")
    assert cookie is not None, "no device cookie after a successful sign-in"
    return cookie.value


def _sign_out(client):
    client.post("/logout", data={"csrf_token": csrf_token_from(client.get("/me"))})


def test_owner_on_her_own_phone_is_not_locked_out_by_guesses_elsewhere(app, client, make_member,
                                                                       login):
    make_member("lan")
    assert login("lan").status_code == 302  # her phone gets a device cookie
    _sign_out(client)
    guesser = app.test_client()
    assert [_fail(login, "lan", guesser) for _ in range(6)] == [200] * 5 + [429]
    assert login("lan", client_=guesser).status_code == 429  # guessers wait, even if right
    assert login("lan").status_code == 302  # she does not


def test_a_trusted_phone_that_guesses_is_limited_too(app, client, make_member, login):
    make_member("lan")
    login("lan")
    _sign_out(client)
    per_device, per_account = (Limit.parse(app.config[name]).count
                               for name in ("LOGIN_LIMIT_PER_DEVICE", "LOGIN_LIMIT_PER_ACCOUNT"))
    statuses = [_fail(login, "lan") for _ in range(per_device + per_account + 1)]
    assert statuses == [200] * (per_device + per_account) + [429]


def test_device_cookie_counts_only_for_the_account_that_signed_in(app, client, make_member, login):
    make_member("lan")
    make_member("mai")
    login("lan")
    _sign_out(client)
    assert [_fail(login, "mai") for _ in range(6)][-1] == 429  # lan's cookie does not help on mai


def test_a_forged_device_cookie_is_ignored(app, client, make_member, login):
    make_member("lan")
    login("lan")
    _sign_out(client)
    value = _device_cookie(client)
    forged = value[:-3] + ("AAA" if not value.endswith("AAA") else "BBB")
    client.set_cookie(COOKIE, forged, path="/login")
    assert [_fail(login, "lan") for _ in range(6)][-1] == 429


def test_current_password_check_is_throttled(app, client, make_member, login):
    make_member("lan")
    login("lan")

    def change(current):
        page = client.get("/account/password")
        return client.post("/account/password", data={
            "csrf_token": csrf_token_from(page), "current_password": current,
            "new_password": "a new long passphrase", "confirm": "a new long passphrase"})

    statuses = [change(f"guess number {i}").status_code for i in range(6)]
    assert statuses == [200] * 5 + [429]
    refused = change(TEST_PASSWORD)
    assert refused.status_code == 429 and b"Too many wrong tries" in refused.data
    assert login("lan", client_=app.test_client()).status_code == 302  # password unchanged


def test_right_current_password_does_not_count(app, client, make_member, login):
    make_member("lan")
    login("lan")
    password = TEST_PASSWORD
    for i in range(7):
        new = f"passphrase number {i}"
        page = client.get("/account/password")
        response = client.post("/account/password", data={
            "csrf_token": csrf_token_from(page), "current_password": password,
            "new_password": new, "confirm": new})
        assert response.status_code == 302, i
        password = new


def test_sign_in_code_form_is_throttled_per_username(app, client, runner, make_member):
    make_member("lan", password=None)
    result = runner.invoke(args=["users", "reset", "lan"])
    code = result.output.split(": ")[1].split()[0]

    def use(code_typed, client_=client):
        page = client_.get("/login/code")
        return client_.post("/login/code", data={
            "csrf_token": csrf_token_from(page), "username": "lan", "code": code_typed,
            "new_password": "my own passphrase", "confirm": "my own passphrase"}).status_code

    assert [use("AAAAA-BBBBB") for _ in range(6)] == [200] * 5 + [429]
    assert use(code, app.test_client()) == 429  # even the right code waits
