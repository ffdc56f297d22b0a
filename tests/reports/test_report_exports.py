"""CSV and XLSX exports, formula neutralisation, and the page, files and CLI agreeing."""
from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from app.models import Member
from app.reports.exports import neutralise

from .conftest import EXPECTED
from .report_pages import MEASURES, as_number, csv_rows, page_number, page_rows, xlsx_rows


@pytest.fixture
def admin(people, login):
    login("ha")
    return people["ha"]


@pytest.mark.parametrize("dangerous", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx",
                                       "=HYPERLINK(\"http://evil\",\"x\")"])
def test_text_a_spreadsheet_would_run_is_neutralised(dangerous):
    assert neutralise(dangerous) == "'" + dangerous


@pytest.mark.parametrize("harmless", ["Nguyễn Thị Lan", "a=b", "", "'=already", 5, -3, 1.5, None])
def test_other_values_are_left_alone(harmless):
    assert neutralise(harmless) == harmless


def test_csv_has_a_bom_and_keeps_vietnamese(client, admin):
    response = client.get("/reports/export/csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.data.startswith(b"\xef\xbb\xbf")
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.data.decode("utf-8-sig")
    assert "Huyện Ba Tri" in text and "Tỉnh Bến Tre" in text


def test_a_formula_typed_into_a_name_stays_text_in_both_files(client, admin, db, people):
    from openpyxl import load_workbook

    with db() as session:
        session.get(Member, people["mai"].id).full_name = "=HYPERLINK(\"http://x.example\",\"Mai\")"
        session.get(Member, people["lan"].id).full_name = "@cmd|' /C calc'!A0"
        session.commit()
    csv_data = client.get("/reports/export/csv?unit=BT-BATRI-ANTHUY&by=member").data
    names = [row["Name"] for row in csv_rows(csv_data)]
    assert "'=HYPERLINK(\"http://x.example\",\"Mai\")" in names
    assert "'@cmd|' /C calc'!A0" in names
    xlsx = client.get("/reports/export/xlsx?unit=BT-BATRI-ANTHUY&by=member").data
    sheet = load_workbook(io.BytesIO(xlsx)).worksheets[0]
    cells = [cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    assert all(cell.data_type != "f" for cell in cells)
    assert "'=HYPERLINK(\"http://x.example\",\"Mai\")" in [cell.value for cell in cells]


def test_xlsx_has_the_report_and_its_filters(client, admin):
    from openpyxl import load_workbook

    response = client.get("/reports/export/xlsx?course=basics&role=chair")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.data))
    assert len(book.worksheets) == 2
    about = {row[0]: row[1] for row in book.worksheets[1].iter_rows(values_only=True)}
    assert about["Course"] == "Basics" and about["Committee role"] == "Chair"


def _measures(row: dict) -> list:
    return [as_number(row[name]) for name in MEASURES]


@pytest.mark.parametrize("level, unit, key", [
    ("district", "BT", "Unit code"), ("commune", "BT", "Unit code"),
    ("province", "BT", "Unit code"), ("member", "BT-BATRI-ANTHUY", "Username"),
])
def test_page_csv_xlsx_and_cli_agree_at_every_level(client, admin, runner, level, unit, key):
    args = f"?unit={unit}&by={level}"
    from_csv = {row[key]: _measures(row) for row in csv_rows(client.get("/reports/export/csv" + args).data)}
    from_xlsx = {(row[key] or ""): _measures(row) for row in xlsx_rows(client.get("/reports/export/xlsx" + args).data)}
    result = runner.invoke(args=["report", "completion", "--by", level, "--unit", unit, "--format", "csv"])
    assert result.exit_code == 0, result.output
    from_cli = {row[key]: _measures(row) for row in csv_rows(result.output.encode("utf-8"), stamped=False)}
    assert from_csv == from_xlsx == from_cli
    expected = EXPECTED[level]
    for code, numbers in expected.items():
        members, assigned, not_started, in_progress, completed, overdue, percent, score = numbers
        got = from_csv[code]
        assert got[:5] == [members, assigned, not_started, in_progress, completed]
        assert got[7] == overdue
        assert got[5] == (None if percent is None else pytest.approx(round(percent, 1)))
        assert got[6] == (None if score is None else pytest.approx(round(score, 1)))
    # The page shows the same numbers, row for row, in the same order.
    page = page_rows(client.get("/reports/" + args).data)
    offset = 3 if level == "member" else 1
    page_numbers = [[page_number(cell) for cell in row[offset:offset + 8]] for row in page]
    assert page_numbers == list(from_csv.values())
    assert page[-1][0].startswith("Total") and "" in from_csv  # the total row closes each table


def test_cli_table_and_xlsx_formats(runner, people, tmp_path):
    table = runner.invoke(args=["report", "completion"])
    assert table.exit_code == 0, table.output
    assert "Huyện Ba Tri" in table.output and "Total" in table.output
    target = tmp_path / "report.xlsx"
    result = runner.invoke(args=["report", "completion", "--format", "xlsx", "--output", str(target),
                                 "--course", "basics"])
    assert result.exit_code == 0, result.output
    rows = {row["Unit code"]: row for row in xlsx_rows(target.read_bytes())}
    assert rows["BT-BATRI"]["Assigned"] == 5


@pytest.mark.parametrize("args, message", [
    (["--course", "nope"], "Unknown course 'nope'"),
    (["--unit", "NOWHERE"], "Unknown unit code 'NOWHERE'"),
    (["--unit", "BT-BATRI", "--by", "province"], "above the unit"),
    (["--by", "galaxy"], "Invalid value"),
    (["--from", "2026-05-02", "--to", "2026-05-01"], "--to is before --from"),
])
def test_cli_refuses_bad_input_with_a_message(runner, people, args, message):
    result = runner.invoke(args=["report", "completion", *args])
    assert result.exit_code != 0
    assert message in result.output


def test_cli_unit_limits_the_report_to_that_unit(runner, people, db):
    result = runner.invoke(args=["report", "completion", "--unit", "BT-BATRI", "--by", "member",
                                 "--format", "csv"])
    usernames = {row["Username"] for row in csv_rows(result.output.encode("utf-8"), stamped=False)}
    with db() as session:
        outside = set(session.scalars(select(Member.username).where(Member.username.in_(["yen", "nga", "ha"]))))
    assert usernames & outside == set()
    assert usernames >= {"lan", "mai", "thu", "cuc", "phuong"}
