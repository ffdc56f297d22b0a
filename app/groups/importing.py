"""Importing monthly numbers from a spreadsheet a coordinator collected (CSV or XLSX).

The file is read by the roster's reader (bounded rows, columns, cells and time, BOM and
delimiters handled), then every row is checked; every problem is listed with its row and
column, and the import writes all rows or none. A month already in the register is corrected
(its values go to the history). Imported numbers count as confirmed by the importer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.lazy_text import lazy_gettext as _l

from ..audit import Action, record
from ..models import FacebookGroup, Member
from ..models.groups import NUMBER_FIELDS
from ..roster.reading import RawRoster
from .access import manages
from .addresses import normalise_group_address
from .checks import check_month
from .fields import column_for
from .health import MonthNumbers
from .numbers import find_month, month_before, previous_month, save_month

#: An import of monthly numbers holds at most this many rows (the page and the command alike).
IMPORT_MAX_ROWS = 5000
_MONTH_FORMS = (re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})(?:-\d{1,2})?(?:T.*)?$"),
                re.compile(r"^(?P<m>\d{1,2})[/.-](?P<y>\d{4})$"),
                re.compile(r"^\d{1,2}[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})$"))


@dataclass(frozen=True)
class ImportProblem:
    row: int
    column: str  # the header as written in the file, with its letter: "Posts (D)"
    message: object


@dataclass(frozen=True)
class ImportRow:
    row: int
    group: FacebookGroup
    month: date
    values: dict[str, int | None]
    corrects: bool  # the month is already in the register


@dataclass
class ImportPlan:
    rows: list[ImportRow] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    jumps: list[ImportProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read_month(value: object) -> date | None:
    text = str(value).strip()
    for form in _MONTH_FORMS:
        match = form.match(text)
        if match and 1 <= int(match.group("m")) <= 12 and 2000 <= int(match.group("y")) <= 2999:
            return date(int(match.group("y")), int(match.group("m")), 1)
    return None


def read_count(value: object) -> int | None:
    """A cell as a whole number: blank is None; raises ValueError for anything else."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError
        return int(value)
    if isinstance(value, int):
        return value
    text = re.sub(r"(?<=\d)[ .,\u00a0](?=\d{3}\b)", "", str(value).strip())
    if not re.fullmatch(r"-?\d{1,10}", text):
        raise ValueError
    return int(text)


def _find_group(session: Session, text: str) -> FacebookGroup | None:
    try:
        return session.scalar(select(FacebookGroup).where(FacebookGroup.address == normalise_group_address(text)))
    except ValueError:  # NotAGroupAddress, or a text urlsplit cannot parse ("face]ook.com")
        found = list(session.scalars(select(FacebookGroup).where(FacebookGroup.name == text.strip()).limit(2)))
        return found[0] if len(found) == 1 else None


def check_import(session: Session, raw: RawRoster, importer: Member | None) -> ImportPlan:
    """Check every row of ``raw``; ``importer`` None is the operator at the command line."""
    plan = ImportPlan()
    columns: dict[str, int] = {}
    for index, header in enumerate(raw.headers):
        name = column_for(header) if header else None
        place = f"{header} ({_letter(index)})"
        if name is None:
            if header:
                plan.problems.append(ImportProblem(1, place, _l("This column is not one the import knows. "
                                                                  "Use the headers of the template.")))
        elif name in columns:
            plan.problems.append(ImportProblem(1, place, _l("This column appears twice.")))
        else:
            columns[name] = index
    for needed, label in (("group", _l("Group")), ("month", _l("Month"))):
        if needed not in columns:
            plan.problems.append(ImportProblem(1, str(label), _l("The file has no column for this. "
                                                                 "Use the headers of the template.")))
    if plan.problems:
        return plan

    def where(name: str) -> str:
        return f"{raw.headers[columns[name]]} ({_letter(columns[name])})"

    seen: dict[tuple[int, date], int] = {}
    in_file: dict[tuple[int, date], MonthNumbers] = {}
    for number, cells in raw.rows:
        def cell(name: str, cells: tuple[object, ...] = cells) -> object:
            index = columns.get(name)
            return cells[index] if index is not None and index < len(cells) else ""

        row_problems = []
        group = _find_group(session, str(cell("group")))
        if group is None or (importer is not None and not manages(importer, group, session)):
            row_problems.append(ImportProblem(number, where("group"), _l(
                "No group of yours has this address or name: “%(text)s”.", text=str(cell("group"))[:80])))
        month = read_month(cell("month"))
        if month is None:
            row_problems.append(ImportProblem(number, where("month"), _l(
                "Write the month as 2025-11 or 11/2025: “%(text)s” is not a month.", text=str(cell("month"))[:40])))
        values: dict[str, int | None] = {}
        for name in NUMBER_FIELDS:
            try:
                values[name] = read_count(cell(name))
            except ValueError:
                row_problems.append(ImportProblem(number, where(name), _l(
                    "“%(text)s” is not a whole number.", text=str(cell(name))[:40])))
                values[name] = None
        if month is not None:  # each number's own checks, whatever else is wrong with the row
            numbers = MonthNumbers(month, **values)
            previous = None
            if group is not None:
                previous = in_file.get((group.id, previous_month(month))) or month_before(session, group.id, month)
                in_file[(group.id, month)] = numbers
            for problem in check_month(numbers, previous):
                target = plan.jumps if problem.needs_confirmation else row_problems
                target.append(ImportProblem(number, where(problem.field) if problem.field in columns
                                            else problem.field, problem.message))
        if group is not None and month is not None and not row_problems:
            key = (group.id, month)
            if key in seen:
                row_problems.append(ImportProblem(number, where("month"), _l(
                    "This group's month is also on row %(row)d.", row=seen[key])))
            else:
                seen[key] = number
                plan.rows.append(ImportRow(number, group, month, values,
                                           find_month(session, group.id, month) is not None))
        plan.problems += row_problems
    return plan


def apply_import(session: Session, plan: ImportPlan, importer: Member | None, *, source: str) -> int:
    """Write every row of a checked plan (the caller commits); returns the number of months."""
    if not plan.ok:
        raise ValueError("a plan with problems is never applied")
    for row in plan.rows:
        save_month(session, row.group, row.month, row.values, importer, confirmed=True, source="import")
    record(session, importer, Action.GROUP_NUMBERS_IMPORT, people=0, file=source, months=len(plan.rows),
           corrected=sum(1 for r in plan.rows if r.corrects),
           groups=sorted({r.group.id for r in plan.rows}))
    return len(plan.rows)
