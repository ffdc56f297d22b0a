"""/me/data holds everything the database keeps about her and nothing about anyone else.

The test walks every table of the schema that references ``member.id``: each must have a
row builder here, so a table added later fails this test until her data page is shown to
include it.
"""
from __future__ import annotations

import csv
import io
import json
import uuid
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import insert, select

from app.models import AuditEntry, Base
from app.privacy.my_data import member_columns

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def _group(session, unit_id):
    table = Base.metadata.tables["facebook_group"]
    return session.execute(insert(table).values(
        name="Nhóm " + uuid.uuid4().hex[:6], address="https://facebook.com/groups/" + uuid.uuid4().hex,
        privacy="private", visibility="visible", unit_id=unit_id, active=True, created_at=NOW)).inserted_primary_key[0]


def _group_month(session, unit_id, owner):
    table = Base.metadata.tables["group_month"]
    return session.execute(insert(table).values(
        group_id=_group(session, unit_id), month=date(2026, 2, 1), status="entered", entered_by_id=owner,
        entered_at=NOW, confirmed_by_id=owner)).inserted_primary_key[0]


def _training_session(session, unit_id):
    table = Base.metadata.tables["training_session"]
    return session.execute(insert(table).values(
        course_slug="basics", starts_at=NOW, ends_at=NOW.replace(hour=11), place="Hall", allow_walk_ins=False,
        created_at=NOW)).inserted_primary_key[0]


#: table name -> a function (session, owner id, unit id) giving the values of one row that is hers.
ROWS = {
    "training_session": lambda s, m, u: dict(course_slug="basics", starts_at=NOW, ends_at=NOW.replace(hour=11),
                                             place="Hall", trainer_id=m, allow_walk_ins=False, created_by_id=m,
                                             created_at=NOW),
    "attendance": lambda s, m, u: dict(session_id=_training_session(s, u), member_id=m, method="code",
                                       walk_in=False, recorded_by_id=m, recorded_at=NOW),
    "sign_in_code": lambda s, m, u: dict(member_id=m, code_hash=uuid.uuid4().hex, created_at=NOW, expires_at=NOW),
    "assignment": lambda s, m, u: dict(course_slug="basics", unit_id=u, created_by_id=m, created_at=NOW),
    "certificate": lambda s, m, u: dict(code=uuid.uuid4().hex, member_id=m, course_slug="c" + uuid.uuid4().hex[:6],
                                        course_title="Basics", unit_id=u, issued_at=NOW),
    "quiz_attempt": lambda s, m, u: dict(member_id=m, quiz_id="basics", number=1, token=uuid.uuid4().hex,
                                         plan_json="{}", started_at=NOW, submitted_at=NOW, percent=50.0,
                                         passed=True, responses_json=json.dumps({"responses": {"q": m}})),
    "lesson_progress": lambda s, m, u: dict(member_id=m, course_slug="basics", lesson_slug="hello", started_at=NOW),
    "course_completion": lambda s, m, u: dict(member_id=m, course_slug="basics", completed_at=NOW),
    "audit_entry": lambda s, m, u: dict(at=NOW, actor_id=None, actor_label="", action="member.role",
                                        target_member_id=m, target_label=f"#{m}", people=1, detail="{}"),
    "consent": lambda s, m, u: dict(member_id=m, notice_version="2025-06-01", decision="given", at=NOW,
                                    method="paper", slip_reference=f"slip-{m}"),
    "privacy_request": lambda s, m, u: dict(member_id=m, kind="access", channel="paper", details=f"ask {m}",
                                            received_on=date(2026, 3, 2), received_at=NOW),
    "member_erasure": lambda s, m, u: dict(member_id=m, at=NOW, reason="operator"),
    "group_role": lambda s, m, u: dict(group_id=_group(s, u), member_id=m, role="admin"),
    "group_month": lambda s, m, u: dict(group_id=_group(s, u), month=date(2026, 1, 1), status="entered",
                                        entered_by_id=m, entered_at=NOW, confirmed_by_id=m),
    "group_month_history": lambda s, m, u: dict(numbers_id=_group_month(s, u, m), status="entered",
                                                entered_by_id=m, entered_at=NOW, replaced_by_id=m, replaced_at=NOW),
    "group_health_setting": lambda s, m, u: dict(name=f"threshold-{m}", value=1.0, changed_by_id=m, changed_at=NOW),
    "unit_change": lambda s, m, u: dict(unit_id=u, action="rename", detail="{}", effective_on=date(2026, 1, 1),
                                        recorded_at=NOW, actor_id=m, actor_label=f"#{m}"),
    "group_training_assignment": lambda s, m, u: dict(member_id=m, course_slug="basics", due_date=date(2026, 4, 1),
                                                      assigned_by_id=m, assigned_at=NOW),
    "follow_up_note": lambda s, m, u: dict(member_id=m, author_id=m, author_label=f"#{m}", written_at=NOW,
                                           text=f"called {m}"),
    "notice_dismissal": lambda s, m, u: dict(member_id=m, key=f"due-soon:basics:2026-04-0{m % 9 + 1}",
                                             dismissed_at=NOW),
}


def referencing_tables():
    return [table for table in Base.metadata.sorted_tables if table.name != "member" and member_columns(table)]


def test_every_table_that_references_members_has_a_row_builder():
    missing = [table.name for table in referencing_tables() if table.name not in ROWS]
    assert not missing, f"add the tables to ROWS and check /me/data shows them: {missing}"


@pytest.fixture
def two_members(make_member, login, client, post_form, db):
    lan = make_member("lan", full_name="Nguyễn Thị Lan")
    bob = make_member("bich", full_name="Trần Thị Bích")
    login("lan")
    post_form("/privacy/consent", "/privacy/consent", {"agree": "1"})
    with db() as session:
        session.execute(Base.metadata.tables["member"].update().where(
            Base.metadata.tables["member"].c.id == bob.id).values(phone="0912999888", external_id="R-BICH"))
        keys = {}
        for table in referencing_tables():
            key = table.primary_key.columns.values()[0]
            for owner in (lan, bob):
                values = ROWS[table.name](session, owner.id, owner.unit_id)
                result = session.execute(insert(table).values(**values))
                keys.setdefault(owner.username, {}).setdefault(table.name, []).append(
                    values.get(key.name, result.inserted_primary_key[0]))
        session.commit()
    return lan, bob, keys


def test_her_data_holds_her_rows_from_every_table_and_none_of_anyone_else(client, two_members):
    lan, bob, keys = two_members
    response = client.get("/me/data.json")
    assert response.status_code == 200
    data = response.get_json()
    assert data["profile"]["username"] == "lan"
    assert "password_hash" not in data["profile"]
    for table in referencing_tables():
        key = table.primary_key.columns.values()[0].name
        shown = {row[key] for row in data["tables"][table.name]}
        assert set(keys["lan"][table.name]) <= shown, table.name
        assert not set(keys["bich"][table.name]) & shown, table.name
    text = response.get_data(as_text=True)
    for trace in ("Trần Thị Bích", "bich", "0912999888", "R-BICH", f"slip-{bob.id}", f"ask {bob.id}"):
        assert trace not in text


def test_her_answers_are_in_her_data(client, two_members):
    lan, _, _ = two_members
    attempts = client.get("/me/data.json").get_json()["tables"]["quiz_attempt"]
    assert attempts[0]["responses_json"] == {"responses": {"q": lan.id}}
    assert "token" not in attempts[0]


def test_the_csv_download_says_who_and_when_and_holds_her_rows(client, two_members):
    lan, _, keys = two_members
    response = client.get("/me/data.csv")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][0].startswith("Exported by Nguyễn Thị Lan (lan) on ") and rows[1] == []
    assert rows[2] == ["section", "id", "field", "value"]
    sections = {row[0] for row in rows[3:]}
    assert {"member", "unit", "quiz_attempt", "certificate", "audit_entry"} <= sections
    assert "Trần Thị Bích" not in response.get_data(as_text=True)


def test_her_data_page_shows_her_records_at_a_glance(client, two_members):
    page = client.get("/me/data").get_data(as_text=True)
    assert "Nguyễn Thị Lan" in page and "Trần Thị Bích" not in page
    assert "Quiz attempts, with your answers" in page


def test_each_download_of_her_data_is_recorded(client, two_members, db):
    lan, _, _ = two_members
    client.get("/me/data.json")
    client.get("/me/data.csv")
    with db() as session:
        formats = session.scalars(select(AuditEntry.detail).where(AuditEntry.action == "export.own_data",
                                                                  AuditEntry.target_member_id == lan.id)).all()
    assert sorted(json.loads(detail)["format"] for detail in formats) == ["csv", "json"]


def test_she_asks_for_a_correction_from_her_data_page(client, make_member, login, post_form, db):
    from app.models import PrivacyRequest

    lan = make_member("lan")
    login("lan")
    response = post_form("/me/data", "/me/data/ask", {"kind": "correction", "details": "Số điện thoại đúng là 0912"})
    assert response.status_code == 302
    with db() as session:
        asked = session.scalars(select(PrivacyRequest)).one()
        assert (asked.member_id, asked.kind, asked.channel) == (lan.id, "correction", "online")
        assert asked.details == "Số điện thoại đúng là 0912"


def test_an_empty_request_is_refused_and_saves_nothing(client, make_member, login, post_form, db):
    from app.models import PrivacyRequest

    make_member("lan")
    login("lan")
    response = post_form("/me/data", "/me/data/ask", {"kind": "correction", "details": ""})
    assert response.status_code == 400
    assert "This field is required." in response.get_data(as_text=True)
    with db() as session:
        assert session.scalars(select(PrivacyRequest)).all() == []


def test_a_report_spreadsheet_names_who_exported_it_and_when(client, make_member, login):
    import io as _io

    from openpyxl import load_workbook

    from tests.privacy.conftest import agree_as

    make_member("ha", role="admin", full_name="Nguyễn Thị Hà")
    login("ha")
    agree_as(client)
    response = client.get("/reports/export/xlsx?by=member")
    assert response.status_code == 200
    about = {row[0]: row[1] for row in load_workbook(_io.BytesIO(response.data), read_only=True)
             .worksheets[1].iter_rows(values_only=True)}
    assert about["Exported by"] == "Nguyễn Thị Hà (ha)"
    assert about["Exported at (UTC)"][:2] == "20"
