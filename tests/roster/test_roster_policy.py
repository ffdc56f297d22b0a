"""The roster import shows every change and obeys the member policy: role changes and moves
up are listed first and confirmed on their own; only admins import staff roles; a
coordinator's import touches only the officers of her own units."""
from __future__ import annotations

import re

import pytest
from conftest import csrf_token_from
from sqlalchemy import func, select

from app.models import AuditEntry, Member

from .conftest import members_by_username, roster_csv
from .test_roster_import import upload

ROLE_HEADER = ["username", "full_name", "unit_code", "platform_role"]
PROMOTION = [["officer5", "officer5", "BT", "coordinator"]]


def import_with(client, dry_run, **extra):
    token = re.search(rb'name="upload" type="hidden" value="([0-9a-f]{32})"', dry_run.data)
    assert token, "no import button on the dry run page"
    data = {"csrf_token": csrf_token_from(dry_run), "upload": token.group(1).decode(), "filename": "roster.csv"}
    data.update(extra)
    return client.post("/admin/roster/import", data=data)


def changes_on(page) -> list[tuple[str, str, str]]:
    """(column, old, new) rows of the dry run's change tables, in page order."""
    return re.findall(r"<td><code>(\w+)</code></td><td>(.*?)</td><td>(.*?)</td></tr>", page.get_data(as_text=True))


def audit_actions(db) -> list[str]:
    with db() as session:
        return list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


@pytest.fixture
def officer5(make_member, units):
    return make_member("officer5", full_name="officer5", unit=units["BT-BATRI-ANTHUY"])


def test_a_promotion_in_a_roster_is_listed_first_and_not_made_without_its_own_confirmation(
        client, admin, db, officer5):
    dry_run = upload(client, roster_csv(PROMOTION, header=ROLE_HEADER))
    text = dry_run.get_data(as_text=True)
    assert "need your confirmation" in text
    assert ("platform_role", "officer", "coordinator") in changes_on(dry_run)
    assert ("unit_code", "BT-BATRI-ANTHUY", "BT") in changes_on(dry_run)
    assert 'name="allow_sensitive"' in text
    refused = import_with(client, dry_run)
    assert refused.status_code == 400
    assert b"Tick this box" in refused.data
    assert members_by_username(db)["officer5"].role == "officer"
    assert audit_actions(db) == []


def test_a_confirmed_promotion_is_made_and_recorded(client, admin, db, officer5):
    dry_run = upload(client, roster_csv(PROMOTION, header=ROLE_HEADER))
    done = import_with(client, dry_run, allow_sensitive="y")
    assert done.status_code == 200
    member = members_by_username(db)["officer5"]
    assert member.role == "coordinator" and member.unit_id != officer5.unit_id
    actions = audit_actions(db)
    assert actions[0] == "roster.import" and sorted(actions[1:]) == ["member.role", "member.unit"]
    with db() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "member.role")).one()
        assert entry.target_member_id == officer5.id and entry.actor_id == admin.id
        assert '"new": "coordinator"' in entry.detail and '"old": "officer"' in entry.detail


def test_the_dry_run_lists_every_change_field_by_field(client, admin, db, officer5, units):
    rows = [["officer5", "Trần Thị Năm", "BT-BATRI-ANTHUY", "", "0912 345 678", "HV-5", ""]]
    dry_run = upload(client, roster_csv(rows))
    assert set(changes_on(dry_run)) == {("full_name", "officer5", "Trần Thị Năm"),
                                        ("phone", "–", "0912 345 678"), ("external_id", "–", "HV-5")}
    assert "need your confirmation" not in dry_run.get_data(as_text=True)
    assert import_with(client, dry_run).status_code == 200  # no second confirmation needed
    assert members_by_username(db)["officer5"].full_name == "Trần Thị Năm"


def test_role_changes_come_before_the_other_changes(client, admin, db, make_member, units):
    make_member("aaa.first", full_name="A", unit=units["BT-BATRI-ANTHUY"])
    make_member("zzz.last", full_name="Z", unit=units["BT-BATRI-ANTHUY"])
    rows = [["aaa.first", "A Renamed", "BT-BATRI-ANTHUY", "officer"],
            ["zzz.last", "Z", "BT-BATRI-ANTHUY", "trainer"]]
    dry_run = upload(client, roster_csv(rows, header=ROLE_HEADER))
    assert changes_on(dry_run) == [("platform_role", "officer", "trainer"), ("full_name", "A", "A Renamed")]


def test_a_move_down_within_the_union_needs_no_extra_confirmation(client, admin, db, make_member, units):
    make_member("lan", unit=units["BT-BATRI"])
    dry_run = upload(client, roster_csv([["lan", "Lan", "BT-BATRI-ANTHUY", ""]], header=ROLE_HEADER))
    assert ("unit_code", "BT-BATRI", "BT-BATRI-ANTHUY") in changes_on(dry_run)
    assert 'name="allow_sensitive"' not in dry_run.get_data(as_text=True)


@pytest.fixture
def coordinator(units, make_member, login):
    member = make_member("phuong", role="coordinator", unit=units["BT-BATRI"])
    login("phuong")
    return member


@pytest.fixture
def cho_lach(make_unit, units):
    return make_unit("BT-CL", name="Chợ Lách", kind="district", parent=units["BT"])


def test_a_coordinator_imports_officers_into_her_units(client, coordinator, db, units):
    rows = [["lan.new", "Lan", "BT-BATRI-ANTHUY", ""], ["mai.new", "Mai", "BT-BATRI-TANXUAN", "officer"]]
    done = import_with(client, upload(client, roster_csv(rows, header=ROLE_HEADER)))
    assert done.status_code == 200
    members = members_by_username(db)
    assert members["lan.new"].role == "officer" and members["mai.new"].unit_id == units["BT-BATRI-TANXUAN"].id
    with db() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "roster.import")).one()
        assert entry.actor_id == coordinator.id and entry.people == 2 and '"file": "roster.csv"' in entry.detail


def problems_on(page) -> dict[tuple[int, str], str]:
    found = re.findall(r"<tr><td>(\d+)</td><td>[A-Z]+ · <code>(\w+)</code></td><td>(.*?)</td></tr>",
                       page.get_data(as_text=True))
    return {(int(row), column): message for row, column, message in found}


def test_a_coordinators_import_is_refused_for_staff_roles_members_she_may_not_change_and_other_units(
        client, coordinator, db, make_member, units, cho_lach):
    make_member("trainer.inside", role="trainer", unit=units["BT-BATRI-ANTHUY"])
    make_member("officer.outside", unit=cho_lach)
    make_member("officer.inside", unit=units["BT-BATRI-ANTHUY"])
    rows = [
        ["new.trainer", "New Trainer", "BT-BATRI-ANTHUY", "trainer"],        # row 2: staff role
        ["new.coord", "New Coordinator", "BT-BATRI-ANTHUY", "coordinator"],  # row 3: staff role
        ["trainer.inside", "Renamed", "BT-BATRI-ANTHUY", "trainer"],         # row 4: not an officer
        ["officer.outside", "Renamed", "BT-CL", ""],                        # row 5: not her unit
        ["officer.inside", "Officer Inside", "BT-CL", ""],                   # row 6: moved out
        ["new.outside", "New Outside", "BT-CL", ""],                         # row 7: created outside
        ["phuong", "Phuong", "BT", ""],                                       # row 8: herself, upwards
    ]
    before = {m.username: (m.role, m.unit_id, m.full_name) for m in members_by_username(db).values()}
    page = upload(client, roster_csv(rows, header=ROLE_HEADER))
    found = problems_on(page)
    assert "Only an administrator can import trainers" in found[(2, "platform_role")]
    assert "Only an administrator can import trainers" in found[(3, "platform_role")]
    assert "cannot change this account" in found[(4, "username")]
    assert "cannot change this account" in found[(5, "username")]
    assert "outside your units" in found[(6, "unit_code")]
    assert "outside your units" in found[(7, "unit_code")]
    assert "cannot change this account" in found[(8, "username")]
    assert 'name="upload"' not in page.get_data(as_text=True)
    after = {m.username: (m.role, m.unit_id, m.full_name) for m in members_by_username(db).values()}
    assert after == before


def test_a_coordinator_cannot_promote_an_officer_of_her_own_unit(client, coordinator, db, make_member, units):
    make_member("officer.inside", unit=units["BT-BATRI-ANTHUY"])
    page = upload(client, roster_csv([["officer.inside", "Officer Inside", "BT-BATRI-ANTHUY", "coordinator"]],
                                     header=ROLE_HEADER))
    assert "Only an administrator can" in problems_on(page)[(2, "platform_role")]
    assert members_by_username(db)["officer.inside"].role == "officer"


def test_the_template_lists_only_her_units(client, coordinator, cho_lach):
    from io import BytesIO

    from openpyxl import load_workbook

    book = load_workbook(BytesIO(client.get("/admin/roster/template.xlsx").data))
    codes = [row[0].value for row in book.worksheets[2].iter_rows(min_row=2)]
    assert "BT-BATRI-ANTHUY" in codes and "BT-CL" not in codes and "BT" not in codes


# The command line ---------------------------------------------------------------------------


def write(tmp_path, rows, header=ROLE_HEADER):
    path = tmp_path / "roster.csv"
    path.write_bytes(roster_csv(rows, header=header))
    return str(path)


def test_the_command_line_lists_changes_and_refuses_a_promotion_without_the_flag(runner, units, db, officer5,
                                                                                tmp_path):
    result = runner.invoke(args=["users", "import", write(tmp_path, PROMOTION)])
    assert result.exit_code != 0
    assert "NEEDS --allow-role-changes: row 2, officer5: unit_code: BT-BATRI-ANTHUY -> BT; " \
           "platform_role: officer -> coordinator" in result.output
    assert "nothing was imported" in result.output
    assert members_by_username(db)["officer5"].role == "officer"
    assert audit_actions(db) == []


def test_the_command_line_dry_run_lists_every_change(runner, units, db, officer5, tmp_path):
    result = runner.invoke(args=["users", "import", "--dry-run", write(tmp_path, PROMOTION)])
    assert result.exit_code == 0, result.output
    assert "platform_role: officer -> coordinator" in result.output
    assert members_by_username(db)["officer5"].role == "officer"


def test_the_command_line_makes_a_promotion_with_the_flag_and_records_it(runner, units, db, officer5, tmp_path):
    result = runner.invoke(args=["users", "import", "--allow-role-changes", write(tmp_path, PROMOTION)])
    assert result.exit_code == 0, result.output
    assert members_by_username(db)["officer5"].role == "coordinator"
    actions = audit_actions(db)
    assert actions[0] == "roster.import" and sorted(actions[1:]) == ["member.role", "member.unit"]
    with db() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.actor_id.is_(None))) == 3
        assert session.scalars(select(Member).where(Member.username == "officer5")).one().role == "coordinator"
