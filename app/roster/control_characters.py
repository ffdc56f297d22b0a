"""No roster cell may hold a control character (NUL and the like): PostgreSQL cannot store
NUL at all, and none belongs in a name, a unit code or a phone number. The whole file is
checked, so a dry run that passes means the import can store every cell."""
from __future__ import annotations

from app.lazy_text import lazy_gettext as _l

from ..field_rules import CONTROL_CHARACTERS, control_character_in


def refuse_control_characters(lines: list[tuple[int, tuple[object, ...]]]) -> None:
    """Raise RosterFileError naming the first row and column that hold a control character."""
    from .reading import RosterFileError

    for number, cells in lines:
        # One search per row; only a row that holds one is looked at cell by cell.
        if not CONTROL_CHARACTERS.search(_text_of(cells)):
            continue
        for column, cell in enumerate(cells, start=1):
            if isinstance(cell, str) and control_character_in(cell) is not None:
                raise RosterFileError(_l(
                    "Row %(row)d, column %(column)d holds an invisible control character (such as "
                    "NUL). Retype that cell in the spreadsheet and upload the file again.",
                    row=number, column=column))


def _text_of(cells: tuple[object, ...]) -> str:
    """The row's text cells, joined by spaces (a CSV row is all text; XLSX has numbers too)."""
    try:
        return " ".join(cells)  # type: ignore[arg-type]  # a cell that is not text raises TypeError, handled below
    except TypeError:
        return " ".join(cell for cell in cells if isinstance(cell, str))
