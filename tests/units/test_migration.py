"""Migration 0007: the old kinds become levels, every unit keeps its place, models and schema agree."""
from __future__ import annotations

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text

from app.models import Base
from app.schema import MIGRATIONS


def test_models_and_migrations_agree(app):
    engine = app.extensions["database"][0]
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def _upgrade(engine, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


@pytest.mark.parametrize("backend", ["sqlite"])
def test_existing_units_get_levels_from_their_old_kinds(tmp_path, backend):
    engine = create_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    _upgrade(engine, "0006")
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO unit (id, code, name, kind, parent_id, path, depth, active) VALUES "
            "(1, 'BT', 'Tỉnh Bến Tre', 'province', NULL, '/1/', 0, 1),"
            "(2, 'BT-BATRI', 'Huyện Ba Tri', 'district', 1, '/1/2/', 1, 1),"
            "(3, 'BT-BATRI-ANTHUY', 'Xã An Thủy', 'commune', 2, '/1/2/3/', 2, 1)"))
    _upgrade(engine, "0007")
    with engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT unit.code, unit_level.code, unit_level.rank FROM unit JOIN unit_level "
            "ON unit_level.id = unit.level_id ORDER BY unit.id")).all()
    engine.dispose()
    assert [tuple(row) for row in rows] == [("BT", "province", 10), ("BT-BATRI", "district", 20),
                                            ("BT-BATRI-ANTHUY", "commune", 30)]
