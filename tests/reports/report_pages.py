"""Reading report tables back out of pages, CSV and XLSX files, for comparing them."""
from __future__ import annotations

import csv
import io
from html.parser import HTMLParser

#: Columns after the name (and, for members, unit and role): members ... overdue.
MEASURES = ["Members", "Assigned", "Not started", "In progress", "Completed", "Percent complete",
            "Average best quiz score", "Overdue"]


class _Tables(HTMLParser):
    """Rows of cell texts of every <table class="report">, body and footer."""

    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self._in_report = False
        self._section = None
        self._cell: list[str] | None = None
        self._row: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "report" in (attrs.get("class") or ""):
            self._in_report = True
        elif self._in_report and tag in ("tbody", "tfoot", "thead"):
            self._section = tag
        elif self._in_report and tag == "tr" and self._section in ("tbody", "tfoot"):
            self._row = []
        elif self._row is not None and tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "table":
            self._in_report = False
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def page_rows(html: bytes) -> list[list[str]]:
    parser = _Tables()
    parser.feed(html.decode("utf-8"))
    return parser.rows


def page_number(text: str) -> float | None:
    """'1,234' -> 1234; '14.3%' -> 14.3; '–' -> None."""
    cleaned = text.replace(",", "").replace("%", "").strip()
    return None if cleaned in ("–", "") else float(cleaned)


def csv_rows(data: bytes, *, stamped: bool = True) -> list[dict[str, str]]:
    """The rows of a CSV download; a site download (``stamped``) opens with who exported it
    and when, then an empty line, before the header row (the command line prints the table only)."""
    assert data.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 byte order mark"
    lines = io.StringIO(data.decode("utf-8-sig"))
    if stamped:
        first, blank = next(csv.reader(lines)), next(csv.reader(lines))
        assert len(first) == 1 and first[0].startswith("Exported by ") and blank == [], (first, blank)
    return list(csv.DictReader(lines))


def xlsx_rows(data: bytes) -> list[dict[str, object]]:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=False)) for row in values[1:]]


def as_number(value) -> float | None:
    if value in (None, ""):
        return None
    return float(value)
