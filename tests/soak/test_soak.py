"""Short soak: simulated officers against real gunicorn workers (`make soak` runs the long one).

What it proves, on SQLite and (with TEST_DATABASE_URL) on PostgreSQL: under concurrent quiz
submissions and "Mark as done" from many officers, no request fails with 5xx, and every write
the server acknowledged is stored, submissions exactly once; a SIGKILL of every server
process mid-load loses no acknowledged write and leaves the database intact (SQLite's
integrity check, PostgreSQL's amcheck); a backup taken during load (`flask backup` on SQLite,
pg_dump on PostgreSQL) restores into a working app.
"""
from __future__ import annotations

import os
import sqlite3
import subprocess
import time
import uuid

import pytest
from _server import Browser, app_env, pg_url  # noqa: E402
from _soak import Crowd, check_stored, integrity, pg_integrity  # noqa: E402
from click.testing import CliRunner

OFFICERS, SECONDS = 12, 4.0


def _assert_clean(url, tally):
    assert tally.server_errors == [], tally.server_errors[:5]
    assert tally.unexpected == [], tally.unexpected[:5]
    report = check_stored(url, tally)
    assert report["acknowledged_submissions"] > 0 and report["acknowledged_lessons"] > 0, report
    assert report["missing_submissions"] == 0 and report["stored_twice"] == 0, report
    assert report["missing_lessons"] == 0, report
    return report


def test_soak(soak_db, servers, tmp_path):
    server = servers(app_env(soak_db.seeded.url, tmp_path))
    tally = Crowd(server.port, soak_db.seeded, OFFICERS, SECONDS).start().join()
    assert tally.broken_connections == 0
    _assert_clean(soak_db.seeded.url, tally)
    assert soak_db.integrity() == "ok"


def test_sigkill_mid_load_loses_no_acknowledged_write(soak_db, servers, tmp_path):
    seeded = soak_db.seeded
    env = app_env(seeded.url, tmp_path)
    server = servers(env)
    crowd = Crowd(server.port, seeded, OFFICERS, 30).start()
    # Kill once some writes are acknowledged; a busy machine (CI) may need longer to get there.
    deadline = time.monotonic() + 30
    while len(crowd.tally.submissions) < 8 and time.monotonic() < deadline:
        time.sleep(0.05)
    server.kill()  # master and workers, in the middle of requests
    crowd.stop()
    tally = crowd.join()
    assert len(tally.submissions) >= 8
    assert soak_db.integrity() == "ok"
    restarted = servers(env)
    assert Browser(restarted.port).get("/healthz").status == 200
    assert tally.server_errors == [], tally.server_errors[:5]
    report = check_stored(seeded.url, tally)
    assert report["missing_submissions"] == 0 and report["stored_twice"] == 0, report
    assert report["missing_lessons"] == 0, report


def test_backup_during_load_restores_into_working_app(seeded_sqlite, servers, tmp_path):
    from app import create_app
    from app.backup import backup_command

    path, seeded = seeded_sqlite
    server = servers(app_env(seeded.url, tmp_path))
    crowd = Crowd(server.port, seeded, OFFICERS, SECONDS).start()
    time.sleep(1.5)
    app = create_app({"DATABASE_URL": seeded.url, "RENDER_CACHE_DIR": "", "TESTING": True})
    copy = tmp_path / "backup.sqlite3"
    result = app.test_cli_runner().invoke(backup_command, [str(copy)])
    assert result.exit_code == 0, result.output
    assert "integrity ok" in result.output
    again = app.test_cli_runner().invoke(backup_command, [str(copy)])
    assert again.exit_code != 0 and "already exists" in again.output
    tally = crowd.join()
    _assert_clean(seeded.url, tally)

    assert integrity(copy) == "ok"
    with sqlite3.connect(copy) as conn:
        members = conn.execute("SELECT count(*) FROM member").fetchone()[0]
        attempts = conn.execute("SELECT count(*) FROM quiz_attempt WHERE submitted_at IS NOT NULL").fetchone()[0]
    with sqlite3.connect(path) as conn:
        assert members == conn.execute("SELECT count(*) FROM member").fetchone()[0]
        assert attempts <= conn.execute(
            "SELECT count(*) FROM quiz_attempt WHERE submitted_at IS NOT NULL").fetchone()[0]
    restored_dir = tmp_path / "restored"
    restored_dir.mkdir()
    restored = servers(app_env(f"sqlite:///{copy}", restored_dir))
    b = Browser(restored.port)
    assert b.get("/healthz").status == 200
    assert b.login(seeded.officers[0]).status == 302
    assert b.get("/me").status == 200
    token, r = b.submit_quiz(seeded.quiz)
    assert r.status == 303
    b.close()
    restored.stop()
    assert integrity(copy) == "ok"


@pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"), reason="TEST_DATABASE_URL not set")
@pytest.mark.parametrize("soak_db", ["postgresql"], indirect=True)
def test_pg_dump_during_load_restores_into_working_app(soak_db, servers, tmp_path):
    """On PostgreSQL a backup is pg_dump (README): taken during load, it restores into a
    new database that a working app serves."""
    from sqlalchemy import create_engine, text

    base = os.environ["TEST_DATABASE_URL"]
    seeded, schema = soak_db.seeded, soak_db.schema.name
    server = servers(app_env(seeded.url, tmp_path))
    crowd = Crowd(server.port, seeded, OFFICERS, SECONDS).start()
    time.sleep(1.5)
    dump = tmp_path / "union.dump"
    subprocess.run(["pg_dump", "--format=custom", f"--schema={schema}", f"--file={dump}", f"--dbname={base}"],
                   check=True, capture_output=True, timeout=120)
    _assert_clean(seeded.url, crowd.join())

    restored_db = f"restore_{uuid.uuid4().hex[:10]}"
    admin = create_engine(pg_url(base, "public"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{restored_db}"'))
    try:
        restored_base = base.rsplit("/", 1)[0] + "/" + restored_db
        subprocess.run(["pg_restore", "--no-owner", f"--dbname={restored_base}", str(dump)],
                       check=True, capture_output=True, timeout=120)
        restored_url = pg_url(restored_base, schema)
        assert pg_integrity(restored_url, schema) == "ok"
        live, copy = create_engine(seeded.url), create_engine(restored_url)
        with live.connect() as a, copy.connect() as b:
            count = "SELECT count(*) FROM member"
            assert a.execute(text(count)).scalar() == b.execute(text(count)).scalar()
            submitted = "SELECT count(*) FROM quiz_attempt WHERE submitted_at IS NOT NULL"
            assert 0 < b.execute(text(submitted)).scalar() <= a.execute(text(submitted)).scalar()
        live.dispose()
        copy.dispose()
        restored_dir = tmp_path / "restored"
        restored_dir.mkdir()
        restored = servers(app_env(restored_url, restored_dir))
        b = Browser(restored.port)
        assert b.get("/healthz").status == 200
        assert b.login(seeded.officers[0]).status == 302
        assert b.get("/me").status == 200
        assert b.submit_quiz(seeded.quiz)[1].status == 303
        b.close()
        restored.stop()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{restored_db}" WITH (FORCE)'))
        admin.dispose()


def test_backup_refuses_postgresql_and_existing_files(tmp_path):
    from flask import Flask

    from app.backup import backup_command

    app = Flask(__name__)
    app.config["DATABASE_URL"] = "postgresql://postgres@127.0.0.1/x"
    result = CliRunner().invoke(backup_command, [str(tmp_path / "b.sqlite3")], obj=_script_info(app))
    assert result.exit_code != 0 and "pg_dump" in result.output
    db = tmp_path / "a.sqlite3"
    sqlite3.connect(db).close()
    existing = tmp_path / "exists.sqlite3"
    existing.write_text("keep me")
    app.config["DATABASE_URL"] = f"sqlite:///{db}"
    result = CliRunner().invoke(backup_command, [str(existing)], obj=_script_info(app))
    assert result.exit_code != 0 and "already exists" in result.output
    assert existing.read_text() == "keep me"


def _script_info(app):
    from flask.cli import ScriptInfo

    return ScriptInfo(create_app=lambda: app)
