"""The migration creates exactly the follow-up and notice tables the models describe."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from app.extensions import db as database
from app.models import Base

TABLES = {"follow_up_note", "notice_dismissal"}


def _tables_named(diff) -> set[str]:
    """The table names a difference (a tuple, or a list of them) is about."""
    if isinstance(diff, list):
        return set().union(*(_tables_named(d) for d in diff))
    found = set()
    for part in diff:
        name = getattr(part, "name", None) if not isinstance(part, str) else part
        table = getattr(part, "table", None)
        found |= {n for n in (name, getattr(table, "name", None)) if isinstance(n, str)}
    return found


def test_the_migrated_schema_matches_the_models_for_these_tables(app):
    with app.app_context(), database.engine.connect() as connection:
        assert set(connection.dialect.get_table_names(connection)) >= TABLES
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert [d for d in differences if _tables_named(d) & TABLES] == []
