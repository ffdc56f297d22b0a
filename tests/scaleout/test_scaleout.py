"""Two app servers (real gunicorn processes on two ports) behind one PostgreSQL and one Redis.

What it proves: the login throttle is shared (failures on A count on B), a session cookie
made by A is honoured by B, and signing out on one server ends the session on the other.
"""
from __future__ import annotations

import os

import pytest
from _seed import prepare_database
from _server import Browser, Gunicorn, PgSchema, app_env

pytestmark = pytest.mark.skipif(
    not (os.environ.get("TEST_DATABASE_URL") and os.environ.get("REDIS_URL")),
    reason="scale-out needs TEST_DATABASE_URL (PostgreSQL) and REDIS_URL",
)


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    """Servers A and B: same database schema (made with `flask init`, dropped after), Redis, key."""
    work = tmp_path_factory.mktemp("scaleout")
    schema = PgSchema(os.environ["TEST_DATABASE_URL"], "scaleout")
    servers = []
    try:
        seeded = prepare_database(schema.url, work, members=5)
        env = app_env(schema.url, work, redis=os.environ["REDIS_URL"])
        for _ in range(2):
            servers.append(Gunicorn(env, work, workers=2).start())
        yield servers[0], servers[1], seeded
    finally:
        for server in servers:
            server.stop()
        schema.drop()


def test_login_throttle_is_shared(pair):
    a, b, seeded = pair
    target = seeded.officers[0]
    for i in range(5):  # the per-account limit: 5 failures per 15 minutes
        server = a if i % 2 == 0 else b
        r = Browser(server.port).login(target, "wrong password")
        assert r.status == 200, r.status
    for server in (a, b):
        r = Browser(server.port).login(target, "wrong password")
        assert r.status == 429, f"server on {server.port} did not see the other's failures"
    # The right password is refused too while the account is throttled, on both.
    assert Browser(b.port).login(target).status == 429


def test_session_from_a_works_on_b_and_logout_ends_it_everywhere(pair):
    a, b, seeded = pair
    on_a = Browser(a.port)
    assert on_a.login(seeded.officers[1]).status == 302
    assert on_a.get("/me").status == 200
    on_b = Browser(b.port, cookies=dict(on_a.cookies))
    assert on_b.get("/me").status == 200
    kept = dict(on_a.cookies)  # a copy of the cookie, as a thief or a second tab would hold it
    assert on_b.logout().status == 302
    replay = Browser(a.port, cookies=kept)
    r = replay.get("/me")
    assert r.status == 302 and "/login" in r.headers.get("location", ""), r.status


def test_workers_share_one_database(pair):
    a, b, seeded = pair
    on_a = Browser(a.port)
    assert on_a.login(seeded.officers[2]).status == 302
    token, r = on_a.submit_quiz(seeded.quiz)
    assert r.status == 303
    on_b = Browser(b.port, cookies=dict(on_a.cookies))
    assert on_b.get(f"/quizzes/{seeded.quiz}/attempts/{token}").status == 200
