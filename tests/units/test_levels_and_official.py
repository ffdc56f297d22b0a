"""Levels are data; the official list loads a province once; a file of branches is all or nothing."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.models import Unit, UnitLevel
from app.units.levels import UnknownLevel, find_level, level_for


def count_units(db, **where) -> int:
    with db() as session:
        statement = select(func.count()).select_from(Unit)
        for key, value in where.items():
            statement = statement.where(getattr(Unit, key) == value)
        return session.scalar(statement)


def test_a_unit_cannot_sit_under_a_unit_of_its_own_level_or_below(db):
    with db() as session:
        commune = Unit(code="C1", name="Xã Một", level=level_for(session, "commune"))
        branch = Unit(code="B1", name="Chi hội Một", level=level_for(session, "branch"))
        commune.place_under(None)
        with pytest.raises(ValueError, match="cannot sit under"):
            commune.place_under(branch)
        branch.place_under(commune)  # below is fine, levels may also be skipped
        assert branch.depth == 1


def test_levels_are_found_by_code_or_by_name_in_any_language(db):
    with db() as session:
        level_for(session, "branch")
        assert find_level(session, "Chi hội").code == "branch"
        assert find_level(session, "chi hoi").code == "branch"
        assert find_level(session, "BRANCH").code == "branch"
        with pytest.raises(UnknownLevel):
            find_level(session, "galaxy")


def test_load_official_creates_vinh_long_with_its_124_units_once(runner, db):
    result = runner.invoke(args=["units", "load-official", "86"])
    assert result.exit_code == 0, result.output
    assert "105 communes and 19 wards" in result.output and "125 units created" in result.output
    with db() as session:
        province = session.scalars(select(Unit).where(Unit.code == "86")).one()
        assert province.name == "Tỉnh Vĩnh Long" and province.kind == "province"
        below = session.scalars(select(Unit).where(Unit.parent_id == province.id)).all()
        assert len(below) == 124 and {u.kind for u in below} == {"commune"}
        assert all(u.path == f"{province.path}{u.id}/" for u in below)
        assert session.scalars(select(Unit.name).where(Unit.code == "29110")).one() == "Xã Ba Tri"
    again = runner.invoke(args=["units", "load-official", "86"])
    assert again.exit_code == 0 and "0 units created, 125 already there" in again.output
    assert count_units(db) == 125


def test_load_official_refuses_an_unknown_province(runner, db):
    result = runner.invoke(args=["units", "load-official", "999"])
    assert result.exit_code != 0 and "No province or city has the official code '999'" in result.output
    assert count_units(db) == 0


BRANCHES = ("code,name,parent code,level\n"
            "29110-AP1,Chi hội ấp Một,29110,branch\n"
            "29110-AP1-T1,Tổ hội Một,29110-AP1,Tổ hội\n"
            "{bad}\n")


def test_an_import_with_one_bad_row_writes_nothing_then_the_fixed_file_goes_in(runner, db, tmp_path):
    assert runner.invoke(args=["units", "load-official", "86"]).exit_code == 0
    bad = tmp_path / "branches.csv"
    bad.write_text(BRANCHES.format(bad="29110-AP2,Chi hội ấp Hai,NOWHERE,branch"), encoding="utf-8")
    refused = runner.invoke(args=["units", "import", str(bad)])
    assert refused.exit_code == 1
    assert "row 4, parent_code: Unknown parent code “NOWHERE”" in refused.output
    assert "nothing was imported" in refused.output
    assert count_units(db) == 125
    fixed = tmp_path / "fixed.csv"
    fixed.write_text(BRANCHES.format(bad="29110-AP2,Chi hội ấp Hai,29110,branch"), encoding="utf-8")
    dry = runner.invoke(args=["units", "import", str(fixed), "--dry-run"])
    assert dry.exit_code == 0 and "3 units would be added" in dry.output and count_units(db) == 125
    done = runner.invoke(args=["units", "import", str(fixed)])
    assert done.exit_code == 0, done.output
    assert count_units(db) == 128
    with db() as session:
        group = session.scalars(select(Unit).where(Unit.code == "29110-AP1-T1")).one()
        assert group.kind == "group" and group.parent.code == "29110-AP1" and group.depth == 3
    again = runner.invoke(args=["units", "import", str(fixed)])
    assert again.exit_code == 0 and "0 units added, 3 already there" in again.output


def test_an_import_refuses_a_level_above_its_parent(runner, db, tmp_path):
    assert runner.invoke(args=["units", "load-official", "86"]).exit_code == 0
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("code,name,parent code,level\nX-1,Somewhere,29110,province\n", encoding="utf-8")
    result = runner.invoke(args=["units", "import", str(wrong)])
    assert result.exit_code == 1 and "row 2, level:" in result.output and "below its parent" in result.output
    with db() as session:
        assert session.scalar(select(func.count()).select_from(UnitLevel).where(UnitLevel.code == "group")) == 0


def test_levels_are_added_and_listed_from_the_command_line(runner, db):
    added = runner.invoke(args=["units", "add-level", "hamlet", "--rank", "45", "--name-en", "Hamlet",
                                "--name-vi", "Ấp", "--name-th", "หมู่บ้าน"])
    assert added.exit_code == 0, added.output
    clash = runner.invoke(args=["units", "add-level", "other", "--rank", "45", "--name-en", "x",
                                "--name-vi", "x", "--name-th", "x"])
    assert clash.exit_code == 1 and "already has this code or rank" in clash.output
    listed = runner.invoke(args=["units", "levels"])
    assert "hamlet" in listed.output and "Ấp" in listed.output


def test_every_committee_role_of_every_level_has_a_label_and_a_roster_title(app):
    from app.models import CommitteeRole
    from app.roster.columns import committee_role
    from app.templating import COMMITTEE_LABELS

    assert {"branch_head", "branch_deputy", "group_head"} <= {role.value for role in CommitteeRole}
    assert set(COMMITTEE_LABELS) == {role.value for role in CommitteeRole}
    assert committee_role("Chi hội trưởng") == "branch_head"
    assert committee_role("Chi hội phó") == "branch_deputy"
    assert committee_role("Tổ trưởng") == "group_head"
