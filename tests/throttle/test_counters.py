"""The counters themselves: one atomic step each, in the database and in Redis."""
from __future__ import annotations

import os
import threading
import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from app.models import Base
from app.throttle import counters as counters_module
from app.throttle.counters import DatabaseCounters, RedisCounters
from app.throttle.limits import Limit


@pytest.mark.parametrize("text, limit", [
    ("5 per 15 minutes", Limit(5, 900)), ("30 per minute", Limit(30, 60)),
    ("100/hour", Limit(100, 3600)), ("2 per 1 day", Limit(2, 86400)),
])
def test_limits_read_as_written(text, limit):
    assert Limit.parse(text) == limit


@pytest.mark.parametrize("text", ["", "5", "per minute", "0 per minute", "5 per 0 minutes",
                                  "5 per fortnight"])
def test_a_mistyped_limit_is_refused(text):
    with pytest.raises(ValueError, match="not a limit"):
        Limit.parse(text)


def test_a_mistyped_limit_stops_the_start(app_config, request):
    app_config["LOGIN_LIMIT_PER_ADDRESS"] = "100 a minute"
    with pytest.raises(RuntimeError, match="LOGIN_LIMIT_PER_ADDRESS"):
        request.getfixturevalue("app")


STORES = ["database"] + (["redis"] if os.environ.get("REDIS_URL") else [])


@pytest.fixture(params=STORES)
def store(request, app):
    if request.param == "redis":
        return RedisCounters(os.environ["REDIS_URL"])
    return DatabaseCounters(app.extensions["database"][0])


def _key() -> str:
    return f"test-{uuid.uuid4().hex}:account:lan"


def test_parallel_hits_each_get_their_own_count(store):
    key, results, start = _key(), [], threading.Barrier(30)

    def hit():
        start.wait()
        results.append(store.hit(key, 60)[0])

    threads = [threading.Thread(target=hit) for _ in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == list(range(1, 31))


def test_give_back_never_goes_below_zero(store):
    key = _key()
    store.hit(key, 60)
    store.give_back(key, 5)
    assert store.hit(key, 60)[0] == 1
    store.give_back(_key())  # a counter that does not exist stays absent
    assert store.take_all(key) == 1
    assert store.take_all(key) == 0


def test_a_window_opens_at_the_first_hit_and_ends(app, monkeypatch):
    store = DatabaseCounters(app.extensions["database"][0])
    clock = [1_000_000.0]
    monkeypatch.setattr(counters_module.time, "time", lambda: clock[0])
    key = _key()
    assert store.hit(key, 60) == (1, 60)
    clock[0] += 45
    assert store.hit(key, 60) == (2, 15)
    clock[0] += 15
    assert store.hit(key, 60) == (1, 60)  # a new window
    clock[0] += 61
    assert store.take_all(key) == 0  # what an ended window held is gone


def test_models_and_migrations_agree(app):
    engine = app.extensions["database"][0]
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
