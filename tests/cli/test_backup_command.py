"""`flask backup PATH`: a whole, checked copy of the SQLite database or nothing at all, never
over an existing file, and a clear word on PostgreSQL."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SQLITE_ONLY
from flask import Flask
from flask.cli import ScriptInfo
from sqlalchemy import select

from app.backup import backup_command
from app.models import Member


def database_file(app) -> Path:
    return Path(app.config["DATABASE_URL"].removeprefix("sqlite:///"))


@SQLITE_ONLY
def test_backup_copies_the_live_database_whole(runner, app, make_member, tmp_path):
    make_member("lan", full_name="Nguyễn Thị Lan")
    folder = tmp_path / "backups"
    folder.mkdir()
    copy = folder / "union-2026-12-01.sqlite3"
    result = runner.invoke(args=["backup", str(copy)])
    assert result.exit_code == 0, result.output
    size = copy.stat().st_size
    said = f"Backed up {database_file(app)} to {copy} ({size:,} bytes, integrity ok)."
    assert said in result.stdout
    assert {p.name for p in folder.iterdir()} == {copy.name}  # no journal, no partial file
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        names = conn.execute("SELECT full_name FROM member").fetchall()
    assert ("Nguyễn Thị Lan",) in names


@SQLITE_ONLY
def test_the_copy_serves_the_app(runner, app_config, make_member, tmp_path, monkeypatch):
    from app import create_app
    from app.extensions import db

    make_member("lan")
    copy = tmp_path / "copy.sqlite3"
    assert runner.invoke(args=["backup", str(copy)]).exit_code == 0
    restored = create_app({**app_config, "DATABASE_URL": f"sqlite:///{copy}"})
    with restored.app_context():
        assert db.session.scalars(select(Member.username)).all() == ["lan"]
        db.engine.dispose()
    assert restored.test_client().get("/healthz").get_json() == {"status": "ok"}


@SQLITE_ONLY
def test_backup_never_writes_over_a_file(runner, tmp_path):
    existing = tmp_path / "yesterday.sqlite3"
    existing.write_bytes(b"yesterday's backup")
    result = runner.invoke(args=["backup", str(existing)])
    assert result.exit_code == 1
    assert (f"Error: {existing} already exists: choose a new file name (nothing was overwritten)."
            in result.stderr)
    assert existing.read_bytes() == b"yesterday's backup"


@SQLITE_ONLY
def test_backup_into_a_missing_folder_says_which(runner, tmp_path):
    copy = tmp_path / "no-such-folder" / "copy.sqlite3"
    result = runner.invoke(args=["backup", str(copy)])
    assert result.exit_code == 1
    assert f"Error: The folder {copy.parent} does not exist." in result.stderr
    assert not copy.parent.exists()


@SQLITE_ONLY
def test_backup_needs_a_path(runner, tmp_path):
    result = runner.invoke(args=["backup"])
    assert result.exit_code == 2 and "Missing argument 'PATH'" in result.stderr
    result = runner.invoke(args=["backup", str(tmp_path)])
    assert result.exit_code == 2 and "is a directory" in result.stderr


def test_backup_of_a_missing_database_file_says_where_it_looked(tmp_path):
    result = invoke_on(f"sqlite:///{tmp_path / 'gone.sqlite3'}", tmp_path / "copy.sqlite3")
    assert result.exit_code == 1
    assert f"No database file at {tmp_path / 'gone.sqlite3'}." in result.output
    assert not (tmp_path / "copy.sqlite3").exists()


@pytest.mark.parametrize("url, message", [
    ("postgresql://postgres@127.0.0.1:5432/union",
     "This database is PostgreSQL: back it up with pg_dump"),
    ("sqlite://", "The database is in memory: there is nothing to back up."),
    ("sqlite:///:memory:", "The database is in memory: there is nothing to back up."),
])
def test_backup_explains_what_it_cannot_copy(url, message, tmp_path):
    result = invoke_on(url, tmp_path / "copy.sqlite3")
    assert result.exit_code == 1 and message in result.output
    assert not (tmp_path / "copy.sqlite3").exists()


@SQLITE_ONLY
def test_a_backup_that_fills_the_disk_leaves_no_file(flask_with_file_limit, app, make_member,
                                                     tmp_path):
    """A half copy would look like a backup until the day it is needed."""
    for number in range(40):
        make_member(f"member{number}", full_name="Trần Thị " + "Hoa " * 200)
    source = database_file(app)
    assert source.stat().st_size > 64 * 1024
    folder = tmp_path / "backups"
    folder.mkdir()
    copy = folder / "copy.sqlite3"
    done = flask_with_file_limit(48 * 1024, "backup", str(copy),
                                 env={"DATABASE_URL": f"sqlite:///{source}"})
    assert done.returncode == 1, done.stderr
    assert f"Error: Could not write the copy to {copy}: " in done.stderr
    assert "Nothing was written." in done.stderr
    assert {p.name for p in folder.iterdir()} == set()


def invoke_on(url: str, path: Path):
    app = Flask(__name__)
    app.config["DATABASE_URL"] = url
    return CliRunner().invoke(backup_command, [str(path)],
                              obj=ScriptInfo(create_app=lambda: app))
