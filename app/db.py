"""Database engine and session: one scoped session per app, one transaction per request.

SQLite runs in WAL mode with foreign keys and a busy timeout. Write transactions start with
``BEGIN IMMEDIATE`` so that two writers queue on the lock instead of one of them failing
when it upgrades a read transaction (which loses writes under load). Reads in GET requests
start a deferred transaction so they never wait for a writer.
"""
from __future__ import annotations

import contextvars
from contextlib import contextmanager
from typing import Iterator

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Session, scoped_session, sessionmaker

#: Whether the next transaction on this thread should take the write lock up front.
_immediate = contextvars.ContextVar("immediate_transactions", default=True)


class Base(DeclarativeBase):
    """Declarative base for every model."""


def make_engine(url: str) -> Engine:
    """Create an engine for ``url`` with the SQLite settings the app depends on."""
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True, future=True)
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not the driver, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _immediate.get() else "BEGIN")

    return engine


def make_session(engine: Engine) -> scoped_session[Session]:
    """A thread-scoped session factory bound to ``engine``."""
    return scoped_session(sessionmaker(bind=engine, future=True))


def reads_only(value: bool) -> contextvars.Token:
    """Make the transactions started from now on in this context deferred (True) or immediate."""
    return _immediate.set(not value)


def begin_write(session: Session) -> None:
    """End any read transaction and make the next one take the write lock at once.

    For the few GET views that write (e.g. opening a quiz attempt): an upgraded read
    transaction could fail on SQLite when another writer got there first.
    """
    if session.in_transaction():
        session.rollback()
    _immediate.set(True)


@contextmanager
def write_transaction(session: Session) -> Iterator[Session]:
    """Run a block in one immediate transaction: commit on success, roll back on error."""
    begin_write(session)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
