"""Importing monthly numbers: a file with bad rows is refused with every problem by row and
column, nothing is written, and the same file imports once fixed (CSV with BOM and
semicolons, XLSX, Vietnamese headers), on the web and at the command line."""
from __future__ import annotations

import io
from datetime import date

import pytest
from conftest import csrf_token_from
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from app.models import AuditEntry, MonthlyNumbers, MonthlyNumbersHistory

BA_TRI = "facebook.com/groups/PhuNuBaTri"
HEADERS_VI = ["Địa chỉ nhóm", "Tháng", "Thành viên cuối tháng", "Bài viết", "Bình luận", "Cảm xúc",
              "Bài của thành viên"]
BAD_ROWS = [
    [BA_TRI, "2025-10", "700", "90", "", "140", "20"],
    [BA_TRI, "13/2025", "720", "95", "100", "150", "30"],       # row 3: no such month
    [BA_TRI, "2025-12", "-4", "ba mươi", "", "", ""],            # row 4: negative, not a number
    ["https://example.com/groups/x", "2025-11", "1", "", "", "", ""],  # row 5: not a group of hers
    [BA_TRI, "2025-11", "760", "10", "", "", "12"],               # row 6: member posts over posts
]


def _fixed(rows):
    rows = [list(r) for r in rows]
    rows[1][1] = "11/2025"
    rows[2][2:4] = ["760", "100"]
    rows[2][1] = "2025-12"
    del rows[3]
    rows[3][1], rows[3][6] = "2025-09", "8"
    return rows


def csv_bytes(rows, delimiter=";") -> bytes:
    lines = [delimiter.join(HEADERS_VI)] + [delimiter.join(r) for r in rows]
    return "\ufeff".encode() + ("\r\n".join(lines) + "\r\n").encode("utf-8")


def xlsx_bytes(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS_VI)
    for row in rows:
        sheet.append([int(c) if c.lstrip("-").isdigit() and i >= 2 else c for i, c in enumerate(row)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _count(db, model=MonthlyNumbers) -> int:
    with db() as session:
        return session.scalar(select(func.count()).select_from(model))


def _upload(client, data: bytes, name: str):
    token = csrf_token_from(client.get("/groups/import"))
    return client.post("/groups/import", data={"csrf_token": token, "file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_bad_rows_are_all_listed_then_the_fixed_file_imports(client, login, union, db, kind):
    login("coord")
    make, name = (csv_bytes, "so-lieu.csv") if kind == "csv" else (xlsx_bytes, "so-lieu.xlsx")
    refused = _upload(client, make(BAD_ROWS), name)
    assert refused.status_code == 400
    page = refused.get_data(as_text=True)
    for row, column in [(3, "Tháng (B)"), (4, "Thành viên cuối tháng (C)"), (4, "Bài viết (D)"),
                        (5, "Địa chỉ nhóm (A)"), (6, "Bài của thành viên (G)")]:
        assert f"<td>{row}</td><td>{column}</td>" in page, (row, column)
    assert "Import all rows" not in page
    assert _count(db) == 0

    checked = _upload(client, make(_fixed(BAD_ROWS)), name)
    assert checked.status_code == 200, checked.get_data(as_text=True)
    assert _count(db) == 0  # the check writes nothing
    token = csrf_token_from(checked)
    upload = checked.get_data(as_text=True).split('name="upload" type="hidden" value="')[1].split('"')[0]
    done = client.post("/groups/import/confirm", data={"csrf_token": token, "upload": upload, "filename": name})
    assert done.status_code == 302
    with db() as session:
        months = {m.month: m for m in session.scalars(select(MonthlyNumbers))}
        assert sorted(months) == [date(2025, 9, 1), date(2025, 10, 1), date(2025, 11, 1), date(2025, 12, 1)]
        assert months[date(2025, 10, 1)].comments is None  # a blank cell stays blank
        assert months[date(2025, 12, 1)].members == 760
        assert {m.status for m in months.values()} == {"confirmed"}
        assert session.scalars(select(AuditEntry).where(AuditEntry.action == "group.numbers_import")).one()


def test_the_command_refuses_then_imports_and_corrects_with_history(runner, union, db, add_month, tmp_path):
    add_month(union.ba_tri_group, date(2025, 10, 1), members=650, posts=80)
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes(BAD_ROWS, delimiter="\t"))
    result = runner.invoke(args=["groups", "import-numbers", str(bad)])
    assert result.exit_code != 0
    assert "row 3, column Tháng (B)" in result.output
    assert "row 6, column Bài của thành viên (G)" in result.output
    assert "nothing was imported" in result.output
    good = tmp_path / "good.csv"
    good.write_bytes(csv_bytes(_fixed(BAD_ROWS), delimiter=","))
    dry = runner.invoke(args=["groups", "import-numbers", str(good), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "1 of them correcting" in dry.output and _count(db) == 1
    done = runner.invoke(args=["groups", "import-numbers", str(good)])
    assert done.exit_code == 0, done.output
    assert _count(db) == 4
    with db() as session:
        earlier = session.scalars(select(MonthlyNumbersHistory)).one()
        assert (earlier.members, earlier.posts) == (650, 80)


def test_a_jump_in_a_file_needs_the_flag(runner, union, add_month, tmp_path, db):
    add_month(union.ba_tri_group, date(2025, 10, 1), members=100)
    path = tmp_path / "jump.csv"
    path.write_text("group,month,members\nhttps://www.facebook.com/groups/phunubatri,2025-11,900\n",
                    encoding="utf-8")
    refused = runner.invoke(args=["groups", "import-numbers", str(path)])
    assert refused.exit_code != 0 and "--accept-jumps" in refused.output
    assert runner.invoke(args=["groups", "import-numbers", str(path), "--accept-jumps"]).exit_code == 0
    assert _count(db) == 2


def test_unknown_and_missing_columns_are_named(runner, union, tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("nhóm,posts,likes\nx,1,2\n", encoding="utf-8")
    result = runner.invoke(args=["groups", "import-numbers", str(path)])
    assert "column likes (C)" in result.output
    assert "column Month" in result.output


@pytest.mark.parametrize("language, first", [("vi", "Địa chỉ nhóm"), ("en", "group address")])
def test_templates_download_with_her_groups(client, login, union, language, first):
    login("coord")
    csv = client.get(f"/groups/import/template.{language}.csv").get_data(as_text=True)
    assert csv.lstrip("\ufeff").startswith(first)
    assert "phunubatri" in csv and "phunumocaybac" not in csv
    book = load_workbook(io.BytesIO(client.get(f"/groups/import/template.{language}.xlsx").data))
    assert book.active["A1"].value == first
