"""Redis set but not answering: sign-in, code sign-in and certificate checks keep working,
throttled by counters in the database, with a warning in the log."""
from __future__ import annotations

import logging
import os

import pytest
from conftest import csrf_token_from

from app import throttle

CLOSED_PORT = "redis://127.0.0.1:1/0"
SOME_CODE = "N" * 24


@pytest.fixture
def app_config(app_config):
    app_config.update(REDIS_URL=CLOSED_PORT, CERTIFICATE_LOOKUP_LIMIT="3 per minute")
    return app_config


def test_sign_in_works_and_the_log_says_redis_is_unreachable(client, make_member, login, caplog):
    make_member("lan")
    with caplog.at_level(logging.WARNING, logger="union.throttle"):
        assert login("lan").status_code == 302
    warnings = [r.getMessage() for r in caplog.records if r.name == "union.throttle"]
    assert len(warnings) == 1 and "unreachable" in warnings[0] and "127.0.0.1:1" in warnings[0]


def test_guesses_are_still_throttled_without_redis(client, make_member, login):
    make_member("lan")
    statuses = [login("lan", "not her password").status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]


def test_code_sign_in_works(client, runner, make_member):
    make_member("lan", password=None)
    code = runner.invoke(args=["users", "reset", "lan"]).output.split(": ")[1].split()[0]
    page = client.get("/login/code")
    response = client.post("/login/code", data={
        "csrf_token": csrf_token_from(page), "username": "lan", "code": code,
        "new_password": "my own passphrase", "confirm": "my own passphrase"})
    assert response.status_code == 302


def test_certificate_check_answers_and_stays_limited(client):
    statuses = [client.get(f"/certificates/{SOME_CODE}").status_code for _ in range(4)]
    assert statuses == [404] * 3 + [429]


def test_redis_status_says_unreachable(app):
    with app.app_context():
        assert throttle.redis_status() == "unreachable"


def test_redis_status_is_none_without_redis(app_config, request):
    app_config["REDIS_URL"] = None
    app = request.getfixturevalue("app")
    with app.app_context():
        assert throttle.redis_status() is None


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs a running Redis (REDIS_URL)")
def test_redis_status_is_ok_when_it_answers(app_config, request):
    app_config["REDIS_URL"] = os.environ["REDIS_URL"]
    app = request.getfixturevalue("app")
    with app.app_context():
        assert throttle.redis_status() == "ok"
