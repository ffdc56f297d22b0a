"""Roster import through the admin pages: dry run, all-or-nothing import, re-import, codes."""
from __future__ import annotations

import io
import re

import pytest
from conftest import csrf_token_from
from sqlalchemy import func, select

from app.accounts.codes import check_code
from app.models import Member, SignInCode

from .conftest import GOOD_ROWS, HEADER, member_count, members_by_username, roster_csv, roster_xlsx


def upload(client, data: bytes, filename: str = "roster.csv"):
    page = client.get("/admin/roster/")
    return client.post("/admin/roster/", data={
        "csrf_token": csrf_token_from(page), "file": (io.BytesIO(data), filename),
    }, content_type="multipart/form-data")


def confirm(client, dry_run):
    token = re.search(rb'name="upload" type="hidden" value="([0-9a-f]{32})"', dry_run.data)
    assert token, "no import button on the dry run page"
    return client.post("/admin/roster/import", data={
        "csrf_token": csrf_token_from(dry_run), "upload": token.group(1).decode()})


def test_the_page_documents_every_column_and_offers_templates(client, admin):
    page = client.get("/admin/roster/")
    assert page.status_code == 200
    for column in HEADER + ["language"]:
        assert f"<code>{column}</code>".encode() in page.data
    assert b"/admin/roster/template.xlsx" in page.data and b"/admin/roster/template.csv" in page.data


def test_dry_run_lists_every_problem_by_row_and_column_and_saves_nothing(client, admin, db):
    before = member_count(db)
    rows = [
        ["lan.nguyen", "Nguyễn Thị Lan", "BT-NOWHERE", "chair", "", "", ""],       # row 2: unit
        ["mai.tran", "", "BT-BATRI-ANTHUY", "", "", "", ""],                       # row 3: name
        ["lan.nguyen", "Lan Again", "BT-BATRI-ANTHUY", "", "", "", ""],            # row 4: duplicate
        ["thu.le", "Lê Thị Thu", "BT-BATRI-ANTHUY", "", "12-34", "", ""],          # row 5: phone
        ["cuc.dang", "Đặng Thị Cúc", "BT-BATRI-ANTHUY", "", "", "", "boss"],       # row 6: role
        ["nga.bui", "Bùi Thị Nga", "BT-BATRI-ANTHUY", "queen", "", "", ""],        # row 7: committee
        ["Bad Name!", "Bad", "BT-BATRI-ANTHUY", "", "", "", ""],                   # row 8: username
        ["good.one", "Good One", "BT-BATRI-ANTHUY", "", "", "", ""],               # row 9: fine
    ]
    page = upload(client, roster_csv(rows))
    assert page.status_code == 200
    text = page.data.decode()
    problems = re.findall(r"<tr><td>(\d+)</td><td>([A-Z]+) · <code>(\w+)</code></td><td>(.*?)</td></tr>", text)
    found = {(int(row), column): message for row, _letter, column, message in problems}
    assert "Unknown unit code" in found[(2, "unit_code")]
    assert "name is missing" in found[(3, "full_name")]
    assert "also on row 2" in found[(4, "username")]
    assert "not a phone number" in found[(5, "phone")]
    assert "Unknown role" in found[(6, "platform_role")]
    assert "Unknown committee role" in found[(7, "committee_role")]
    assert "not a valid username" in found[(8, "username")]
    assert not any(row == 9 for row, _ in found)
    assert ("C", "unit_code") in {(letter, column) for _r, letter, column, _m in problems}
    assert "Nothing has been imported" in text
    assert 'name="upload"' not in text  # no way to import a file with problems
    assert member_count(db) == before


def test_import_writes_every_row_and_prints_a_code_for_each_new_member(client, admin, db):
    dry_run = upload(client, roster_csv(GOOD_ROWS))
    assert b"3</strong> new members" in dry_run.data
    assert member_count(db) == 1  # the dry run saved nothing
    sheet = confirm(client, dry_run)
    assert sheet.status_code == 200
    codes = dict(re.findall(rb"<strong>([a-z.]+)</strong></p>\s*<p>Sign-in code: <strong class=\"code\">([A-Z0-9-]+)<",
                            sheet.data))
    assert set(codes) == {b"lan.nguyen", b"mai.tran", b"thu.le"}
    # The printed sheet names the configured public address, never the request's Host.
    assert b"Open 127.0.0.1:5000, tap" in sheet.data and b"localhost" not in sheet.data
    members = members_by_username(db)
    assert members["mai.tran"].committee_role == "vice_chair"  # a Vietnamese title
    assert members["thu.le"].role == "coordinator" and members["thu.le"].phone == "0987654321"
    assert members["lan.nguyen"].external_id == "HV-001"
    with db() as session:
        row, problem = check_code(session, "lan.nguyen", codes[b"lan.nguyen"].decode())
        assert problem is None and row.member_id == members["lan.nguyen"].id
        assert row.issued_by_id == admin.id
    # The upload is gone: the same confirmation cannot import twice.
    again = confirm(client, dry_run)
    assert again.status_code == 302
    assert member_count(db) == 4


def test_importing_the_same_file_again_updates_instead_of_duplicating(client, admin, db):
    confirm(client, upload(client, roster_csv(GOOD_ROWS)))
    with db() as session:
        codes_before = session.scalar(select(func.count()).select_from(SignInCode))
    changed = [row[:] for row in GOOD_ROWS]
    changed[0][1] = "Nguyễn Thị Lan Anh"  # a new name
    changed[1][0] = "mai.tran2"  # a new username, same external id
    dry_run = upload(client, roster_csv(changed))
    assert b"0</strong> new members" in dry_run.data
    assert b"2</strong> members to update" in dry_run.data
    assert b"1</strong> already up to date" in dry_run.data
    done = confirm(client, dry_run)
    assert done.status_code == 200
    members = members_by_username(db)
    assert len(members) == 4
    assert members["lan.nguyen"].full_name == "Nguyễn Thị Lan Anh"
    assert "mai.tran2" in members and "mai.tran" not in members
    with db() as session:
        assert session.scalar(select(func.count()).select_from(SignInCode)) == codes_before
    unchanged = upload(client, roster_csv(changed))
    assert b"nothing to import" in unchanged.data and b'name="upload"' not in unchanged.data


def test_the_import_checks_again_and_writes_nothing_when_members_changed_meanwhile(
        client, admin, db, make_member, units):
    dry_run = upload(client, roster_csv(GOOD_ROWS))
    # Meanwhile someone creates accounts that make row 2 ambiguous.
    make_member("mai.tran", unit=units["BT-BATRI"])
    with db() as session:
        session.add(Member(username="other", full_name="Other", unit_id=units["BT"].id, external_id="HV-002"))
        session.commit()
    before = member_count(db)
    response = confirm(client, dry_run)
    assert response.status_code == 409
    assert b"belongs to another member" in response.data
    assert member_count(db) == before  # not even the two good rows


def test_a_failure_half_way_through_the_import_leaves_nothing_behind(client, admin, db, monkeypatch):
    from app.roster import applying

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    dry_run = upload(client, roster_csv(GOOD_ROWS))
    monkeypatch.setattr(applying, "_issue_codes", broken)  # after the members were inserted
    response = confirm(client, dry_run)
    assert response.status_code == 500
    assert member_count(db) == 1


def test_the_confirmation_carries_only_a_name_that_must_be_this_sessions_upload(client, admin, db):
    dry_run = upload(client, roster_csv(GOOD_ROWS))
    forged = client.post("/admin/roster/import", data={
        "csrf_token": csrf_token_from(dry_run), "upload": "0" * 32})
    assert forged.status_code == 302
    assert member_count(db) == 1
    smuggled = client.post("/admin/roster/import", data={
        "csrf_token": csrf_token_from(dry_run), "upload": "../../etc/passwd",
        "username": "evil", "full_name": "Evil", "unit_code": "BT"})
    assert smuggled.status_code == 302 and member_count(db) == 1


def test_a_second_upload_replaces_the_first(client, admin, db):
    first = upload(client, roster_csv(GOOD_ROWS[:1]))
    upload(client, roster_csv(GOOD_ROWS[1:]))
    assert confirm(client, first).status_code == 302  # the first is no longer this session's
    assert member_count(db) == 1


def test_xlsx_rosters_import_with_vietnamese_headers(client, admin, db):
    header = ["Tên đăng nhập", "Họ và tên", "Mã đơn vị", "Chức vụ", "Số điện thoại", "Ghi chú"]
    rows = [["hoa.vo", "Võ Thị Hoa", "BT-BATRI-TANXUAN", "Chủ tịch", 912345678, "ok"]]
    dry_run = upload(client, roster_xlsx(rows, header), "danh-sach.xlsx")
    assert b"1</strong> new members" in dry_run.data
    assert "Ghi chú".encode() in dry_run.data  # an ignored column is named
    confirm(client, dry_run)
    hoa = members_by_username(db)["hoa.vo"]
    assert (hoa.committee_role, hoa.phone, hoa.full_name) == ("chair", "0912345678", "Võ Thị Hoa")


@pytest.mark.parametrize("bom, delimiter", [(True, ","), (False, ","), (False, ";")])
def test_csv_in_utf8_with_or_without_bom_and_semicolons(client, admin, db, bom, delimiter):
    dry_run = upload(client, roster_csv(GOOD_ROWS, bom=bom, delimiter=delimiter))
    assert b"3</strong> new members" in dry_run.data
    confirm(client, dry_run)
    assert members_by_username(db)["lan.nguyen"].full_name == "Nguyễn Thị Lan"


@pytest.mark.parametrize("data, filename, message", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "photo.png", b"not a CSV or XLSX file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "old.xls", b"old Excel file"),
    ("username,full_name,unit_code\nlan,Lê Thúy Hà,BT\n".encode("latin-1"), "latin.csv", b"not in UTF-8"),
    (b"PK\x03\x04garbage", "broken.xlsx", b"damaged"),
    (b"surname,place\nLan,BT\n", "wrong.csv", b"missing: username, full_name, unit_code"),
    (b"", "empty.csv", b"The file is empty"),
])
def test_other_files_are_refused_with_a_clear_message(client, admin, db, data, filename, message):
    response = upload(client, data, filename)
    assert response.status_code == 400
    assert message in response.data
    assert member_count(db) == 1


def test_the_row_limit_is_enforced(app_config, client, admin):
    client.application.config["ROSTER_MAX_ROWS"] = 2
    response = upload(client, roster_csv(GOOD_ROWS))
    assert response.status_code == 400 and b"more than 2 rows" in response.data


def test_a_file_above_the_size_limit_is_413(client, admin):
    client.application.config["MAX_CONTENT_LENGTH"] = 10_000
    response = upload(client, roster_csv(GOOD_ROWS * 200))
    assert response.status_code == 413
    assert b"larger than 0 MB" not in response.data and b"The file is larger than" in response.data


def test_templates_hold_the_documented_columns(client, admin):
    from openpyxl import load_workbook

    csv_template = client.get("/admin/roster/template.csv")
    assert csv_template.data.decode("utf-8-sig").strip() == ",".join(HEADER[:6] + ["platform_role", "language"])
    book = load_workbook(io.BytesIO(client.get("/admin/roster/template.xlsx").data))
    assert [c.value for c in book.worksheets[0][1]] == HEADER[:6] + ["platform_role", "language"]
    assert ["BT-BATRI-ANTHUY", "Xã An Thủy"] in [[c.value for c in row] for row in book.worksheets[2].iter_rows()]
    # The template itself reads back as a roster with no rows.
    assert b"0</strong> new members" in upload(client, csv_template.data).data


def test_officers_and_trainers_cannot_import(app, units, make_member, login):
    """Coordinators import officers into their own units (tests/roster/test_roster_policy.py)."""
    make_member("lan", role="officer", unit=units["BT-BATRI"])
    make_member("thao", role="trainer", unit=units["BT-BATRI"])
    for username in ("lan", "thao"):
        client = app.test_client()
        login(username, client_=client)
        assert client.get("/admin/roster/").status_code == 403
        assert client.get("/admin/roster/template.csv").status_code == 403


def test_a_hostile_xlsx_upload_is_refused_quickly_and_saves_nothing(client, admin, db):
    import time

    from .test_roster_files import BILLION_LAUGHS, _rewrite

    hostile = _rewrite(roster_xlsx(GOOD_ROWS), {"xl/worksheets/sheet1.xml": BILLION_LAUGHS.encode()})
    started = time.perf_counter()
    response = upload(client, hostile, "roster.xlsx")
    assert time.perf_counter() - started < 2
    assert response.status_code == 400 and b"forbidden XML" in response.data
    bomb = _rewrite(roster_xlsx(GOOD_ROWS), {"xl/media/big.bin": b"\0" * (40 * 1024 * 1024)})
    response = upload(client, bomb, "roster.xlsx")
    assert response.status_code == 400 and b"unpacks to more than" in response.data
    assert member_count(db) == 1
