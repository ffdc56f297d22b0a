"""Behind a proxy, throttling counts the visitor's address, not the proxy's."""
from __future__ import annotations

import pytest
from conftest import csrf_token_from


@pytest.fixture
def app_config(app_config):
    app_config.update(PROXY_COUNT=1, LOGIN_LIMIT_PER_ADDRESS="3 per 15 minutes")
    return app_config


def _fail(client, username, address):
    page = client.get("/login")
    return client.post("/login", data={"username": username, "password": "wrong password",
                                       "csrf_token": csrf_token_from(page)},
                       headers={"X-Forwarded-For": address}).status_code


def test_addresses_behind_the_proxy_are_throttled_separately(client, make_member):
    for name in ("a1", "a2", "b1"):
        make_member(name)
    assert [_fail(client, "a1", "203.0.113.1") for _ in range(2)] == [200, 200]
    assert _fail(client, "a2", "203.0.113.1") == 200
    assert _fail(client, "a2", "203.0.113.1") == 429  # this address has used its 3 failures
    assert _fail(client, "b1", "203.0.113.2") == 200  # another officer behind the same proxy
