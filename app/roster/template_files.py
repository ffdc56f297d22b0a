"""Empty roster files to fill in: the columns in order, with a guide and the unit codes."""
from __future__ import annotations

import io
from collections.abc import Iterable

from flask_babel import gettext as _

from ..reports.exports import Table, csv_bytes, neutralise
from .columns import COLUMNS


def template_csv() -> bytes:
    """The header row only (UTF-8 with BOM, like every CSV the site writes)."""
    return csv_bytes(Table([column.key for column in COLUMNS], [], []))


def template_xlsx(units: Iterable[tuple[str, str]]) -> bytes:
    """Sheet 1 to fill in (phone as text, so Excel keeps the leading 0); a guide; the unit codes."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)  # a new workbook has one worksheet
    sheet.title = _("Roster")[:31]
    sheet.append([column.key for column in COLUMNS])
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet[f"{letter}1"].font = Font(bold=True)
        sheet.column_dimensions[letter].width = max(16, len(column.example) + 4)
        if column.key in ("phone", "external_id", "username", "unit_code"):
            for row in range(2, 1002):  # text cells: Excel must not turn 0912... into a number
                sheet[f"{letter}{row}"].number_format = "@"
    sheet.freeze_panes = "A2"
    guide = book.create_sheet(_("Columns")[:31])
    guide.append([_("Column"), _("Required"), _("Example"), _("What to write")])
    for column in COLUMNS:
        guide.append([column.key, _("yes") if column.required else _("no"),
                      neutralise(column.example), neutralise(str(column.help))])
    guide.column_dimensions["D"].width = 90
    codes = book.create_sheet(_("Unit codes")[:31])
    codes.append([_("Unit code"), _("Unit")])
    for code, name in units:
        codes.append([neutralise(code), neutralise(name)])
    codes.column_dimensions["A"].width = 24
    codes.column_dimensions["B"].width = 40
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
