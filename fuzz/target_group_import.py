"""The import of monthly group numbers (``flask groups import-numbers`` and its page).

Contract: the file is refused as a whole with a message, or every row is checked into a
plan whose problems each name a row of the file and a column; checking writes nothing.
It runs against a throw-away SQLite database holding one unit and one group, so that rows
naming that group reach the number checks.
"""
from __future__ import annotations

import os
import tempfile
import uuid
from datetime import date
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from sqlalchemy import create_engine

from app.groups.importing import check_import
from app.roster.reading import RosterFileError, read_roster

from .contract import ContractBroken, within_budget

SEED_SUFFIXES = (".csv", ".xlsx")
MAX_ROWS = 2000
GROUP_ADDRESS = "https://www.facebook.com/groups/phunubatri"


@cache
def _app():
    """An app on a migrated SQLite file holding one group, made once for the whole run."""
    from app import create_app
    from app.extensions import db
    from app.models import FacebookGroup, Unit
    from app.models.units import finish_path
    from app.schema import upgrade_schema
    from app.units.levels import level_for

    folder = Path(tempfile.mkdtemp(prefix="fuzz-groups-"))
    url = f"sqlite:///{folder / 'fuzz.sqlite3'}"
    engine = create_engine(url)
    upgrade_schema(engine)
    engine.dispose()
    for empty in ("courses", "quizzes"):  # no content to load: the import does not need it
        (folder / empty).mkdir()
    saved = os.environ.get("UNION_INSTANCE_PATH")
    os.environ["UNION_INSTANCE_PATH"] = str(folder / "instance")
    try:
        app = create_app({"TESTING": True, "SECRET_KEY": uuid.uuid4().hex, "DATABASE_URL": url,
                          "RENDER_CACHE_DIR": str(folder / "render-cache"), "SERVER_NAME": None,
                          "COURSES_DIR": str(folder / "courses"),
                          "QUIZZES_DIR": str(folder / "quizzes")})
    finally:
        if saved is None:
            del os.environ["UNION_INSTANCE_PATH"]
        else:
            os.environ["UNION_INSTANCE_PATH"] = saved
    with app.app_context():
        unit = Unit(code="BT", name="Tỉnh Bến Tre", level=level_for(db.session, "province"))
        db.session.add(unit)
        unit.place_under(None)
        finish_path(db.session, unit)
        db.session.flush()
        db.session.add(FacebookGroup(name="Phụ nữ Ba Tri", address=GROUP_ADDRESS, unit_id=unit.id,
                                     founded_on=date(2024, 11, 27), founding_members=92))
        db.session.commit()
        db.scoped.remove()
    return app


@contextmanager
def import_session():
    """The database session of that app, inside its own app context (none is left pushed)."""
    from app.extensions import db

    with _app().app_context():
        try:
            yield db.session
        finally:
            db.session.rollback()
            db.scoped.remove()


def check(data: bytes) -> None:
    """Read ``data`` as a numbers file and check every row, as the import does first.

    The database is made once, before the first input's time starts."""
    _app()
    with import_session() as session:
        _checked(session, data)


@within_budget
def _checked(session, data: bytes) -> None:
    try:
        raw = read_roster(data, max_rows=MAX_ROWS)
    except RosterFileError:
        return
    plan = check_import(session, raw, None)
    last = max([1] + [number for number, _ in raw.rows])
    for problem in plan.problems + plan.jumps:
        if not 1 <= problem.row <= last or not str(problem.message).strip():
            raise ContractBroken(f"a problem outside the file's rows 1-{last}: {problem!r}")
    if session.new or session.dirty or session.deleted:
        raise ContractBroken("checking an import changed the session")
