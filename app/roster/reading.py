"""Reading an uploaded roster (CSV or XLSX) into rows of text, refusing anything unsafe.

An XLSX file is a zip of XML. Before openpyxl opens it we check the zip's directory: how
many members, and how large they say they unpack to (Python's zipfile never inflates a
member past its declared size, so the declared sizes bound the work). openpyxl then parses
the XML through defusedxml, which refuses entity expansion ("billion laughs"); we check
that it really does, rather than trusting that the package happens to be installed.

A sheet may also declare itself huge (``A1:XFD1048576``) while holding one cell: openpyxl
pads every row to the declared width. So the header row is read first, at most
``MAX_HEADER_COLUMNS`` wide, and the rows below only as wide as the header; and every read
runs within a :class:`ReadingBudget` of cells and seconds, so no file can hold a worker.
"""
from __future__ import annotations

import csv
import io
import time
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

from app.lazy_text import lazy_gettext as _l

from .control_characters import refuse_control_characters

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # old .xls and other Office 97 files
MAX_ZIP_MEMBERS = 200
DEFAULT_MAX_UNZIPPED = 32 * 1024 * 1024
#: A roster has eight columns; a first row wider than this is not a roster's header.
MAX_HEADER_COLUMNS = 64
#: The header (the first row that is not empty) must come within this many rows.
MAX_HEADER_ROW = 1000
#: Cells looked at (empty ones too) and seconds spent before a read is given up:
#: a full 20,000-row roster is about 200,000 cells and takes a second or two.
DEFAULT_MAX_CELLS = 2_000_000
DEFAULT_MAX_SECONDS = 15.0


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


class ReadingBudget:
    """How many cells and seconds a read may take; past either, the read stops with the row."""

    def __init__(self, max_cells: int = DEFAULT_MAX_CELLS, max_seconds: float = DEFAULT_MAX_SECONDS):
        self.cells_left = max_cells
        self.deadline = time.monotonic() + max_seconds
        self.max_seconds = max_seconds

    def spend(self, cells: int, row: int) -> None:
        """Count ``cells`` more cells read at ``row``; raise RosterFileError when over budget."""
        self.cells_left -= cells
        if self.cells_left < 0:
            raise RosterFileError(_l("Reading stopped at row %(row)d: the file holds far more cells than a "
                                     "roster. Delete the columns and rows the import does not use, or "
                                     "copy the roster's columns into a new file.", row=row))
        if row % 256 == 0 and time.monotonic() > self.deadline:
            raise RosterFileError(_l("Reading stopped at row %(row)d: the file took longer than %(seconds)d "
                                     "seconds to read. Copy the roster's columns into a new file and "
                                     "upload that.", row=row, seconds=self.max_seconds))


def read_roster(data: bytes, *, max_rows: int, max_unzipped: int = DEFAULT_MAX_UNZIPPED,
                budget: ReadingBudget | None = None) -> RawRoster:
    """Parse ``data`` as XLSX or CSV (UTF-8, with or without BOM); anything else is refused."""
    if not data.strip():
        raise RosterFileError(_l("The file is empty."))
    budget = budget or ReadingBudget()
    if data.startswith(XLSX_MAGIC):
        return _read_xlsx(data, max_rows=max_rows, max_unzipped=max_unzipped, budget=budget)
    if data.startswith(OLE_MAGIC):
        raise RosterFileError(_l("This is an old Excel file (.xls). In Excel choose File › Save As › "
                                 "Excel Workbook (.xlsx) or CSV UTF-8, then upload that file."))
    return _read_csv(data, max_rows=max_rows, budget=budget)


def _read_csv(data: bytes, *, max_rows: int, budget: ReadingBudget) -> RawRoster:
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
        lines = _numbered(reader, max_rows, budget, text_only=True)
    except csv.Error as exc:
        raise RosterFileError(_l("The CSV file is damaged near line %(line)d: %(error)s",
                                 line=reader.line_num, error=str(exc))) from None
    return _roster("csv", lines)


def _read_xlsx(data: bytes, *, max_rows: int, max_unzipped: int, budget: ReadingBudget) -> RawRoster:
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
        lines = _sheet_lines(book.worksheets[0], max_rows, budget)
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


def _sheet_lines(sheet, max_rows: int, budget: ReadingBudget) -> list[tuple[int, tuple[object, ...]]]:
    """The header row, then the rows below it only as wide as the header names columns.

    openpyxl pads each row to the width the sheet declares (up to 16,384 columns), so
    ``max_col`` is always given; ``max_row`` stops the padding of missing rows where
    :func:`_numbered` would have stopped anyway (too many rows or too many empty ones).
    """
    top = sheet.iter_rows(max_row=MAX_HEADER_ROW, max_col=MAX_HEADER_COLUMNS + 1, values_only=True)
    found = _numbered((_cells(row) for row in top), max_rows, budget, stop_at_first=True)
    if not found:
        raise RosterFileError(_l("The first %(rows)d rows of the sheet are empty. Put the row of column "
                                 "names at the top of the first sheet.", rows=MAX_HEADER_ROW))
    header_row, header = found[0]
    if len(header) > MAX_HEADER_COLUMNS and header[MAX_HEADER_COLUMNS] not in (None, ""):
        raise RosterFileError(_l("Row %(row)d has more than %(max)d columns, so it cannot be the header of "
                                 "a roster. Delete the columns the import does not use.",
                                 row=header_row, max=MAX_HEADER_COLUMNS))
    width = max((i + 1 for i, cell in enumerate(header) if cell not in (None, "")), default=1)
    limit = _blank_limit(max_rows)
    below = sheet.iter_rows(min_row=header_row + 1, max_row=header_row + max_rows + limit + 1,
                            max_col=width, values_only=True)
    rows = _numbered((_cells(row) for row in below), max_rows, budget, first=header_row + 1)
    return [(header_row, header[:width]), *rows]


def _cells(row) -> list[object]:
    return [_cell_text(v) for v in row]


def _caused_by(exc: BaseException | None, kind: type) -> bool:
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
    except (zipfile.BadZipFile, ValueError, EOFError, NotImplementedError):
        # NotImplementedError: a zip feature Python cannot read (another zip version, ...).
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


def _blank_limit(max_rows: int) -> int:
    return 5 * max_rows + 1000  # a sheet of empty rows is not a roster either


def _numbered(rows, max_rows: int, budget: ReadingBudget, *, first: int = 1, text_only: bool = False,
              stop_at_first: bool = False) -> list[tuple[int, tuple[object, ...]]]:
    """Non-empty rows with their 1-based row numbers; stop as soon as there are too many.

    ``first``: the number of the first row given. Rows from row 1 include the header, so
    one more row than ``max_rows`` is allowed there. ``text_only``: every cell is a string
    (CSV), which allows a quicker test for empty rows. ``stop_at_first``: return the first
    non-empty row only (the header).
    """
    found: list[tuple[int, tuple[object, ...]]] = []
    blank_limit = _blank_limit(max_rows)
    allowed = max_rows + 1 if first == 1 else max_rows
    for number, row in enumerate(rows, start=first):
        budget.spend(len(row), number)
        if number - first + 1 - len(found) > blank_limit:
            raise RosterFileError(_l("The file has too many empty rows. Delete them and try again."))
        # Tuples, not lists: a roster's worth of them is kept, and the cycle collector soon
        # stops tracking tuples of plain values (lists it would scan again and again).
        if text_only:
            cells = tuple([cell.strip() for cell in row])
            filled = any(cells)
        else:
            cells = tuple([cell.strip() if cell.__class__ is str else cell for cell in row])
            filled = any(cell is not None and cell != "" for cell in cells)
        if filled:
            found.append((number, cells))
            if stop_at_first:
                return found
            if len(found) > allowed:
                raise RosterFileError(_l("The file has more than %(max)d rows. Split it into smaller files.",
                                         max=max_rows))
    return found


def _roster(kind: str, lines: list[tuple[int, tuple[object, ...]]]) -> RawRoster:
    if not lines:
        raise RosterFileError(_l("The file is empty."))
    refuse_control_characters(lines)
    (_, header), data = lines[0], lines[1:]
    headers = tuple(str(cell or "").strip() for cell in header)
    while headers and not headers[-1]:
        headers = headers[:-1]
    return RawRoster(kind, headers, tuple(data))
