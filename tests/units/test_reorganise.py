"""Merging and moving units loses nothing: members, learning, certificates and codes follow.

Uses the hand-checked province of the report tests (tests/reports/conftest.py).
"""
from __future__ import annotations

import json
from datetime import date

from sqlalchemy import select

from app.content_store import catalogue
from app.models import (
    AuditEntry,
    Certificate,
    LessonProgress,
    Member,
    QuizAttempt,
    Unit,
    UnitAlias,
    UnitChange,
)
from app.progress.assignments import today_in
from app.reports.completion import make_query, run_report
from tests.reports.conftest import EXPECTED, ZONE, assert_numbers, numbers


def report(db, level, root="BT"):
    with db() as session:
        unit = session.scalars(select(Unit).where(Unit.code == root)).one()
        query = make_query(root=unit, level=level, courses=catalogue().visible_courses(),
                           today=today_in(ZONE), zone=ZONE)
        return {row.code: numbers(row) for row in run_report(session, query, root=unit).rows}


def learning_of(db, usernames) -> dict:
    with db() as session:
        ids = dict(session.execute(select(Member.username, Member.id).where(Member.username.in_(usernames))).all())
        return {name: (len(session.scalars(select(LessonProgress).where(LessonProgress.member_id == i)).all()),
                       len(session.scalars(select(QuizAttempt).where(QuizAttempt.member_id == i)).all()))
                for name, i in ids.items()}


def test_merging_two_communes_moves_everyone_and_every_report_agrees(app, db, runner, people, make_unit, units):
    make_unit("BT-BATRI-ANTHUYMOI", name="Xã An Thủy mới", parent=units["BT-BATRI"])
    with db() as session:
        session.add(Certificate(code="c-lan", member_id=people["lan"].id, course_slug="basics",
                                course_title="Basics", unit_id=units["BT-BATRI-ANTHUY"].id, unit_name="Xã An Thủy"))
        session.commit()
    learning_before = learning_of(db, ["lan", "mai", "thu", "cuc"])
    before = {level: report(db, level) for level in ("province", "district")}
    preview = runner.invoke(args=["units", "merge", "BT-BATRI-ANTHUY", "BT-BATRI-TANXUAN",
                                  "--into", "BT-BATRI-ANTHUYMOI", "--dry-run"])
    assert preview.exit_code == 0 and "would move 5 members" in preview.output and "1 certificates" in preview.output
    result = runner.invoke(args=["units", "merge", "BT-BATRI-ANTHUY", "BT-BATRI-TANXUAN",
                                 "--into", "BT-BATRI-ANTHUYMOI", "--on", "2025-07-01"])
    assert result.exit_code == 0, result.output
    assert {level: report(db, level) for level in ("province", "district")} == before
    communes = report(db, "commune")
    assert "BT-BATRI-ANTHUY" not in communes and "BT-BATRI-TANXUAN" not in communes
    assert_numbers(communes["BT-BATRI-ANTHUYMOI"], (4, 6, 2, 1, 1, 2, 100 / 6, 60.0))  # the two, added up
    assert learning_of(db, ["lan", "mai", "thu", "cuc"]) == learning_before
    with db() as session:
        new = session.scalars(select(Unit).where(Unit.code == "BT-BATRI-ANTHUYMOI")).one()
        moved = session.scalars(select(Member.username).where(Member.unit_id == new.id)).all()
        assert set(moved) == {"lan", "mai", "hoa", "thu", "cuc"}
        certificate = session.scalars(select(Certificate).where(Certificate.code == "c-lan")).one()
        assert certificate.unit_id == new.id and certificate.unit_name == "Xã An Thủy"
        former = session.scalars(select(Unit).where(Unit.code == "BT-BATRI-ANTHUY")).one()
        assert former.active is False  # kept, switched off
        change = session.scalars(select(UnitChange).where(UnitChange.unit_id == new.id)).one()
        assert change.action == "merge" and change.effective_on == date(2025, 7, 1)
        assert [u["code"] for u in json.loads(change.detail)["former"]] == ["BT-BATRI-ANTHUY", "BT-BATRI-TANXUAN"]
        assert session.scalars(select(UnitChange.action).where(UnitChange.unit_id == former.id)).all() == ["merged"]
        assert session.scalars(select(AuditEntry.action).where(AuditEntry.action == "unit.merge")).all()
        assert {a.code for a in session.scalars(select(UnitAlias))} == {"BT-BATRI-ANTHUY", "BT-BATRI-TANXUAN"}


def test_an_old_code_in_a_roster_lands_in_the_new_unit(app, db, runner, people, make_unit, units, tmp_path):
    make_unit("BT-BATRI-ANTHUYMOI", name="Xã An Thủy mới", parent=units["BT-BATRI"])
    assert runner.invoke(args=["units", "merge", "BT-BATRI-ANTHUY", "--into", "BT-BATRI-ANTHUYMOI"]).exit_code == 0
    roster = tmp_path / "roster.csv"
    roster.write_text("username,full_name,unit_code\nxuan.le,Lê Thị Xuân,BT-BATRI-ANTHUY\n", encoding="utf-8")
    result = runner.invoke(args=["users", "import", str(roster)])
    assert result.exit_code == 0, result.output
    with db() as session:
        xuan = session.scalars(select(Member).where(Member.username == "xuan.le")).one()
        assert session.get(Unit, xuan.unit_id).code == "BT-BATRI-ANTHUYMOI"


def test_moving_a_commune_takes_its_members_and_keeps_who_is_assigned(app, db, runner, people, units):
    before = report(db, "province")["BT"]
    result = runner.invoke(args=["units", "move", "BT-CL-VT", "--under", "BT-GT", "--on", "2025-07-01"])
    assert result.exit_code == 0, result.output
    after = report(db, "province")["BT"]
    assert after[:2] == before[:2] and after[4] == before[4]  # members, assigned, completed
    districts = report(db, "district")
    assert districts["BT-GT"][:2] == (2, 2) and districts["BT-CL"][:2] == (0, 0)
    with db() as session:
        vt = session.scalars(select(Unit).where(Unit.code == "BT-CL-VT")).one()
        assert vt.parent.code == "BT-GT" and vt.path.startswith(vt.parent.path)
        change = session.scalars(select(UnitChange).where(UnitChange.unit_id == vt.id)).one()
        assert change.action == "move" and json.loads(change.detail)["from"]["code"] == "BT-CL"


def test_a_merge_or_move_that_makes_no_sense_is_refused_and_writes_nothing(app, db, runner, people, units):
    upward = runner.invoke(args=["units", "merge", "BT-BATRI", "--into", "BT-BATRI-ANTHUY"])
    assert upward.exit_code == 1 and "lies inside BT-BATRI" in upward.output
    level = runner.invoke(args=["units", "move", "BT-BATRI", "--under", "BT-CL-VT"])
    assert level.exit_code == 1 and "cannot sit under" in level.output or "lies inside" in level.output
    with db() as session:
        assert session.scalars(select(UnitChange)).all() == []
        assert (session.scalars(select(Member.unit_id).where(Member.username == "lan")).one()
                == units["BT-BATRI-ANTHUY"].id)


def test_renaming_keeps_the_name_printed_on_certificates(app, db, runner, people, units):
    with db() as session:
        session.add(Certificate(code="c-yen", member_id=people["yen"].id, course_slug="basics",
                                course_title="Basics", unit_id=units["BT-CL-VT"].id, unit_name="Xã Vĩnh Thành"))
        session.commit()
    result = runner.invoke(args=["units", "rename", "BT-CL-VT", "--name", "Xã Vĩnh Thành (mới)"])
    assert result.exit_code == 0, result.output
    with db() as session:
        assert (session.scalars(select(Certificate.unit_name).where(Certificate.code == "c-yen")).one()
                == "Xã Vĩnh Thành")
        assert session.scalars(select(Unit.name).where(Unit.code == "BT-CL-VT")).one() == "Xã Vĩnh Thành (mới)"
        assert session.scalars(select(UnitChange.action)).all() == ["rename"]
    assert_numbers(report(db, "commune")["BT-CL-VT"], EXPECTED["commune"]["BT-CL-VT"])
