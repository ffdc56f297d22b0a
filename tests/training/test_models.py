"""The schema of sessions, invitations and attendance matches its migration and refuses nonsense."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.exc import IntegrityError

from app.models import Attendance, Base, TrainingSession

TABLES = {"training_session", "session_invitation", "attendance"}


def _table_of(change) -> str | None:
    change = change[0] if isinstance(change, list) else change
    for part in change[1:]:
        name = getattr(part, "name", None) if not isinstance(part, str) else part
        table = getattr(part, "table", None)
        if table is not None and getattr(table, "name", None):
            return table.name
        if isinstance(name, str) and name in TABLES:
            return name
    return None


def test_models_and_migration_agree_on_the_sessions_tables(app):
    engine = app.extensions["database"][0]
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = [c for c in compare_metadata(context, Base.metadata) if _table_of(c) in TABLES]
    assert differences == []


def _session(**values):
    start = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
    fields = {"course_slug": "c", "starts_at": start, "ends_at": start + timedelta(hours=2), "place": "Hall"}
    return TrainingSession(**{**fields, **values})


@pytest.mark.parametrize("values", [
    {"ends_at": datetime(2026, 3, 2, 1, 0, tzinfo=UTC)},
    {"capacity": 0},
])
def test_schema_refuses_impossible_sessions(db, values):
    with db() as session:
        session.add(_session(**values))
        with pytest.raises(IntegrityError):
            session.commit()


def test_one_attendance_per_session_and_member(db, people):
    officer = people["officer"]
    with db() as session:
        training = _session()
        session.add(training)
        session.flush()
        session.add(Attendance(session_id=training.id, member_id=officer.id, method="code"))
        session.flush()
        session.add(Attendance(session_id=training.id, member_id=officer.id, method="paper"))
        with pytest.raises(IntegrityError):
            session.commit()


def test_schema_refuses_an_unknown_method(db, people):
    officer = people["officer"]
    with db() as session:
        training = _session()
        session.add(training)
        session.flush()
        session.add(Attendance(session_id=training.id, member_id=officer.id, method="telepathy"))
        with pytest.raises(IntegrityError):
            session.commit()
