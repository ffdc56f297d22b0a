"""Whether the site can serve, said loudly: the database, the disk, Redis.

A database that is missing, replaced by an empty file or not at the newest schema revision
would otherwise answer sign-ins with "no such table", or take writes into a file nobody will
read again. So every request first checks (one ``stat`` of the SQLite file; the schema once
per process and file) and is refused with a 503 page that says what is wrong, and
``/healthz`` answers 503 with the reason as JSON. A full disk or a lost database file met
in the middle of a request is a 503 with a message too, never the generic error page.
Checks that cost more than a ``stat`` are remembered for ``RECHECK_SECONDS``.
"""
from __future__ import annotations

import errno
import functools
import shutil
import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flask import Flask, current_app, g, jsonify, request
from flask.typing import ResponseReturnValue
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import ServiceUnavailable

from app.lazy_text import lazy_gettext as _l

from .db import DatabaseFileGone, deferred_reads, file_identity, sqlite_file
from .extensions import db, login_manager

if TYPE_CHECKING:
    import redis

RECHECK_SECONDS = 1.0
REDIS_TIMEOUT_SECONDS = 0.3
#: PostgreSQL's SQLSTATE for "disk full".
PG_DISK_FULL = "53100"

MESSAGES = {
    "missing": _l("The site's database cannot be found, so nothing can be shown or saved right "
                  "now. What you last sent was not saved. Please tell the administrator."),
    "schema": _l("The site's database is not ready for this version of the site (its upgrade "
                 "has not been run). Nothing can be shown or saved. Please tell the administrator."),
    "unreachable": _l("The site's database cannot be reached right now. Please try again in a few minutes."),
    "disk_full": _l("The server's disk is full, so what you last sent could not be saved. "
                    "Please tell the administrator, and try again later."),
}


class StorageUnavailable(ServiceUnavailable):
    """A 503 that names what is wrong with the database or the disk (``reason``)."""

    def __init__(self, reason: str):
        super().__init__()
        self.reason = reason
        self.user_message = MESSAGES[reason]

    @classmethod
    def refuse(cls, reason: str) -> StorageUnavailable:
        """The error to show; the page is drawn as for a visitor, without asking the database."""
        g.database_unavailable = True
        g._login_user = login_manager.anonymous_user()
        return cls(reason)


def init_app(app: Flask) -> None:
    app.extensions["health"] = Health(app)
    # First of all before-request steps: the CSRF check and the others may need the database.
    app.before_request_funcs.setdefault(None, []).insert(0, _refuse_when_database_unavailable)
    app.add_url_rule("/healthz", "healthz", healthz)


def healthz() -> ResponseReturnValue:
    """``{"status": "ok"}``, or 503 with what is wrong: database, disk, redis."""
    health: Health = current_app.extensions["health"]
    problems: dict[str, str] = {}
    database = health.database_problem()
    if database is None:
        try:
            db.session.execute(text("SELECT 1"))
        except SQLAlchemyError:
            database = "unreachable"
    if database is not None:
        g.database_unavailable = True
        problems["database"] = database
    if health.disk_is_full():
        problems["disk"] = "full"
    if health.redis_is_unreachable():
        problems["redis"] = "unreachable"
    if not problems:
        return jsonify(status="ok")
    return jsonify(status="unavailable" if "database" in problems else "degraded", **problems), 503


def _refuse_when_database_unavailable() -> None:
    problem = current_app.extensions["health"].database_problem()
    if problem is None:
        return
    if request.endpoint in ("healthz", "static"):  # they answer without the database
        g.database_unavailable = True
        return
    raise StorageUnavailable.refuse(problem)


def storage_failure(exc: BaseException | None) -> str | None:
    """What an error says about storage: "disk_full", "missing", "schema", "unreachable" or None."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, DatabaseFileGone):
            return "missing"
        if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
            return "disk_full"
        if getattr(exc, "sqlstate", None) == PG_DISK_FULL:
            return "disk_full"
        if type(exc).__module__ == "psycopg" and type(exc).__name__ == "OperationalError":
            return "unreachable"  # psycopg's own class, not a subclass: the connection failed
        if isinstance(exc, sqlite3.Error):
            message = str(exc)
            if "database or disk is full" in message:
                return "disk_full"
            if "unable to open database file" in message:
                return "missing"
            if "no such table" in message:
                return "schema"
        exc = getattr(exc, "orig", None) or exc.__cause__ or exc.__context__
    return None


@functools.cache
def schema_heads() -> frozenset[str]:
    """The newest revisions in migrations/ (read once per process)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from .schema import MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return frozenset(ScriptDirectory.from_config(config).get_heads())


class Health:
    """One app's checks and what they found, with the time each was made."""

    def __init__(self, app: Flask):
        self.app = app
        self.database_file: Path | None = sqlite_file(app.config["SQLALCHEMY_URL"])
        self._schema_good_for: object = None  # the file (or server) found at the newest revision
        self._schema_checked: tuple[object, float, str | None] = (None, 0.0, None)
        self._disk: tuple[float, bool] = (0.0, False)
        self._redis: tuple[float, bool] = (0.0, False)
        self._redis_client: redis.Redis | None = None

    def database_problem(self) -> str | None:
        """None, or "missing", "schema" or "unreachable"."""
        identity: object
        if self.database_file is not None:
            identity = file_identity(self.database_file)
            if identity is None:
                return "missing"
        else:
            identity = "server"
        if identity == self._schema_good_for:
            return None
        checked_for, checked_at, problem = self._schema_checked
        if checked_for == identity and time.monotonic() - checked_at < RECHECK_SECONDS:
            return problem
        problem = self._check_schema()
        self._schema_checked = (identity, time.monotonic(), problem)
        if problem is None:
            self._schema_good_for = identity
        return problem

    def _check_schema(self) -> str | None:
        from .schema import current_revision

        try:
            with deferred_reads():
                revision = current_revision(db.engine)
        except SQLAlchemyError as exc:
            return storage_failure(exc) or "unreachable"
        return None if revision in schema_heads() else "schema"

    def disk_is_full(self) -> bool:
        """Less than DISK_MIN_FREE_MB free where the SQLite file (else the instance folder) is."""
        checked_at, full = self._disk
        if time.monotonic() - checked_at < RECHECK_SECONDS:
            return full
        folder = self.database_file.parent if self.database_file else Path(self.app.instance_path)
        while not folder.exists() and folder != folder.parent:  # not made yet: the disk it will be on
            folder = folder.parent
        try:
            free = shutil.disk_usage(folder).free
        except OSError:
            free = 0
        full = free < int(self.app.config["DISK_MIN_FREE_MB"]) * 1024 * 1024
        self._disk = (time.monotonic(), full)
        return full

    def redis_is_unreachable(self) -> bool:
        """REDIS_URL is set and Redis does not answer a PING (within half a second or less)."""
        if not self.app.config.get("REDIS_URL"):
            return False
        checked_at, unreachable = self._redis
        if time.monotonic() - checked_at < RECHECK_SECONDS:
            return unreachable
        unreachable = self._ping_redis()
        self._redis = (time.monotonic(), unreachable)
        return unreachable

    def _ping_redis(self) -> bool:
        """Ask the throttle's counters (their ping also tells them to count locally meanwhile);
        without them, ping Redis here."""
        counters: Any = self.app.extensions.get("throttle")
        status = counters.redis_status() if hasattr(counters, "redis_status") else None
        if status is not None:
            return status == "unreachable"
        try:
            if self._redis_client is None:
                import redis

                self._redis_client = redis.Redis.from_url(
                    self.app.config["REDIS_URL"], socket_timeout=REDIS_TIMEOUT_SECONDS,
                    socket_connect_timeout=REDIS_TIMEOUT_SECONDS)
            return not self._redis_client.ping()
        except Exception:  # any failure to answer is "unreachable"  # noqa: BLE001
            return True
