"""A spreadsheet that declares itself huge, or is simply too slow, stops with a clear message.

openpyxl pads every row to the width a sheet declares, so a 1.7 KB file declaring
A1:XFD1048576 once kept a worker busy for minutes. The reader now reads the header row,
then only the columns the header names, within a budget of cells and seconds.
"""
from __future__ import annotations

import io
import time
import zipfile

import pytest

from app.roster.reading import MAX_HEADER_COLUMNS, ReadingBudget, RosterFileError, read_roster

from .conftest import GOOD_ROWS, HEADER, member_count, roster_csv, roster_xlsx
from .test_roster_import import upload

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
    "_rels/.rels": (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_RELS}">'
        f'<Relationship Id="rId1" Type="{_DOC}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"),
    "xl/workbook.xml": (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" xmlns:r="{_DOC}">'
        '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    "xl/_rels/workbook.xml.rels": (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_RELS}">'
        f'<Relationship Id="rId1" Type="{_DOC}/worksheet" Target="worksheets/sheet1.xml"/>'
        "</Relationships>"),
}


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def declared_huge_xlsx(header: list[str] | None = None) -> bytes:
    """A sheet declaring A1:XFD1048576 whose only cell (besides an optional header row)
    is the very last one, XFD1048576; written by hand, as no spreadsheet program would."""
    rows = ""
    if header:
        letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        rows += '<row r="1">' + "".join(_inline(f"{letters[i]}1", name) for i, name in enumerate(header)) + "</row>"
    rows += '<row r="1048576">' + _inline("XFD1048576", "x") + "</row>"
    sheet = (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}">'
             f'<dimension ref="A1:XFD1048576"/><sheetData>{rows}</sheetData></worksheet>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in {**_PARTS, "xl/worksheets/sheet1.xml": sheet}.items():
            archive.writestr(name, xml)
    return out.getvalue()


def _timed_refusal(data: bytes, **kwargs) -> tuple[str, float]:
    started = time.perf_counter()
    with pytest.raises(RosterFileError) as refused:
        read_roster(data, max_rows=20_000, **kwargs)
    return str(refused.value.message), time.perf_counter() - started


def test_a_tiny_xlsx_declaring_the_whole_sheet_is_refused_in_well_under_a_second():
    hostile = declared_huge_xlsx()
    assert len(hostile) < 2048
    import openpyxl  # noqa: F401 - imported before the clock starts: the first import is slow

    message, seconds = _timed_refusal(hostile)
    assert seconds < 0.5
    assert "first 1000 rows of the sheet are empty" in message


def test_a_real_header_above_one_far_away_cell_is_refused_in_well_under_a_second():
    message, seconds = _timed_refusal(declared_huge_xlsx(HEADER[:3]))
    assert seconds < 1
    assert "too many empty rows" in message


def test_the_hostile_upload_answers_the_admin_with_the_reason(client, admin, db):
    started = time.perf_counter()
    response = upload(client, declared_huge_xlsx(HEADER[:3]), "roster.xlsx")
    assert time.perf_counter() - started < 2
    assert response.status_code == 400 and b"too many empty rows" in response.data
    assert member_count(db) == 1


def test_only_the_columns_the_header_names_are_read():
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER[:3])
    sheet.append(GOOD_ROWS[0][:3])
    sheet.cell(row=3, column=200, value="far to the right")  # under no header: not read
    sheet.append(GOOD_ROWS[1][:3])
    buffer = io.BytesIO()
    book.save(buffer)
    roster = read_roster(buffer.getvalue(), max_rows=10)
    assert roster.headers == tuple(HEADER[:3])
    assert [number for number, _ in roster.rows] == [2, 4]
    assert all(len(cells) == 3 for _, cells in roster.rows)


def test_a_header_row_wider_than_a_roster_can_be_is_refused_with_its_row():
    header = [f"note {i}" for i in range(MAX_HEADER_COLUMNS + 1)]
    with pytest.raises(RosterFileError, match=f"Row 1 has more than {MAX_HEADER_COLUMNS} columns"):
        read_roster(roster_xlsx([], header=header), max_rows=10)


def test_reading_stops_at_the_cell_budget_and_names_the_row():
    data = roster_csv([["user", "Name", "BT"]] * 50, header=HEADER[:3])
    with pytest.raises(RosterFileError, match="Reading stopped at row 34: the file holds far more cells"):
        read_roster(data, max_rows=100, budget=ReadingBudget(max_cells=100))


@pytest.mark.parametrize("make", [roster_csv, roster_xlsx])
def test_reading_stops_at_the_time_budget_and_names_the_row(make):
    data = make([[f"user{i}", "Name", "BT"] for i in range(600)], header=HEADER[:3])
    with pytest.raises(RosterFileError, match="Reading stopped at row 256: the file took longer than 0 seconds"):
        read_roster(data, max_rows=1000, budget=ReadingBudget(max_seconds=0))


def test_a_full_roster_is_read_well_within_the_default_budget():
    rows = [[f"user{i}", f"Nguyễn Thị {i}", "BT-BATRI-ANTHUY", "chair", "0912345678", f"HV-{i}", "officer"]
            for i in range(2_000)]
    roster = read_roster(roster_xlsx(rows), max_rows=2_000)
    assert len(roster.rows) == 2_000 and roster.rows[-1][0] == 2_001
