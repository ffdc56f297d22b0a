"""Simulated officers for the soak run and its short version in the tests.

Each officer signs in on her own keep-alive connection and, until the time is up, opens and
submits the quiz (a fresh attempt token each time) and marks lessons done. Every write the
server acknowledged (303 to the result page, 302 after "done") is remembered client-side,
so ``check_stored`` can compare it with the database afterwards.
"""
from __future__ import annotations

import http.client
import random
import sqlite3
import threading
import time
from dataclasses import dataclass, field

from _server import Browser, Seeded, location_path


@dataclass
class Tally:
    submissions: set = field(default_factory=set)       # acknowledged attempt tokens
    lessons_done: set = field(default_factory=set)      # acknowledged (username, lesson)
    requests: int = 0
    server_errors: list = field(default_factory=list)   # (method path, status)
    unexpected: list = field(default_factory=list)      # other surprises
    broken_connections: int = 0                         # only expected when we kill the server
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, **kw):
        with self.lock:
            for key, value in kw.items():
                target = getattr(self, key)
                if isinstance(target, set):
                    target.add(value)
                elif isinstance(target, list):
                    target.append(value)
                else:
                    setattr(self, key, target + value)


def _officer(port: int, username: str, seeded: Seeded, stop_at: float, stop: threading.Event,
             tally: Tally, rng: random.Random) -> None:
    b = Browser(port)
    try:
        r = b.login(username)
        tally.add(requests=2)
        if r.status != 302:
            (tally.server_errors if r.status >= 500 else tally.unexpected).append(("login", r.status))
            return
        lessons = list(seeded.lessons)
        rng.shuffle(lessons)
        step = 0
        while time.monotonic() < stop_at and not stop.is_set():
            if step % 2 == 0:
                token, r = b.submit_quiz(seeded.quiz)
                tally.add(requests=2)
                if r.status == 303 and location_path(r).startswith(f"/quizzes/{seeded.quiz}/attempts/{token}"):
                    tally.add(submissions=token)
                elif r.status >= 500:
                    tally.add(server_errors=("POST quiz", r.status))
                else:
                    tally.add(unexpected=("POST quiz", r.status))
            else:
                lesson = lessons[(step // 2) % len(lessons)]
                r = b.mark_done(seeded.course, lesson)
                tally.add(requests=2)
                if r.status == 302:
                    tally.add(lessons_done=(username, lesson))
                elif r.status >= 500:
                    tally.add(server_errors=("POST done", r.status))
                else:
                    tally.add(unexpected=("POST done", r.status))
            step += 1
    except (OSError, http.client.HTTPException, AssertionError) as exc:
        # A response cut by a killed server (reset, refused, or IncompleteRead half-way
        # through the body) was never acknowledged: counted as a broken connection, not lost.
        if stop.is_set() or time.monotonic() >= stop_at:
            tally.add(broken_connections=1)
        elif isinstance(exc, AssertionError):
            tally.add(unexpected=(username, repr(exc)))
        else:
            tally.add(broken_connections=1)
    finally:
        b.close()


class Crowd:
    """``officers`` threads hammering one server until ``seconds`` pass or ``stop()``."""

    def __init__(self, port: int, seeded: Seeded, officers: int, seconds: float, seed: int = 8):
        self.tally = Tally()
        self.stop_event = threading.Event()
        stop_at = time.monotonic() + seconds
        rng = random.Random(seed)
        names = seeded.officers[:officers]
        self.threads = [threading.Thread(target=_officer, daemon=True,
                                         args=(port, n, seeded, stop_at, self.stop_event, self.tally,
                                               random.Random(rng.random())))
                        for n in names]

    def start(self) -> Crowd:
        for t in self.threads:
            t.start()
        return self

    def stop(self) -> None:
        self.stop_event.set()

    def join(self, timeout: float = 60) -> Tally:
        deadline = time.monotonic() + timeout
        for t in self.threads:
            t.join(max(0.1, deadline - time.monotonic()))
        assert not any(t.is_alive() for t in self.threads), "officers still running after the deadline"
        return self.tally


def stored(url: str) -> tuple[dict, set]:
    """From the database: attempt token -> number of submitted rows; completed (username, lesson)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        tokens: dict = {}
        for token, in conn.execute(text("SELECT token FROM quiz_attempt WHERE submitted_at IS NOT NULL")):
            tokens[token] = tokens.get(token, 0) + 1
        done = {(u, lesson) for u, lesson in conn.execute(text(
            "SELECT m.username, p.lesson_slug FROM lesson_progress p JOIN member m ON m.id = p.member_id"
            " WHERE p.completed_at IS NOT NULL"))}
    engine.dispose()
    return tokens, done


def check_stored(url: str, tally: Tally) -> dict:
    """Every acknowledged write is in the database, each submission exactly once."""
    tokens, done = stored(url)
    missing_tokens = tally.submissions - tokens.keys()
    twice = {t for t in tally.submissions if tokens.get(t, 0) > 1}
    missing_done = tally.lessons_done - done
    return {"acknowledged_submissions": len(tally.submissions), "missing_submissions": len(missing_tokens),
            "stored_twice": len(twice), "acknowledged_lessons": len(tally.lessons_done),
            "missing_lessons": len(missing_done)}


def integrity(path) -> str:
    """SQLite's own check of the file: "ok" or what is wrong."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def pg_integrity(url: str, schema: str) -> str:
    """PostgreSQL's amcheck over every B-tree index of ``schema``, heap included: "ok" or the
    first problem. Installs amcheck into ``schema`` (dropped with it) unless it is installed."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import DBAPIError

    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            home = conn.execute(text("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n"
                                     " ON n.oid = e.extnamespace WHERE e.extname = 'amcheck'")).scalar()
            if home is None:
                conn.execute(text(f'CREATE EXTENSION amcheck SCHEMA "{schema}"'))
                home = schema
            indexes = conn.execute(text(
                "SELECT c.oid::regclass::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                " JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am a ON a.oid = c.relam"
                " WHERE n.nspname = :schema AND a.amname = 'btree'"), {"schema": schema}).scalars().all()
            if not indexes:
                return "no indexes found"
            for index in indexes:
                try:
                    conn.execute(text(f'SELECT "{home}".bt_index_check(CAST(:index AS regclass), true)'),
                                 {"index": index})
                except DBAPIError as exc:
                    return f"{index}: {exc.orig}"
        return "ok"
    finally:
        engine.dispose()
