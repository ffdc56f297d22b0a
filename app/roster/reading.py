"""Reading an uploaded roster (CSV or XLSX) into rows of text, refusing anything unsafe.

An XLSX file is a zip of XML. Before openpyxl opens it we check the zip's directory: how
many members, and how large they say they unpack to (Python's zipfile never inflates a
member past its declared size, so the declared sizes bound the work). openpyxl then parses
the XML through defusedxml, which refuses entity expansion ("billion laughs"); we check
that it really does, rather than trusting that the package happens to be installed.
"""
from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import lazy_gettext as _l

from .bulk import bulk

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # old .xls and other Office 97 files
MAX_ZIP_MEMBERS = 200
DEFAULT_MAX_UNZIPPED = 32 * 1024 * 1024


class RosterFileError(Exception):
    """The file as a whole cannot be read; the message says what to do about it."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class RawRoster:
    """The header row and the non-empty data rows, numbered as a spreadsheet numbers them."""

    kind: str  # "csv" or "xlsx"
    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[object, ...]], ...]


@bulk
def read_roster(data: bytes, *, max_rows: int, max_unzipped: int = DEFAULT_MAX_UNZIPPED) -> RawRoster:
    """Parse ``data`` as XLSX or CSV (UTF-8, with or without BOM); anything else is refused."""
    if not data.strip():
        raise RosterFileError(_l("The file is empty."))
    if data.startswith(XLSX_MAGIC):
        return _read_xlsx(data, max_rows=max_rows, max_unzipped=max_unzipped)
    if data.startswith(OLE_MAGIC):
        raise RosterFileError(_l("This is an old Excel file (.xls). In Excel choose File › Save As › "
                                 "Excel Workbook (.xlsx) or CSV UTF-8, then upload that file."))
    return _read_csv(data, max_rows=max_rows)


def _read_csv(data: bytes, *, max_rows: int) -> RawRoster:
    if b"\x00" in data[:4096]:
        raise RosterFileError(_l("This is not a CSV or XLSX file. Upload the roster as .xlsx or as CSV UTF-8."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RosterFileError(_l("The CSV file is not in UTF-8, so Vietnamese letters would be lost. "
                                 "In Excel choose Save As › CSV UTF-8 (comma delimited).")) from None
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        lines = _numbered(reader, max_rows, text_only=True)
    except csv.Error as exc:
        raise RosterFileError(_l("The CSV file is damaged near line %(line)d: %(error)s",
                                 line=reader.line_num, error=str(exc))) from None
    return _roster("csv", lines)


def _read_xlsx(data: bytes, *, max_rows: int, max_unzipped: int) -> RawRoster:
    _check_zip(data, max_unzipped)
    import openpyxl
    from defusedxml import DefusedXmlException

    if not openpyxl.DEFUSEDXML:  # e.g. OPENPYXL_DEFUSEDXML=False in the environment
        raise RosterFileError(_l("XLSX files cannot be read safely on this server; upload CSV UTF-8."))
    book = None
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        if not book.worksheets:
            raise RosterFileError(_l("The XLSX file has no sheet."))
        rows = book.worksheets[0].iter_rows(values_only=True)
        lines = _numbered(([_cell_text(v) for v in row] for row in rows), max_rows)
    except RosterFileError:
        raise
    except Exception as exc:  # openpyxl raises many kinds of errors on damaged files
        if _caused_by(exc, DefusedXmlException):
            raise RosterFileError(_l("The XLSX file contains forbidden XML (entity definitions) "
                                     "and was refused.")) from None
        raise RosterFileError(_l("The XLSX file could not be read. Open it in Excel, save it again and "
                                 "upload it, or upload it as CSV UTF-8.")) from None
    finally:
        if book is not None:
            book.close()
    return _roster("xlsx", lines)


def _caused_by(exc: BaseException, kind: type) -> bool:
    """Whether ``kind`` is anywhere in the chain (openpyxl wraps parser errors in ValueError)."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, kind):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def _check_zip(data: bytes, max_unzipped: int) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise RosterFileError(_l("The XLSX file is damaged (it is not a valid zip archive).")) from None
    if len(members) > MAX_ZIP_MEMBERS:
        raise RosterFileError(_l("The XLSX file holds too many parts to be a roster."))
    if sum(member.file_size for member in members) > max_unzipped:
        raise RosterFileError(_l("The XLSX file unpacks to more than %(mb)d MB and was refused. "
                                 "Split the roster into smaller files.", mb=max_unzipped // (1024 * 1024)))


def _cell_text(value: object) -> object:
    """Numbers stay numbers (the phone column needs to know); everything else becomes text."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _numbered(rows, max_rows: int, *, text_only: bool = False) -> list[tuple[int, list[object]]]:
    """Non-empty rows with their 1-based row numbers; stop as soon as there are too many.

    ``text_only``: every cell is a string (CSV), which allows a quicker test for empty rows.
    """
    found = []
    blank_limit = 5 * max_rows + 1000  # a sheet of empty rows is not a roster either
    for number, row in enumerate(rows, start=1):
        if number - len(found) > blank_limit:
            raise RosterFileError(_l("The file has too many empty rows. Delete them and try again."))
        if text_only:
            cells = [cell.strip() for cell in row]
            filled = any(cells)
        else:
            cells = [cell.strip() if cell.__class__ is str else cell for cell in row]
            filled = any(cell is not None and cell != "" for cell in cells)
        if filled:
            found.append((number, cells))
            if len(found) > max_rows + 1:  # the header row is not a member
                raise RosterFileError(_l("The file has more than %(max)d rows. Split it into smaller files.",
                                         max=max_rows))
    return found


def _roster(kind: str, lines: list[tuple[int, list[object]]]) -> RawRoster:
    if not lines:
        raise RosterFileError(_l("The file is empty."))
    (_, header), data = lines[0], lines[1:]
    headers = tuple(str(cell or "").strip() for cell in header)
    while headers and not headers[-1]:
        headers = headers[:-1]
    return RawRoster(kind, headers, tuple((number, tuple(cells)) for number, cells in data))
