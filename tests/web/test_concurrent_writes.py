"""SQLite with WAL and BEGIN IMMEDIATE: concurrent read-then-write transactions lose nothing."""
from __future__ import annotations

import multiprocessing

import pytest
from conftest import SQLITE_ONLY

WRITERS = 20
INCREMENTS = 15


def _writer(url: str, member_id: int, instance: str, barrier) -> None:
    import os

    os.environ["UNION_INSTANCE_PATH"] = instance
    from app import create_app
    from app.extensions import db
    from app.models import Member

    # No courses or quizzes: twenty interpreters need the database, not the catalogue.
    nothing = os.path.join(instance, "no-content")
    app = create_app({"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "x",
                      "COURSES_DIR": nothing, "QUIZZES_DIR": nothing})
    with app.app_context():
        barrier.wait()
        for _ in range(INCREMENTS):
            member = db.session.get(Member, member_id)  # read ...
            member.session_version = member.session_version + 1  # ... then write
            db.session.commit()
        db.session.close()


@pytest.mark.slow
@SQLITE_ONLY
def test_twenty_concurrent_writers_on_sqlite_lose_nothing(app_config, make_member, db, tmp_path):
    member = make_member("lan")
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(WRITERS)
    workers = [ctx.Process(target=_writer, args=(app_config["DATABASE_URL"], member.id,
                                                 str(tmp_path / "instance"), barrier))
               for _ in range(WRITERS)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(300)  # spawning twenty interpreters is slow on a busy two-core machine
    assert [w.exitcode for w in workers] == [0] * WRITERS
    from app.models import Member

    with db() as session:
        assert session.get(Member, member.id).session_version == 1 + WRITERS * INCREMENTS
