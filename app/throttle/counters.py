"""Where the throttle counts: Redis when ``REDIS_URL`` is set, else the main database.

Each operation is one atomic step in its store (a Lua script in Redis, a single upsert or
``DELETE ... RETURNING`` in SQL), so requests racing in different workers or servers never
read the same count. When Redis does not answer, the database counts instead: sign-in keeps
working, a warning goes to the log once, and Redis is tried again after a few seconds.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import count as counter

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry
from sqlalchemy import Engine, case, delete, update
from sqlalchemy.dialects import postgresql, sqlite

from .. import db as dbmod
from ..models import ThrottleCounter

log = logging.getLogger("union.throttle")
#: Remove rows of ended windows after this many hits in a process (cheap, indexed).
SWEEP_EVERY = 500

_HIT = """
local n = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {n, ttl}
"""
_GIVE_BACK = """
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n <= 0 then return 0 end
local left = math.max(n - tonumber(ARGV[1]), 0)
redis.call('SET', KEYS[1], left, 'KEEPTTL')
return left
"""


class DatabaseCounters:
    """Counters in the ``sign_in_throttle`` table, shared by every worker on this database."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self._hits = counter(1)
        self._table = ThrottleCounter.__table__

    @contextmanager
    def _transaction(self) -> Iterator:
        """A short write transaction of its own, never the request's: the count is kept even when
        the request rolls back, and the SQLite write lock is held for one statement only."""
        token = dbmod.reads_only(False)
        try:
            with self.engine.begin() as connection:
                yield connection
        finally:
            token.var.reset(token)

    def hit(self, key: str, seconds: int) -> tuple[int, int]:
        """Count one more in ``key``'s window (opening a new one if it has ended); returns the
        count and the seconds until the window ends."""
        now = int(time.time())
        table = self._table
        insert = postgresql.insert if self.engine.dialect.name == "postgresql" else sqlite.insert
        ended = table.c.window_ends <= now
        new_row = insert(table).values(key=key, hits=1, window_ends=now + seconds)
        statement = new_row.on_conflict_do_update(
            index_elements=[table.c.key],
            set_={"hits": case((ended, 1), else_=table.c.hits + 1),
                  "window_ends": case((ended, now + seconds), else_=table.c.window_ends)},
        ).returning(table.c.hits, table.c.window_ends)
        with self._transaction() as connection:
            hits, window_ends = connection.execute(statement).one()
            if next(self._hits) % SWEEP_EVERY == 0:
                connection.execute(delete(table).where(table.c.window_ends <= now))
        return hits, max(window_ends - now, 1)

    def give_back(self, key: str, amount: int = 1) -> None:
        """Take ``amount`` off a count (never below zero); nothing if the window has ended."""
        table = self._table
        with self._transaction() as connection:
            connection.execute(
                update(table).where(table.c.key == key).values(
                    hits=case((table.c.hits > amount, table.c.hits - amount), else_=0)))

    def take_all(self, key: str) -> int:
        """Remove a counter and return what it held in its current window (0 if none)."""
        table = self._table
        now = int(time.time())
        with self._transaction() as connection:
            rows = connection.execute(delete(table).where(table.c.key == key)
                                      .returning(table.c.hits, table.c.window_ends)).all()
        return sum(hits for hits, window_ends in rows if window_ends > now)


class RedisCounters:
    """The same counters in Redis, shared by every server that uses it."""

    def __init__(self, url: str):
        # One quick retry at most: when Redis is away the database counts instead, at once.
        self.client = redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5,
                                           retry=Retry(NoBackoff(), 1))
        self._hit = self.client.register_script(_HIT)
        self._give_back = self.client.register_script(_GIVE_BACK)

    def hit(self, key: str, seconds: int) -> tuple[int, int]:
        hits, ttl_ms = self._hit(keys=[key], args=[seconds * 1000])
        return int(hits), max(-(-int(ttl_ms) // 1000), 1)

    def give_back(self, key: str, amount: int = 1) -> None:
        self._give_back(keys=[key], args=[amount])

    def take_all(self, key: str) -> int:
        return int(self.client.getdel(key) or 0)

    def ping(self) -> None:
        self.client.ping()


class Counters:
    """Redis if configured and answering, else the database; says which in the log."""

    def __init__(self, engine: Engine, redis_url: str | None, retry_seconds: float):
        self.database = DatabaseCounters(engine)
        self.redis = RedisCounters(redis_url) if redis_url else None
        self.redis_address = _address_of(redis_url) if redis_url else None
        self.retry_seconds = retry_seconds
        self._lock = threading.Lock()
        self._retry_at = 0.0
        self._down = False

    def hit(self, key: str, seconds: int) -> tuple[int, int]:
        return self._run("hit", key, seconds)

    def give_back(self, key: str, amount: int = 1) -> None:
        self._run("give_back", key, amount)

    def take_all(self, key: str) -> int:
        return self._run("take_all", key)

    def redis_status(self) -> str | None:
        """None without Redis; else ask it now: ``"ok"`` or ``"unreachable"``."""
        if self.redis is None:
            return None
        try:
            self.redis.ping()
        except (redis.RedisError, OSError) as exc:
            self._went_down(exc)
            return "unreachable"
        self._came_back()
        return "ok"

    def _run(self, operation: str, *args):
        if self.redis is not None and time.monotonic() >= self._retry_at:
            try:
                result = getattr(self.redis, operation)(*args)
            except (redis.RedisError, OSError) as exc:
                self._went_down(exc)
            else:
                self._came_back()
                return result
        return getattr(self.database, operation)(*args)

    def _went_down(self, exc: Exception) -> None:
        with self._lock:
            self._retry_at = time.monotonic() + self.retry_seconds
            if self._down:
                return
            self._down = True
        log.warning("Redis at %s is unreachable (%s): sign-in throttling counts in the database "
                    "until it answers again", self.redis_address, type(exc).__name__)

    def _came_back(self) -> None:
        if not self._down:
            return
        with self._lock:
            was_down, self._down = self._down, False
        if was_down:
            log.warning("Redis at %s answers again: sign-in throttling counts there",
                        self.redis_address)


def _address_of(url: str) -> str:
    """Host, port and database of a Redis URL, never its password."""
    pool = redis.ConnectionPool.from_url(url)
    kwargs = pool.connection_kwargs
    host = kwargs.get("host", kwargs.get("path", "?"))
    return f"{host}:{kwargs.get('port', '')}/{kwargs.get('db', 0)}"
