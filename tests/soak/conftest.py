"""Real gunicorn servers under load: helpers live in bench/ (shared with `make soak`)."""
from __future__ import annotations

import dataclasses
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
if str(BENCH) not in sys.path:
    sys.path.append(str(BENCH))  # after the project root: bench/app.py must not shadow app/

from _seed import prepare_database  # noqa: E402
from _server import Gunicorn, PgSchema, Seeded, app_env  # noqa: E402
from _soak import integrity, pg_integrity  # noqa: E402

BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])


@pytest.fixture(scope="module")
def seeded_template(tmp_path_factory):
    """One seeded SQLite file (demo province + 60 load officers), copied by each test."""
    work = tmp_path_factory.mktemp("soak-template")
    return work / "seed.sqlite3", prepare_database(f"sqlite:///{work / 'seed.sqlite3'}", work, members=60)


@pytest.fixture
def seeded_sqlite(seeded_template, tmp_path):
    path, seeded = seeded_template
    target = tmp_path / "soak.sqlite3"
    shutil.copy(path, target)
    return target, dataclasses.replace(seeded, url=f"sqlite:///{target}")


@dataclasses.dataclass
class SoakDatabase:
    seeded: Seeded
    integrity: Callable[[], str]  # "ok", or what is wrong
    schema: PgSchema | None = None


@pytest.fixture(params=BACKENDS)
def soak_db(request, tmp_path):
    """A seeded database (demo province + 60 load officers) on each backend."""
    if request.param == "sqlite":
        path, seeded = request.getfixturevalue("seeded_sqlite")
        yield SoakDatabase(seeded, lambda: integrity(path))
        return
    schema = PgSchema(os.environ["TEST_DATABASE_URL"], "soak")
    try:
        seeded = prepare_database(schema.url, tmp_path, members=60)
        yield SoakDatabase(seeded, lambda: pg_integrity(schema.url, schema.name), schema)
    finally:
        schema.drop()


@pytest.fixture
def servers(tmp_path):
    """Start gunicorn servers with ``servers(env)``; every one is stopped at teardown."""
    started: list[Gunicorn] = []

    def start(env, **kw) -> Gunicorn:
        server = Gunicorn(env, tmp_path, **kw)
        started.append(server)
        return server.start()

    yield start
    for server in started:
        server.stop()


__all__ = ["app_env"]
