"""A report as a table (headers and cells), written as CSV, XLSX or plain text.

One table feeds the page's downloads and ``flask report completion``, so the numbers agree
everywhere. Every text cell passes :func:`neutralise` first: a name such as ``=HYPERLINK(...)``
typed into a roster must stay text when a coordinator opens the file in a spreadsheet.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from flask_babel import gettext as _

from ..privacy.placeholders import shown
from .completion import CompletionReport, CompletionRow

Cell = str | int | float | datetime | None
#: What a spreadsheet may take as the start of a formula (or of a DDE payload).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Cell) -> Cell:
    """Prefix text that a spreadsheet would run with an apostrophe, so it shows as typed."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[Cell]]
    #: Label/value lines describing the filters, for the XLSX "About" sheet.
    about: list[tuple[str, str]]


def status_label(status: str | None) -> str:
    return {
        "not_started": _("Not started"), "in_progress": _("In progress"),
        "completed": _("Completed"), "overdue": _("Overdue"), None: "",
    }[status]


def report_table(report: CompletionReport, *, zone: str, about: list[tuple[str, str]],
                 committee_label: Callable[[str], str], course_title: Callable[[str], str],
                 with_status: bool = False) -> Table:
    """Headers and cells for ``report``; the last line is the total of the whole unit."""
    level = report.query.group_by
    if level == "member":
        heads = [_("Name"), _("Username"), _("Unit"), _("Committee role")]
    elif level == "course":
        heads = [_("Course"), _("Course code")]
    else:
        heads = [_("Unit"), _("Unit code")]
    heads += [_("Members"), _("Assigned"), _("Not started"), _("In progress"), _("Completed"),
              _("Percent complete"), _("Average best quiz score"), _("Overdue"), _("Last activity")]
    if with_status:
        heads.append(_("Status"))
    local = ZoneInfo(zone)

    def labels(row: CompletionRow) -> list[Cell]:
        if level == "member":
            return [row.name, row.code, row.unit_name, committee_label(row.kind or "")]
        if level == "course":
            return [course_title(str(row.key)), row.key]
        return [row.name, row.code]

    def measures(row: CompletionRow) -> list[Cell]:
        cells: list[Cell] = [
            row.members, row.assigned, row.not_started, row.in_progress, row.completed,
            _rounded(row.percent), _rounded(row.average_score), row.overdue,
            row.last_activity.astimezone(local).replace(tzinfo=None, second=0, microsecond=0)
            if row.last_activity else None,
        ]
        if with_status:
            cells.append(status_label(row.status))
        return cells

    rows = [labels(row) + measures(row) for row in report.rows]
    name = report.total.name
    total_labels: list[Cell] = [_("Total: %(unit)s", unit=name) if name else _("Total")]
    total_labels += [""] * (len(labels(report.total)) - 1)
    total = measures(report.total)
    if with_status:
        total[-1] = ""
    rows.append(total_labels + total)
    return Table(heads, rows, about)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def csv_bytes(table: Table) -> bytes:
    """UTF-8 with a byte order mark, so Excel shows Vietnamese names correctly; an erased
    member's placeholder in the reader's language."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in table.headers])
    for row in table.rows:
        writer.writerow([neutralise(shown(_text(cell))) for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(table: Table, *, title: str) -> bytes:
    """A workbook with the report on the first sheet and the filters on a second one."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=_sheet_title(title))
    for index, header in enumerate(table.headers):
        sheet.column_dimensions[_column_letter(index)].width = max(12, min(len(header) + 2, 40))
    bold = Font(bold=True)
    heading = []
    for header in table.headers:
        cell = WriteOnlyCell(sheet, value=neutralise(header))
        cell.font = bold
        heading.append(cell)
    sheet.append(heading)
    sheet.freeze_panes = "A2"
    for row in table.rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=neutralise(shown(value)))
            if isinstance(value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(value, float):
                cell.number_format = "0.0"
            cells.append(cell)
        sheet.append(cells)
    about = book.create_sheet(title=_sheet_title(_("About")))
    for label, value in table.about:
        about.append([neutralise(label), neutralise(value)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def text_table(table: Table) -> str:
    """Columns aligned for a terminal; numbers to the right."""
    lines = [table.headers] + [[_text(cell) for cell in row] for row in table.rows]
    numeric = [all(isinstance(row[i], (int, float)) or row[i] in (None, "") for row in table.rows)
               for i in range(len(table.headers))]
    widths = [max(len(str(line[i])) for line in lines) for i in range(len(table.headers))]
    out = []
    for line in lines:
        cells = [str(v).rjust(w) if num else str(v).ljust(w)
                 for v, w, num in zip(line, widths, numeric, strict=False)]
        out.append("  ".join(cells).rstrip())
    return "\n".join(out) + "\n"


def _sheet_title(title: str) -> str:
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip()
    return (cleaned or "Report")[:31]


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)
