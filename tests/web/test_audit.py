"""The audit trail: each recorded action, the admin page with its filters and CSV export, the
entries on a member's page, and that the application never changes an entry."""
from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, datetime

import pytest
from conftest import csrf_token_from
from sqlalchemy import delete, select, update

from app.audit import Action, AuditTrailIsAppendOnly, record
from app.models import AuditEntry, Certificate, Member


def entries(db, action: str | None = None) -> list[AuditEntry]:
    with db() as session:
        query = select(AuditEntry).order_by(AuditEntry.id)
        if action:
            query = query.where(AuditEntry.action == action)
        found = list(session.scalars(query))
        for entry in found:
            session.expunge(entry)
        return found


@pytest.fixture
def tree(make_unit, province):
    ba_tri = make_unit("BT-BATRI", name="Ba Tri", kind="district", parent=province)
    return {"province": province, "ba_tri": ba_tri,
            "an_thuy": make_unit("BT-BATRI-AT", name="An Thủy", parent=ba_tri),
            "tan_xuan": make_unit("BT-BATRI-TX", name="Tân Xuân", parent=ba_tri)}


@pytest.fixture
def admin(make_member, login, tree):
    member = make_member("thanh.ha", role="admin", full_name="Nguyễn Thị Thanh Hà")
    login("thanh.ha")
    return member


@pytest.fixture
def lan(make_member, tree):
    return make_member("lan", full_name="Phạm Thị Lan", unit=tree["an_thuy"])


def token(client) -> str:
    return csrf_token_from(client.get("/", follow_redirects=True))


def edit(client, member: Member, **changes):
    data = {"csrf_token": token(client), "username": member.username, "full_name": member.full_name,
            "phone": "", "unit_id": member.unit_id, "committee_role": member.committee_role,
            "role": member.role, "language": "en"}
    data.update(changes)
    return client.post(f"/admin/members/{member.id}", data=data)


# Each action is recorded --------------------------------------------------------------------


def test_a_sign_in_code_is_recorded_without_the_code(client, db, admin, lan):
    page = client.post(f"/admin/members/{lan.id}/code", data={"csrf_token": token(client)})
    code = re.search(rb'class="code[^"]*">([A-Z0-9-]+)<', page.data)
    assert code, "no code on the page"
    [entry] = entries(db)
    assert entry.action == "member.sign_in_code"
    assert (entry.actor_id, entry.actor_label) == (admin.id, "Nguyễn Thị Thanh Hà (thanh.ha)")
    assert (entry.target_member_id, entry.target_label) == (lan.id, "Phạm Thị Lan (lan)")
    row = " ".join(str(value) for value in vars(entry).values())
    for form in (code.group(1).decode(), code.group(1).decode().replace("-", "")):
        assert form not in row


def test_creating_a_member_records_the_account_and_its_code(client, db, admin, tree):
    client.post("/admin/members/new", data={
        "csrf_token": token(client), "username": "hoa.le", "full_name": "Lê Thị Hoa", "phone": "",
        "unit_id": tree["an_thuy"].id, "committee_role": "chair", "role": "trainer", "language": ""})
    assert [e.action for e in entries(db)] == ["member.create", "member.sign_in_code"]
    assert json.loads(entries(db)[0].detail) == {"role": "trainer", "unit": "BT-BATRI-AT"}


def test_role_and_unit_changes_are_recorded_with_old_and_new(client, db, admin, lan, tree):
    assert edit(client, lan, role="coordinator", unit_id=tree["tan_xuan"].id).status_code == 302
    role, unit = entries(db, "member.role")[0], entries(db, "member.unit")[0]
    assert json.loads(role.detail) == {"old": "officer", "new": "coordinator"}
    assert json.loads(unit.detail) == {"old": "BT-BATRI-AT", "new": "BT-BATRI-TX"}
    assert role.target_member_id == lan.id and role.actor_id == admin.id


def test_a_change_of_name_only_is_not_a_role_or_unit_change(client, db, admin, lan):
    assert edit(client, lan, full_name="Phạm Thị Lan Anh").status_code == 302
    assert entries(db) == []


def test_switching_off_and_on_are_recorded(client, db, admin, lan):
    asked = client.post(f"/admin/members/{lan.id}/deactivate", data={"csrf_token": token(client)})
    assert asked.status_code == 200 and entries(db) == []  # the first press only asks
    switch_off = {"csrf_token": token(client), "confirmed": "yes"}
    client.post(f"/admin/members/{lan.id}/deactivate", data=switch_off)
    client.post(f"/admin/members/{lan.id}/deactivate", data=switch_off)  # already off
    client.post(f"/admin/members/{lan.id}/reactivate", data={"csrf_token": token(client)})
    assert [e.action for e in entries(db)] == ["member.switch_off", "member.switch_on"]


def test_a_refused_action_records_nothing(client, db, make_member, login, tree):
    make_member("phuong", role="coordinator", unit=tree["ba_tri"])
    boss = make_member("boss.admin", role="admin", unit=tree["an_thuy"])
    login("phuong")
    assert client.post(f"/admin/members/{boss.id}/code", data={"csrf_token": token(client)}).status_code == 403
    assert entries(db) == []


def test_revoking_a_certificate_is_recorded(client, db, admin, lan):
    code = "c" * 32
    with db() as session:
        session.add(Certificate(code=code, member_id=lan.id, course_slug="basics", course_title="Basics",
                                unit_id=lan.unit_id))
        session.commit()
    response = client.post(f"/certificates/{code}/revoke", data={"csrf_token": token(client), "reason": "Copied",
                                                                 "confirmed": "yes"})
    assert response.status_code == 302
    [entry] = entries(db)
    assert entry.action == "certificate.revoke" and entry.target_member_id == lan.id
    assert json.loads(entry.detail) == {"certificate": code, "course": "basics", "reason": "Copied"}


def test_command_line_codes_switch_offs_and_accounts_are_recorded_as_the_operator(runner, db, lan, tree):
    assert runner.invoke(args=["users", "reset", "lan"]).exit_code == 0
    assert runner.invoke(args=["users", "deactivate", "lan"]).exit_code == 0
    assert runner.invoke(args=["users", "create", "mai.new", "--unit", "BT-BATRI-AT", "--code"]).exit_code == 0
    found = entries(db)
    assert [e.action for e in found] == ["member.sign_in_code", "member.switch_off", "member.create",
                                         "member.sign_in_code"]
    assert all(e.actor_id is None and e.actor_label == "" for e in found)


# The audit page -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["officer", "trainer", "coordinator"])
def test_only_admins_see_the_audit_page(client, make_member, login, tree, role):
    make_member("someone", role=role, unit=tree["ba_tri"])
    login("someone")
    assert client.get("/admin/audit/").status_code == 403
    assert client.get("/admin/audit/export.csv").status_code == 403
    assert b"/admin/audit/" not in client.get("/admin/members/").data


def test_signed_out_visitors_are_sent_to_sign_in(client):
    assert client.get("/admin/audit/").status_code == 302


def test_the_admin_index_and_member_list_link_to_the_audit_page(client, admin):
    assert b'href="/admin/audit/"' in client.get("/admin/").data
    assert b'href="/admin/audit/"' in client.get("/admin/members/").data


@pytest.fixture
def trail(db, admin, lan, make_member, tree):
    """Entries on three days: 1 March (a code for lan), 2 March (lan switched off), 3 March
    (mai's role changed by the command line)."""
    mai = make_member("mai", full_name="=HYPERLINK(\"http://x.example\",\"Mai\")", unit=tree["tan_xuan"])
    with db() as session:
        actor, lan_, mai_ = (session.get(Member, m.id) for m in (admin, lan, mai))
        for day, who, action, target, detail in (
                (1, actor, Action.SIGN_IN_CODE, lan_, {"hours": 72}),
                (2, actor, Action.SWITCH_OFF, lan_, {}),
                (3, None, Action.ROLE_CHANGE, mai_, {"old": "officer", "new": "trainer"})):
            entry = record(session, who, action, target, **detail)
            entry.at = datetime(2026, 3, day, 5, 0, tzinfo=UTC)  # noon in Vietnam
        session.commit()
    return mai


def listed_actions(page) -> list[str]:
    return re.findall(r"<td>(Sign-in code issued|Account switched off|Platform role changed)</td>",
                      page.get_data(as_text=True))


def test_the_page_lists_entries_newest_first(client, trail):
    page = client.get("/admin/audit/")
    assert page.status_code == 200
    assert listed_actions(page) == ["Platform role changed", "Account switched off", "Sign-in code issued"]
    text = page.get_data(as_text=True)
    assert "officer → trainer" in text and "Command line" in text


@pytest.mark.parametrize("args,expected", [
    ({"action": "member.switch_off"}, ["Account switched off"]),
    ({"actor": "THANH.HA"}, ["Account switched off", "Sign-in code issued"]),
    ({"target": "phạm thị"}, ["Account switched off", "Sign-in code issued"]),
    ({"target": "mai"}, ["Platform role changed"]),
    ({"since": "2026-03-02"}, ["Platform role changed", "Account switched off"]),
    ({"until": "2026-03-02"}, ["Account switched off", "Sign-in code issued"]),
    ({"since": "2026-03-02", "until": "2026-03-02"}, ["Account switched off"]),
    ({"actor": "100%_"}, []),
])
def test_the_filters(client, trail, args, expected):
    page = client.get("/admin/audit/", query_string=args)
    assert page.status_code == 200
    assert listed_actions(page) == expected


@pytest.mark.parametrize("args", [{"until": "2026-03-01", "since": "2026-03-02"}, {"since": "yesterday"},
                                  {"action": "member.delete"}, {"actor": "x" * 141},
                                  {"since": "0001-01-01"}, {"until": "9999-12-31"}])
def test_bad_filters_are_a_400_with_a_message(client, trail, args):
    page = client.get("/admin/audit/", query_string=args)
    assert page.status_code == 400 and b'class="error"' in page.data


def test_the_page_is_paged(client, db, admin, lan):
    with db() as session:
        actor, target = session.get(Member, admin.id), session.get(Member, lan.id)
        for number in range(60):
            record(session, actor, Action.SIGN_IN_CODE, target, number=number)
        session.commit()
    first = client.get("/admin/audit/").get_data(as_text=True)
    assert "60 entries" in first and "number: 59" in first and "number: 9<" not in first
    second = client.get("/admin/audit/?page=2").get_data(as_text=True)
    assert "number: 9<" in second and "number: 59" not in second
    assert client.get(f"/admin/audit/?page={2**63}").status_code == 200


def test_the_csv_export_is_filtered_neutralised_and_recorded(client, db, admin, trail):
    response = client.get("/admin/audit/export.csv", query_string={"target": "hyperlink"})
    assert response.status_code == 200 and response.mimetype == "text/csv"
    lines = response.data.decode("utf-8-sig").splitlines()
    assert lines[0].startswith('"Exported by Nguyễn Thị Thanh Hà (thanh.ha) on ') and lines[1] == ""
    rows = list(csv.DictReader(io.StringIO("\n".join(lines[2:]))))
    assert len(rows) == 1
    assert rows[0]["Member concerned"].startswith("'=HYPERLINK")
    assert rows[0]["Action"] == "Platform role changed" and rows[0]["Done by"] == "Command line"
    [exported] = entries(db, "export.audit")
    assert exported.actor_id == admin.id and exported.people == 1
    assert json.loads(exported.detail) == {"filters": {"target": "hyperlink"}}


def test_a_members_page_shows_her_entries_to_admins_only(client, db, make_member, login, trail, lan, tree, app):
    page = client.get(f"/admin/members/{lan.id}").get_data(as_text=True)
    assert "Account switched off" in page and "Sign-in code issued" in page
    assert "Platform role changed" not in page  # about mai
    coordinator_client = app.test_client()
    make_member("phuong", role="coordinator", unit=tree["ba_tri"])
    login("phuong", client_=coordinator_client)
    seen = coordinator_client.get(f"/admin/members/{lan.id}")
    assert seen.status_code == 200 and b"Account switched off" not in seen.data


# Append-only --------------------------------------------------------------------------------


def test_the_application_cannot_change_or_delete_an_entry(db, trail):
    with db() as session:
        entry = session.scalars(select(AuditEntry)).first()
        entry.actor_label = "someone else"
        with pytest.raises(AuditTrailIsAppendOnly):
            session.flush()
        session.rollback()
        session.delete(session.scalars(select(AuditEntry)).first())
        with pytest.raises(AuditTrailIsAppendOnly):
            session.flush()
        session.rollback()
        with pytest.raises(AuditTrailIsAppendOnly):
            session.execute(update(AuditEntry).values(people=0))
        with pytest.raises(AuditTrailIsAppendOnly):
            session.execute(delete(AuditEntry))
        session.rollback()
    assert len(entries(db)) == 3
