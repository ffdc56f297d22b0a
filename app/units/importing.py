"""Importing units (branches, groups) from a CSV or XLSX file: code, name, parent code, level.

The file is checked as a whole first and every problem is listed by row; only a file with
no problem is written, all in one transaction. A parent may be a unit already in the
database (a former code finds the unit it was merged into) or one from an earlier row of
the same file. A row that repeats a unit exactly as it is changes nothing, so the same
file can be imported twice.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..field_rules import UNIT_CODE_RE
from ..models import Unit, UnitAlias, UnitLevel
from ..models.units import finish_path
from ..roster.columns import folded
from ..roster.reading import RosterFileError, read_roster
from .levels import STANDARD_LEVELS, UnknownLevel, find_level, level_for, standard_code
from .lookup import resolve_unit_code

MAX_ROWS = 20_000
_HEADERS = {"code": "code", "ma": "code", "ma don vi": "code", "name": "name", "ten": "name",
            "ten don vi": "name", "parent code": "parent_code", "parent": "parent_code",
            "ma don vi cap tren": "parent_code", "cap tren": "parent_code", "level": "level", "cap": "level"}
REQUIRED = ("code", "name", "parent_code", "level")


class UnitFileError(ValueError):
    """The file as a whole cannot be read (format, missing columns)."""


@dataclass(frozen=True)
class RowProblem:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, {self.column}: {self.message}"


@dataclass
class UnitRow:
    row: int
    code: str
    name: str
    parent_code: str
    level: UnitLevel | str | None  # a standard level's code when the level does not exist yet; None: unknown


@dataclass
class ImportPlan:
    new: list[UnitRow] = field(default_factory=list)
    unchanged: list[UnitRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


def read_unit_file(data: bytes) -> list[tuple[int, dict[str, str]]]:
    """Rows as {column: text}, numbered as the spreadsheet numbers them."""
    try:
        raw = read_roster(data, max_rows=MAX_ROWS)
    except RosterFileError as exc:
        raise UnitFileError(str(exc.message)) from None
    index = {_HEADERS[folded(h)]: i for i, h in enumerate(raw.headers) if folded(h) in _HEADERS}
    missing = [key for key in REQUIRED if key not in index]
    if missing:
        raise UnitFileError(f"The first row must name the columns code, name, parent code, level; "
                            f"missing: {', '.join(missing)}.")
    return [(number, {key: str(cells[i] if i < len(cells) and cells[i] is not None else "").strip()
                      for key, i in index.items()}) for number, cells in raw.rows]


def check_units(session: Session, rows: list[tuple[int, dict[str, str]]]) -> ImportPlan:
    """Check every row; nothing is written."""
    plan = ImportPlan()
    in_file: dict[str, UnitRow] = {}
    aliases = set(session.scalars(select(UnitAlias.code)))
    for number, cells in rows:
        problems_before = len(plan.problems)

        def problem(column: str, message: str) -> None:
            plan.problems.append(RowProblem(number, column, message))  # noqa: B023 - used at once

        code, name = cells["code"].upper(), " ".join(cells["name"].split())
        parent_code = cells["parent_code"].upper()
        if not UNIT_CODE_RE.match(code):
            problem("code", f"“{code}” is not a unit code: use 2 to 40 capital letters, digits or dashes.")
        elif code in in_file:
            problem("code", f"{code} is also on row {in_file[code].row}.")
        elif code in aliases:
            problem("code", f"{code} is the former code of a merged unit; choose another code.")
        if not name or len(name) > 120:
            problem("name", "The name must have 1 to 120 characters.")
        level = _level(session, cells["level"], problem)
        parent_level = _parent_level(session, parent_code, in_file, problem)
        if isinstance(level, UnitLevel) and parent_level is not None and parent_level >= level.rank:
            problem("level", f"A {level.code} cannot sit under a unit of level rank {parent_level}: "
                             "its level must be below its parent's.")
        elif isinstance(level, str) and parent_level is not None and parent_level >= STANDARD_LEVELS[level][0]:
            problem("level", f"A {level} cannot sit under {parent_code}: its level must be below its parent's.")
        row = UnitRow(number, code, name, parent_code, level)
        existing = session.scalars(select(Unit).where(Unit.code == code)).first()
        if existing is not None and len(plan.problems) == problems_before:
            assert level is not None  # an unknown level is a problem
            same = (existing.name == name and existing.parent is not None
                    and existing.parent.code == parent_code and existing.level.code == _code(level))
            if not same:
                problem("code", f"{code} already exists as {existing.name}; rename or move it instead.")
            else:
                plan.unchanged.append(row)
        elif len(plan.problems) == problems_before:
            plan.new.append(row)
        if UNIT_CODE_RE.match(code) and code not in in_file:
            in_file[code] = row
    return plan


def _code(level: UnitLevel | str) -> str:
    return level.code if isinstance(level, UnitLevel) else level


def _level(session: Session, word: str, problem) -> UnitLevel | str | None:
    if not word:
        problem("level", "The level is missing.")
        return None
    try:
        return find_level(session, word)
    except UnknownLevel:
        if standard_code(word):
            return standard_code(word)
        problem("level", f"Unknown level “{word}”.")
        return None


def _parent_level(session: Session, code: str, in_file: dict[str, UnitRow], problem) -> int | None:
    """The rank of the parent's level, or None when the parent is missing (a problem is noted)."""
    if not code:
        problem("parent_code", "The parent code is missing.")
        return None
    if code in in_file:
        level = in_file[code].level
        return level.rank if isinstance(level, UnitLevel) else STANDARD_LEVELS[level][0] if level else None
    parent, _note = resolve_unit_code(session, code)
    if parent is None:
        problem("parent_code", f"Unknown parent code “{code}”.")
        return None
    return parent.level.rank


def apply_units(session: Session, plan: ImportPlan) -> list[Unit]:
    """Create the plan's new units (the caller commits); refuses a plan with problems."""
    if plan.problems:
        raise ValueError("a plan with problems is never applied")
    created: dict[str, Unit] = {}
    for row in plan.new:
        assert row.level is not None  # a plan without problems knows every level
        level = row.level if isinstance(row.level, UnitLevel) else level_for(session, row.level)
        parent = created.get(row.parent_code) or resolve_unit_code(session, row.parent_code)[0]
        unit = Unit(code=row.code, name=row.name, level=level)
        session.add(unit)
        unit.place_under(parent)
        finish_path(session, unit)
        created[row.code] = unit
    return list(created.values())
