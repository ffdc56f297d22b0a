"""No roster cell may hold a control character (NUL and the like): PostgreSQL cannot store
NUL at all, and none belongs in a name, a unit code or a phone number. The whole file is
checked, so a dry run that passes means the import can store every cell."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..security import control_character_in


def refuse_control_characters(lines: list[tuple[int, list[object]]]) -> None:
    """Raise RosterFileError naming the first row and column that hold a control character."""
    from .reading import RosterFileError

    for number, cells in lines:
        for column, cell in enumerate(cells, start=1):
            if isinstance(cell, str) and control_character_in(cell) is not None:
                raise RosterFileError(_l(
                    "Row %(row)d, column %(column)d holds an invisible control character (such as "
                    "NUL). Retype that cell in the spreadsheet and upload the file again.",
                    row=number, column=column))
