"""One app for the stateful model, emptied before each of its examples.

Building an app compiles every template again, which costs more than a whole example's
steps, so the examples share one app and each starts from an empty database, new content and
new browsers:

* SQLite: the suite's migrated template copied over the database file (the app's
  connections closed first), in the test's tmp folder.
* PostgreSQL (``TEST_DATABASE_URL``): one schema for the run, named after the process
  (``stateful_<pid>``, so two runs on one server never meet), migrated once, emptied before
  each example and dropped at the end.

Rows get new ids in each example on PostgreSQL (sequences are not reset); the model reads
every id it needs from the site.
"""
from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import pytest
from conftest import BACKENDS, TEST_HASH, _pg_url
from sqlalchemy import create_engine, text

from app import create_app
from app.extensions import db as database
from app.models import Base
from app.schema import upgrade_schema


@pytest.fixture(scope="session")
def stateful_pg_schema():
    """The run's PostgreSQL schema, or None when PostgreSQL is not configured."""
    if "postgresql" not in BACKENDS:
        yield None
        return
    schema = f"stateful_{os.getpid()}"
    admin = create_engine(_pg_url("public"))
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = create_engine(_pg_url(schema))
    upgrade_schema(engine)
    engine.dispose()
    try:
        yield schema
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def _empty_pg(schema: str) -> None:
    """Delete every row, children first: for a few rows much faster than TRUNCATE, which
    makes new files for every table and index. Tables the models do not know are truncated."""
    engine = create_engine(_pg_url(schema))
    with engine.begin() as conn:
        present = set(conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = :s"),
                                   {"s": schema}).scalars()) - {"alembic_version"}
        ordered = [table.name for table in reversed(Base.metadata.sorted_tables)
                   if table.name in present]
        for name in ordered:
            conn.execute(text(f'DELETE FROM "{name}"'))
        unknown = sorted(present - set(ordered))
        if unknown:
            conn.execute(text("TRUNCATE " + ", ".join(f'"{name}"' for name in unknown) + " CASCADE"))
    engine.dispose()


class Site:
    """The app under test and the folders its content comes from."""

    def __init__(self, folder: Path, backend: str, sqlite_template: Path, pg_schema: str | None):
        self.folder, self.backend = folder, backend
        self.sqlite_template, self.pg_schema = sqlite_template, pg_schema
        self.courses_dir, self.quizzes_dir = folder / "courses", folder / "quizzes"
        self.published_dir = folder / "published"
        self.db_file = folder / "learning.sqlite3"
        folder.mkdir(parents=True)
        self._empty_database()
        self.courses_dir.mkdir()
        self.quizzes_dir.mkdir()
        self.app = create_app({
            "TESTING": True,
            "SECRET_KEY": "test-" + uuid.uuid4().hex,
            "DATABASE_URL": (f"sqlite:///{self.db_file}" if backend == "sqlite"
                             else _pg_url(pg_schema)),
            "PASSWORD_HASH_METHOD": TEST_HASH,
            "RATELIMIT_KEY_PREFIX": "test-" + uuid.uuid4().hex,
            "RENDER_CACHE_DIR": str(folder / "render-cache"),
            "CONTENT_PUBLISHED_DIR": str(self.published_dir),
            "COURSES_DIR": str(self.courses_dir),
            "QUIZZES_DIR": str(self.quizzes_dir),
            "SERVER_NAME": None,
            "PRIVACY_CONSENT_REQUIRED": False,
            **({"REDIS_URL": os.environ["REDIS_URL"]} if os.environ.get("REDIS_URL") else {}),
        })

    def _empty_database(self) -> None:
        if self.backend == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.db_file}{suffix}").unlink(missing_ok=True)
            shutil.copy(self.sqlite_template, self.db_file)
        else:
            _empty_pg(self.pg_schema)

    def reset(self, write_content) -> None:
        """An empty database, nothing published, and the content ``write_content(courses_dir,
        quizzes_dir)`` writes in the working folders."""
        self.close_connections()
        self._empty_database()
        for folder in (self.courses_dir, self.quizzes_dir, self.published_dir):
            shutil.rmtree(folder, ignore_errors=True)
        write_content(self.courses_dir, self.quizzes_dir)
        self.app.config["RATELIMIT_KEY_PREFIX"] = "test-" + uuid.uuid4().hex  # sign-in counters

    def close_connections(self) -> None:
        with self.app.app_context():
            database.engine.dispose()


@pytest.fixture(scope="module", params=BACKENDS)
def stateful_site(request, tmp_path_factory, sqlite_template, stateful_pg_schema):
    """The site of one test module on one database; each example or sequence resets it."""
    folder = tmp_path_factory.mktemp(f"stateful-{request.param}")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("UNION_INSTANCE_PATH", str(folder / "instance"))
        site = Site(folder / "site", request.param, sqlite_template, stateful_pg_schema)
    try:
        yield site
    finally:
        site.close_connections()
        shutil.rmtree(folder, ignore_errors=True)
