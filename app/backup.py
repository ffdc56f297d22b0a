"""`flask backup PATH`: a consistent copy of the SQLite database, taken while the app runs.

It uses SQLite's online backup API, which copies the pages under a read lock and starts
again when a writer changed them, so officers can go on writing meanwhile. PostgreSQL has
its own tool for this (``pg_dump``); the command says so instead of guessing.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy.engine import make_url

from .output_files import whole_new_file


def sqlite_file(url: str) -> Path | None:
    """The database file of a SQLite URL; None for any other database."""
    parsed = make_url(url)
    if not parsed.drivername.startswith("sqlite"):
        return None
    if not parsed.database or parsed.database == ":memory:":
        raise click.ClickException("The database is in memory: there is nothing to back up.")
    return Path(parsed.database)


def backup_sqlite(source: Path, target: Path, *, pages: int = 1024) -> None:
    """Copy ``source`` into ``target`` (a new, empty file) with the online backup API, then
    check the copy."""
    src = sqlite3.connect(source, timeout=30)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst, pages=pages)
        dst.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
        result = dst.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            raise click.ClickException(f"The copy failed its integrity check: {result}")
    finally:
        dst.close()
        src.close()


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(path: Path):
    """Copy the SQLite database to PATH while the app keeps running (never overwrites PATH;
    PATH appears only once the copy is whole and checked)."""
    url = current_app.config["DATABASE_URL"]
    source = sqlite_file(url)
    if source is None:
        raise click.ClickException(
            "This database is PostgreSQL: back it up with pg_dump, e.g. "
            "`pg_dump --format=custom --file=union.dump DBNAME`. `flask backup` is for SQLite only."
        )
    if not source.is_file():
        raise click.ClickException(f"No database file at {source}.")
    exists = click.ClickException(
        f"{path} already exists: choose a new file name (nothing was overwritten).")
    if path.exists():
        raise exists
    if not path.parent.is_dir():
        raise click.ClickException(f"The folder {path.parent} does not exist.")
    try:
        with whole_new_file(path) as partial:
            backup_sqlite(source, partial)
    except FileExistsError:
        raise exists from None  # it appeared while the copy was being made
    except (sqlite3.Error, OSError) as exc:
        raise click.ClickException(
            f"Could not write the copy to {path}: {exc} (is the disk full or read-only?). "
            "Nothing was written.") from None
    click.echo(f"Backed up {source} to {path} ({path.stat().st_size:,} bytes, integrity ok).")
