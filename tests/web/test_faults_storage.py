"""Storage faults are loud: a missing or outdated database, a file removed under the running
server, a full disk and an unreachable Redis give a clear 503 and /healthz says why."""
from __future__ import annotations

import errno
import os
import shutil
import sqlite3

import pytest
from conftest import SQLITE_ONLY
from sqlalchemy import event, text
from sqlalchemy.exc import OperationalError

from app import create_app
from app.extensions import db as database


def _sqlite_path(app_config) -> str:
    return app_config["DATABASE_URL"].removeprefix("sqlite:///")


@pytest.fixture
def app_on(app_config, tmp_path, monkeypatch):
    """``app_on(url, **settings)``: another app (its connections closed at the end)."""
    made = []

    def make(url: str, **settings):
        monkeypatch.setenv("UNION_INSTANCE_PATH", str(tmp_path / "instance"))
        made.append(create_app(dict(app_config, DATABASE_URL=url, **settings)))
        return made[-1]

    yield make
    for application in made:
        application.extensions["database"][0].dispose()


@SQLITE_ONLY
def test_a_missing_database_file_is_a_503_and_is_never_created(app_on, tmp_path):
    missing = tmp_path / "gone.sqlite3"
    client = app_on(f"sqlite:///{missing}").test_client()
    page = client.get("/login")
    assert page.status_code == 503
    assert b"database cannot be found" in page.data
    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.get_json() == {"status": "unavailable", "database": "missing"}
    assert client.post("/login", data={"username": "lan", "password": "x"}).status_code == 503
    assert not missing.exists()


@SQLITE_ONLY
def test_flask_init_is_what_creates_the_database(app_on, tmp_path):
    missing = tmp_path / "new.sqlite3"
    app = app_on(f"sqlite:///{missing}")
    assert app.test_client().get("/healthz").status_code == 503
    result = app.test_cli_runner().invoke(args=["init"])
    assert result.exit_code == 0, result.output
    assert missing.exists()
    assert app.test_client().get("/healthz").get_json() == {"status": "ok"}


@SQLITE_ONLY
def test_flask_init_keeps_the_log_of_a_removed_database(app_on, tmp_path):
    removed = tmp_path / "removed.sqlite3"
    (tmp_path / "removed.sqlite3-wal").write_bytes(b"the last changes")
    result = app_on(f"sqlite:///{removed}").test_cli_runner().invoke(args=["init"])
    assert result.exit_code != 0
    assert "write-ahead log" in result.output
    assert not removed.exists()


@SQLITE_ONLY
def test_an_empty_database_file_is_a_503_not_no_such_table(app_on, tmp_path):
    empty = tmp_path / "empty.sqlite3"
    sqlite3.connect(empty).close()  # what SQLite leaves after a restart on a removed file
    client = app_on(f"sqlite:///{empty}").test_client()
    page = client.post("/login", data={"username": "lan", "password": "x"})
    assert page.status_code == 503
    assert b"not ready for this version" in page.data
    assert client.get("/healthz").get_json() == {"status": "unavailable", "database": "schema"}


def test_a_schema_behind_the_newest_revision_is_a_503(app, client):
    def set_revision(revision: str | None = None) -> str:
        with app.app_context(), database.engine.begin() as conn:
            found = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            if revision:
                conn.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})
        return found

    newest = set_revision("0001")
    try:
        assert client.get("/login").status_code == 503
        assert client.get("/healthz").get_json() == {"status": "unavailable", "database": "schema"}
    finally:
        set_revision(newest)  # PostgreSQL's schema is shared by the whole run


@SQLITE_ONLY
def test_a_database_removed_under_the_running_server_takes_no_write(app, client, app_config, make_member, login):
    make_member("lan")
    assert login("lan").status_code == 302
    assert client.get("/me").status_code in (200, 302)
    os.remove(_sqlite_path(app_config))
    page = client.post("/language", data={"language": "vi"})
    assert page.status_code == 503
    assert b"What you last sent was not saved" in page.data
    assert client.get("/healthz").get_json() == {"status": "unavailable", "database": "missing"}


@SQLITE_ONLY
def test_a_commit_into_a_removed_file_is_refused(app_config, tmp_path):
    from app.db import DatabaseFileGone, make_engine

    path = tmp_path / "live.sqlite3"
    shutil.copy(_sqlite_path(app_config), path)
    engine = make_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            conn.execute(text("CREATE TABLE written_after_removal (x INTEGER)"))
            os.remove(path)
            with pytest.raises(DatabaseFileGone):
                conn.commit()
    finally:
        engine.dispose()


@SQLITE_ONLY
def test_a_full_disk_is_a_clear_503(app, client):
    @app.route("/test-write-a-lot", methods=["GET"])
    def write_a_lot():
        session = database.session
        session.execute(text("CREATE TABLE IF NOT EXISTS filler (x BLOB)"))
        session.execute(text("INSERT INTO filler VALUES (randomblob(2000000))"))
        session.commit()
        return "written"

    @event.listens_for(app.extensions["database"][0], "connect")
    def _small_disk(dbapi_connection, _record):
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 5}")

    with app.app_context():
        database.engine.dispose()
    page = client.get("/test-write-a-lot")
    assert page.status_code == 503
    assert b"disk is full" in page.data


def test_errors_that_mean_a_full_disk_are_recognised():
    from app.health import storage_failure

    assert storage_failure(OSError(errno.ENOSPC, "No space left on device")) == "disk_full"
    wrapped = OperationalError("INSERT", {}, sqlite3.OperationalError("database or disk is full"))
    assert storage_failure(wrapped) == "disk_full"
    import psycopg.errors

    assert storage_failure(
        OperationalError("INSERT", {}, psycopg.errors.DiskFull("could not extend file"))) == "disk_full"
    assert storage_failure(ValueError("no")) is None


def test_healthz_reports_little_free_disk_space(app_on, app_config):
    app = app_on(app_config["DATABASE_URL"])
    app.config["DISK_MIN_FREE_MB"] = 10**12
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "degraded", "disk": "full"}


def test_healthz_reports_unreachable_redis(app_on, app_config):
    app = app_on(app_config["DATABASE_URL"], REDIS_URL="redis://127.0.0.1:5179/0")  # nothing listens there
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "degraded", "redis": "unreachable"}


def test_healthz_checks_the_schema_once_not_on_every_call(app, client):
    assert client.get("/healthz").status_code == 200
    statements = []
    with app.app_context():
        event.listen(database.engine, "before_cursor_execute",
                     lambda *args: statements.append(args[2]))
    for _ in range(20):
        assert client.get("/healthz").get_json() == {"status": "ok"}
    assert not [s for s in statements if "alembic_version" in s]
