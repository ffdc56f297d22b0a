"""The kept counts: the report by units reads them, they equal the report from every record,
every write keeps them, and `flask report verify` finds any that differs."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from conftest import csrf_token_from
from sqlalchemy import func, select, text

from app.content_store import catalogue
from app.extensions import db as database
from app.models import Assignment, GroupTrainingAssignment, Member, Unit, UnitCourseCount
from app.progress.assignments import today_in
from app.reports.completion import make_query, run_report
from app.reports.queries import completion_statement

from .conftest import ZONE


def _query(session, root_code: str, level: str, **choices):
    root = session.scalars(select(Unit).where(Unit.code == root_code)).one()
    return root, make_query(root=root, level=level, courses=list(catalogue().visible_courses()),
                            today=today_in(ZONE), zone=ZONE, **choices)


def verify(runner) -> tuple[int, str]:
    result = runner.invoke(args=["report", "verify"])
    return result.exit_code, result.output


def assert_counts_agree(runner) -> None:
    code, output = verify(runner)
    assert code == 0 and "Every kept count agrees with the records." in output, output


@pytest.mark.parametrize("level", ["province", "district", "commune"])
@pytest.mark.parametrize("role", [None, "chair", "committee_member"])
@pytest.mark.parametrize("root_code", ["BT", "BT-BATRI"])
def test_the_kept_counts_give_the_report_from_every_record(app, people, level, role, root_code):
    with app.app_context():
        session = database.session
        root, query = _query(session, root_code, level, committee_role=role)
        fast = session.execute(completion_statement(query, from_counts=True)).mappings().all()
        slow = session.execute(completion_statement(query)).mappings().all()
        assert fast == slow and fast
        assert run_report(session, query, root=root).from_counts
        for course in catalogue().visible_courses():  # one course at a time too
            _, one = _query(session, root_code, level, committee_role=role)
            one = type(one)(**{**one.__dict__, "courses": tuple(c for c in one.courses if c.slug == course.slug)})
            assert session.execute(completion_statement(one, from_counts=True)).mappings().all() == \
                session.execute(completion_statement(one)).mappings().all()


def test_a_report_by_dates_or_by_member_reads_every_record_and_the_page_says_so(app, client, login, people):
    with app.app_context():
        session = database.session
        _, dated = _query(session, "BT", "district", since=today_in(ZONE) - timedelta(days=20))
        _, by_member = _query(session, "BT", "member")
        assert not dated.countable and not by_member.countable
        assert not run_report(session, dated).from_counts
    login("ha")
    since = (today_in(ZONE) - timedelta(days=20)).isoformat()
    dated_page = client.get(f"/reports/?by=district&since={since}").get_data(as_text=True)
    assert "worked out from every record" in dated_page
    assert "worked out from every record" not in client.get("/reports/?by=district").get_data(as_text=True)


def test_verify_finds_a_count_changed_behind_its_back_and_repair_counts_it_again(app, runner, people, db):
    assert_counts_agree(runner)
    with db() as session:  # a raw write that no tracked path made: her count is now wrong
        for table in ("lesson_progress", "quiz_attempt"):  # mai is now "not started"
            session.connection().execute(text(f"DELETE FROM {table} WHERE member_id = :m"),
                                         {"m": people["mai"].id})
        session.commit()
    code, output = verify(runner)
    assert code == 1
    assert re.search(r"course counts: unit BT-BATRI-ANTHUY \(basics, committee_member, \S+\): kept assigned 1, "
                     r"completed 0, started 1, .*; the records say assigned 1, completed 0, started 0", output), output
    repaired = runner.invoke(args=["report", "verify", "--repair"])
    assert repaired.exit_code == 0, repaired.output
    assert_counts_agree(runner)


def test_a_course_never_counted_or_counted_for_other_steps_is_read_from_every_record(app, runner, people, db):
    with db() as session:
        session.connection().execute(text("DELETE FROM counted_course WHERE course_slug = 'safety'"))
        session.commit()
    code, output = verify(runner)
    assert code == 0 and "course safety: not counted yet" in output
    with app.app_context():
        _, query = _query(database.session, "BT", "district")
        assert not run_report(database.session, query).from_counts


def _kept_rows(db) -> int:
    with db() as session:
        return session.scalar(select(func.count()).select_from(UnitCourseCount))


def test_learning_through_the_site_keeps_the_counts(app, client, runner, login, people, db):
    assert _kept_rows(db) > 0
    login("thu")
    lesson = client.get("/courses/basics/two")  # opened for the first time
    assert_counts_agree(runner)
    client.post("/courses/basics/two/done", data={"csrf_token": csrf_token_from(lesson)})
    lesson = client.get("/courses/basics/one")
    client.post("/courses/basics/one/done", data={"csrf_token": csrf_token_from(lesson)})
    assert_counts_agree(runner)
    for choice in ("No", "Yes"):  # a fail, then a pass that completes the course
        paper = client.get("/quizzes/basics-check?course=basics")
        token = re.search(rb'name="token" type="hidden" value="([^"]+)"', paper.data).group(1).decode()
        value = re.search(rf'name="(q-[^"]+)" value="([^"]+)"[^>]*> <span>{choice}</span>'.encode(), paper.data)
        client.post("/quizzes/basics-check?course=basics", data={
            "csrf_token": csrf_token_from(paper), "token": token, value.group(1).decode(): value.group(2).decode()})
        assert_counts_agree(runner)
    with app.app_context():
        _, query = _query(database.session, "BT-BATRI-TANXUAN", "member")
        row = next(r for r in run_report(database.session, query).rows if r.code == "thu")
        assert row.completed == 1


def test_changes_to_members_and_assignments_keep_the_counts(app, runner, people, units, db, make_member):
    make_member("new", unit=units["BT-CL-VT"], committee_role="chair")
    assert_counts_agree(runner)
    with db() as session:
        mai = session.get(Member, people["mai"].id)
        mai.unit_id = units["BT-BATRI-TANXUAN"].id  # moved
        session.get(Member, people["thu"].id).committee_role = "committee_member"
        session.commit()
    assert_counts_agree(runner)
    assert runner.invoke(args=["users", "deactivate", "lan"]).exit_code == 0
    assert_counts_agree(runner)
    with db() as session:
        session.get(Member, people["hoa"].id).active = True  # switched on again
        session.add(Assignment(course_slug="safety", unit_id=units["BT-CL"].id,
                               due_date=date.today() + timedelta(days=3)))
        session.add(GroupTrainingAssignment(member_id=people["cuc"].id, course_slug="safety",
                                            due_date=date.today() - timedelta(days=1)))
        session.commit()
    assert_counts_agree(runner)
    with db() as session:
        session.delete(session.scalars(select(Assignment).where(Assignment.unit_id == units["BT-CL"].id)).first())
        session.commit()
    assert_counts_agree(runner)


def test_merges_moves_imports_and_erasure_keep_the_counts(app, runner, people, units, db, tmp_path, make_unit):
    merged = runner.invoke(args=["units", "merge", "BT-BATRI-TANXUAN", "--into", "BT-BATRI-ANTHUY"])
    assert merged.exit_code == 0, merged.output
    assert_counts_agree(runner)
    moved = runner.invoke(args=["units", "move", "BT-BATRI-ANTHUY", "--under", "BT-CL"])
    assert moved.exit_code == 0, moved.output
    assert_counts_agree(runner)
    roster = tmp_path / "roster.csv"
    roster.write_text("username,full_name,unit_code,committee_role\n"
                      "nga,Bùi Thị Nga,BT-BATRI-ANTHUY,chair\n"
                      "tam,Lê Thị Tâm,BT-CL-VT,committee_member\n", encoding="utf-8")
    imported = runner.invoke(args=["users", "import", str(roster)], input="y\n")
    assert imported.exit_code == 0, imported.output
    with db() as session:
        assert session.scalar(select(Member.unit_id).where(Member.username == "nga")) == units["BT-BATRI-ANTHUY"].id
    assert_counts_agree(runner)
    erased = runner.invoke(args=["privacy", "erase", "lan", "--yes"])
    assert erased.exit_code == 0, erased.output
    assert_counts_agree(runner)


def _giong_trom_row(db, unit_id):
    with db() as session:
        return session.execute(select(UnitCourseCount.assigned, UnitCourseCount.started).where(
            UnitCourseCount.unit_id == unit_id, UnitCourseCount.course_slug == "basics")).all()


def _wait_until_blocked(engine, seconds: float = 10) -> None:
    """On PostgreSQL, until another connection waits for a lock (the second write's insert
    waiting for the first's uncommitted row); on SQLite a moment (it waits for the write lock).
    Asked on a connection of its own: the test's sessions hold the writes."""
    import time

    if engine.dialect.name != "postgresql":
        time.sleep(0.3)
        return
    deadline = time.monotonic() + seconds
    with engine.connect() as conn:
        while time.monotonic() < deadline:
            if conn.execute(text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                                 " AND datname = current_database()")).scalar():
                return
            conn.rollback()
            time.sleep(0.02)
    raise AssertionError("the second write never waited for the first")


def _table_locks(engine, session) -> list[str]:
    """The locks stronger than a write's own that ``session``'s connection holds on the count
    tables (PostgreSQL; none to see on SQLite)."""
    if engine.dialect.name != "postgresql":
        return []
    pid = session.execute(text("SELECT pg_backend_pid()")).scalar()
    with engine.connect() as conn:
        return conn.execute(text(
            "SELECT c.relname || ' ' || l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation"
            " WHERE l.pid = :pid AND c.relname LIKE 'unit_%_count' AND l.mode <> 'RowExclusiveLock'"
            " AND l.mode <> 'AccessShareLock'"), {"pid": pid}).scalars().all()


def test_two_writes_at_once_on_a_row_never_counted_both_count(app, runner, people, units, db, make_member):
    """A row a bulk write left uncounted is counted by the first write that touches it, the
    other write waiting for it adds its own; neither waits for a table lock (two writes doing
    that at once deadlocked on PostgreSQL) and the row ends as the records say."""
    import threading

    from app.db import begin_write
    from app.progress.records import lesson_opened

    first, second = make_member("tai.mot", unit=units["BT-GT"]), make_member("tai.hai", unit=units["BT-GT"])
    with db() as session:
        session.add(Assignment(course_slug="basics", unit_id=units["BT-GT"].id))
        session.commit()
    assert _giong_trom_row(db, units["BT-GT"].id) == [(2, 0)]
    with db() as session:  # as a bulk insert of members would leave it
        session.execute(text("DELETE FROM unit_course_count WHERE unit_id = :u"), {"u": units["BT-GT"].id})
        session.commit()
    with app.app_context():  # taken now: leaving an app context ends its thread's session
        engine = database.engine
    failures = []

    def second_write():
        try:
            with db() as session:
                begin_write(session)
                lesson_opened(session, second.id, "basics", "one")
                session.commit()
        except Exception as error:  # reported below, in the test's own thread
            failures.append(error)

    with db() as session:
        begin_write(session)  # as the lesson page does
        assert lesson_opened(session, first.id, "basics", "one")
        assert _table_locks(engine, session) == []
        thread = threading.Thread(target=second_write)
        thread.start()
        _wait_until_blocked(engine)
        session.commit()
    thread.join(30)
    assert not thread.is_alive() and not failures, failures
    assert _giong_trom_row(db, units["BT-GT"].id) == [(2, 2)]
    assert_counts_agree(runner)
