"""Empty files of monthly numbers to fill in, with English or Vietnamese headers."""
from __future__ import annotations

import io

from ..reports.exports import Table, csv_bytes, neutralise
from .fields import FIELDS

ENGLISH = ["group address", "month", *(f.headers[0] for f in FIELDS)]
VIETNAMESE = ["Địa chỉ nhóm", "Tháng", "Thành viên cuối tháng", "Thành viên mới", "Thành viên rời nhóm",
              "Bài viết", "Bình luận", "Cảm xúc", "Thành viên hoạt động", "Người xem",
              "Yêu cầu chờ duyệt", "Bài của thành viên"]


def headers(language: str) -> list[str]:
    return VIETNAMESE if language == "vi" else ENGLISH


def template_csv(language: str, groups: list[tuple[str, str]]) -> bytes:
    """The header row and one line per group to fill in (UTF-8 with BOM)."""
    return csv_bytes(Table(headers(language), [[address, ""] for address, _name in groups], []))


def template_xlsx(language: str, groups: list[tuple[str, str]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.worksheet import Worksheet

    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)  # a new workbook has one worksheet
    sheet.title = "Numbers" if language != "vi" else "So lieu"
    sheet.append(headers(language))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for address, _name in groups:
        sheet.append([neutralise(address), ""])
    for row in range(2, 1002):
        sheet[f"B{row}"].number_format = "@"  # "2025-11" must stay text, not become a date
    sheet.column_dimensions["A"].width = 48
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
