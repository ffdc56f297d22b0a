"""The groups' tables: the migration builds what the models say, and the schema refuses
what no group can have (negative numbers, unknown statuses, two rows for one month)."""
from __future__ import annotations

from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.exc import IntegrityError

from app.models import Base, FacebookGroup, MonthlyNumbers


def test_models_and_migration_agree(app):
    engine = app.extensions["database"][0]
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


@pytest.mark.parametrize("values", [
    {"members": -1}, {"posts": 3, "member_posts": 4}, {"status": "maybe"},
])
def test_schema_refuses_impossible_months(db, province, values):
    with db() as session:
        group = FacebookGroup(name="G", address="https://www.facebook.com/groups/g", unit_id=province.id)
        session.add(group)
        session.commit()
        session.add(MonthlyNumbers(group_id=group.id, month=date(2025, 1, 1), **values))
        with pytest.raises(IntegrityError):
            session.commit()


def test_one_row_per_group_and_month(db, province):
    with db() as session:
        group = FacebookGroup(name="G", address="https://www.facebook.com/groups/g", unit_id=province.id)
        session.add(group)
        session.commit()
        session.add_all([MonthlyNumbers(group_id=group.id, month=date(2025, 1, 1)),
                         MonthlyNumbers(group_id=group.id, month=date(2025, 1, 1))])
        with pytest.raises(IntegrityError):
            session.commit()
