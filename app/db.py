"""Database engine and session: one scoped session per app, one transaction per request.

SQLite runs in WAL mode with foreign keys and a busy timeout. Write transactions start with
``BEGIN IMMEDIATE`` so that two writers queue on the lock instead of one of them failing
when it upgrades a read transaction (which loses writes under load). Reads in GET requests
start a deferred transaction so they never wait for a writer.

Only ``flask init`` may create a database file (``make_engine(url, create=True)``); the app
opens it read-write only, so a missing file is an error instead of a new empty database.
Each connection remembers which file it opened: a connection whose file was removed or
replaced under the running server is not reused, and cannot commit, so no write is
acknowledged into a file that no longer exists.
"""
from __future__ import annotations

import contextvars
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import quote

from sqlalchemy import Engine, Table, create_engine, event, exc, make_url
from sqlalchemy.orm import DeclarativeBase, Session, scoped_session, sessionmaker

#: Whether the next transaction on this thread should take the write lock up front.
_immediate = contextvars.ContextVar("immediate_transactions", default=True)


class Base(DeclarativeBase):
    """Declarative base for every model."""

    if TYPE_CHECKING:
        __table__: ClassVar[Table]  # every model is mapped to a table


class DatabaseFileGone(RuntimeError):
    """The SQLite file this connection wrote to was removed or replaced: nothing is committed."""


def sqlite_file(url: str) -> Path | None:
    """The database file of a SQLite URL (None: not SQLite, or an in-memory database)."""
    if not url.startswith("sqlite"):
        return None
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).resolve()


def file_identity(path: Path) -> tuple[int, int] | None:
    """Device and inode of ``path`` (None: there is no such file); one ``stat``, a microsecond."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def make_engine(url: str, *, create: bool = False) -> Engine:
    """Create an engine for ``url`` with the SQLite settings the app depends on.

    ``create``: the SQLite file may be created (``flask init`` only).
    """
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True, future=True)
    path = sqlite_file(url)
    options: dict = {"connect_args": {"timeout": 30, "check_same_thread": False}}
    if path is not None and not create:
        uri = f"file:{quote(str(path))}?mode=rw"
        options = {"creator": lambda: sqlite3.connect(uri, uri=True, timeout=30, check_same_thread=False)}
    engine = create_engine(url, **options)
    if path is not None and not create:
        _refuse_vanished_file(engine, path)

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


def _refuse_vanished_file(engine: Engine, path: Path) -> None:
    """Tie each connection to the file it opened (see the module docstring)."""

    @event.listens_for(engine, "connect")
    def _remember_file(_dbapi_connection, record):
        record.info["database_file"] = file_identity(path)

    @event.listens_for(engine, "checkout")
    def _same_file_or_reconnect(_dbapi_connection, record, _proxy):
        if record.info.get("database_file") != file_identity(path):
            raise exc.DisconnectionError("the database file was removed or replaced")

    @event.listens_for(engine, "commit")
    def _same_file_or_no_commit(connection):
        if connection.connection.info.get("database_file") != file_identity(path):
            raise DatabaseFileGone(f"the database file {path} was removed or replaced; nothing was saved")


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


@contextmanager
def deferred_reads() -> Iterator[None]:
    """Start transactions in this block without the write lock, whatever the request."""
    token = _immediate.set(False)
    try:
        yield
    finally:
        _immediate.reset(token)
