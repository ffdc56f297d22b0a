"""Reading roster files: hostile XLSX refused quickly, and what a spreadsheet does to cells."""
from __future__ import annotations

import io
import time
import zipfile

import openpyxl
import pytest

from app.roster.columns import column_for_header, committee_role, phone_digits
from app.roster.reading import RosterFileError, read_roster

from .conftest import GOOD_ROWS, roster_csv, roster_xlsx

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
              for i in range(1, 10))
    + ']>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
      '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
)


def _rewrite(xlsx: bytes, replace: dict[str, bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, replace.pop(item.filename, source.read(item.filename)))
        for name, data in replace.items():
            target.writestr(name, data)
    return out.getvalue()


def test_openpyxl_parses_through_defusedxml():
    assert openpyxl.DEFUSEDXML is True


def test_an_xml_entity_bomb_is_refused_quickly():
    hostile = _rewrite(roster_xlsx([["lan", "Lan", "BT"]]),
                       {"xl/worksheets/sheet1.xml": BILLION_LAUGHS.encode()})
    started = time.perf_counter()
    with pytest.raises(RosterFileError, match="forbidden XML"):
        read_roster(hostile, max_rows=100)
    assert time.perf_counter() - started < 2


def test_a_zip_bomb_is_refused_before_anything_is_unpacked():
    bomb = _rewrite(roster_xlsx([]), {"xl/media/padding.bin": b"\0" * (40 * 1024 * 1024)})
    assert len(bomb) < 200_000  # forty megabytes of zeros pack very small
    started = time.perf_counter()
    with pytest.raises(RosterFileError, match="unpacks to more than"):
        read_roster(bomb, max_rows=100, max_unzipped=32 * 1024 * 1024)
    assert time.perf_counter() - started < 1


def test_a_zip_with_a_lying_size_cannot_unpack_more_than_it_declares():
    """Python's zipfile stops at the declared size, so checking declared sizes is enough."""
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big.bin", b"\0" * 1_000_000)
    raw = bytearray(data.getvalue())
    central = raw.rfind(b"PK\x01\x02")
    raw[central + 24:central + 28] = (1000).to_bytes(4, "little")  # claim 1 kB uncompressed
    archive = zipfile.ZipFile(io.BytesIO(bytes(raw)))
    with pytest.raises(zipfile.BadZipFile):
        archive.read("big.bin")  # it does not hand out a megabyte


def test_an_xlsx_with_too_many_rows_stops_early():
    rows = [[f"user{i}", f"Name {i}", "BT"] for i in range(50)]
    with pytest.raises(RosterFileError, match="more than 10 rows"):
        read_roster(roster_xlsx(rows), max_rows=10)


def test_xlsx_cells_keep_numbers_for_the_phone_column_and_skip_empty_rows():
    roster = read_roster(roster_xlsx([GOOD_ROWS[0], [], ["x", "y", "BT", "", 912345678]]), max_rows=10)
    assert roster.kind == "xlsx"
    assert [number for number, _ in roster.rows] == [2, 4]
    assert roster.rows[1][1][4] == 912345678


@pytest.mark.parametrize("header, key", [
    ("username", "username"), ("Họ và tên", "full_name"), ("MÃ ĐƠN VỊ", "unit_code"),
    ("Chức vụ", "committee_role"), ("Số điện thoại", "phone"), ("Mã hội viên", "external_id"),
    ("platform-role", "platform_role"), ("Ghi chú", None),
])
def test_headers_in_english_or_vietnamese(header, key):
    assert column_for_header(header) == key


@pytest.mark.parametrize("value, role", [
    ("chair", "chair"), ("Chủ tịch", "chair"), ("Phó Chủ tịch", "vice_chair"), ("vice_chair", "vice_chair"),
    ("Ủy viên Ban Thường vụ", "standing_member"), ("Ủy viên Ban Chấp hành", "committee_member"),
    ("none", "none"), ("queen", None),
])
def test_committee_titles(value, role):
    assert committee_role(value) == role


def test_phone_numbers_that_lost_their_leading_zero_get_it_back():
    assert phone_digits(912345678) == "0912345678"
    assert phone_digits(912345678.0) == "0912345678"
    assert phone_digits(84912345678) == "84912345678"
    assert phone_digits("0912 345 678") == "0912 345 678"


def test_bulk_codes_use_the_sign_in_alphabet_and_hash_like_printed_codes():
    from app.accounts import codes
    from app.accounts.codes import code_digest, new_codes

    drawn = new_codes(2000)
    assert len(set(drawn)) == 2000
    assert all(len(code) == codes.CODE_LENGTH and set(code) <= set(codes.ALPHABET) for code in drawn)
    assert set("".join(drawn)) == set(codes.ALPHABET)  # every symbol turns up
    for code in drawn[:50]:
        assert code_digest(code) == code_digest(codes.format_code(code).lower())


def test_a_roster_import_leaves_the_cycle_collector_alone(db, units, monkeypatch):
    """Reading, checking and writing a roster change nothing process-wide: other requests of
    the same worker go on with the collector as they found it."""
    import gc

    from app.roster.applying import apply_roster
    from app.roster.checking import check_roster

    def refuse():
        raise AssertionError("the roster import switched the cycle collector off")

    monkeypatch.setattr(gc, "disable", refuse)
    seen = []
    with db() as session:
        roster = read_roster(roster_csv([row[:6] + [""] for row in GOOD_ROWS]), max_rows=10)
        plan = check_roster(session, roster, progress=lambda _n: seen.append(gc.isenabled()))
        assert plan.ok, plan.problems
        apply_roster(session, plan, code_hours=72, progress=lambda _n: seen.append(gc.isenabled()))
        session.rollback()
    assert seen and all(seen)
