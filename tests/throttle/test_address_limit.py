"""The per-address limit counts failures that no success answered: a hall gets in, a guesser
waits."""
from __future__ import annotations

import pytest
from conftest import csrf_token_from


def _fail(login, username, client_=None):
    return login(username, "not her password", client_=client_).status_code


def _sign_out(client):
    client.post("/logout", data={"csrf_token": csrf_token_from(client.get("/me"))})


@pytest.fixture
def app_config(app_config):
    # Small enough to see in a test; the real hall is in test_training_hall.py.
    app_config["LOGIN_LIMIT_PER_ADDRESS"] = "3 per 15 minutes"
    return app_config


def test_address_limit_counts_failures_not_successes(app, make_member, login):
    """Ten officers behind one address, each with two typos: 20 failures against a limit of 3,
    none refused, because each one's success answers her own failures."""
    names = [f"officer{i}" for i in range(10)]
    for name in names:
        make_member(name)
    for name in names:
        phone = app.test_client()
        assert [_fail(login, name, phone), _fail(login, name, phone)] == [200, 200]
        assert login(name, client_=phone).status_code == 302, name


def test_address_limit_stops_one_client_guessing_across_accounts(app, client, make_member, login):
    for name in ("a1", "a2", "a3", "a4", "mine", "lan"):
        make_member(name)
    lan_phone = app.test_client()
    login("lan", client_=lan_phone)
    _sign_out(lan_phone)
    assert [_fail(login, "a1"), _fail(login, "a2")] == [200, 200]
    assert login("mine").status_code == 302  # her own success does not forgive a1 and a2
    _sign_out(client)
    assert _fail(login, "a3") == 200
    assert _fail(login, "a4") == 429
    assert login("mine", client_=app.test_client()).status_code == 429  # a new phone here waits
    assert login("lan", client_=lan_phone).status_code == 302  # a trusted phone does not
