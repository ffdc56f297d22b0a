"""The dry run: every problem of a roster by row and column, and what importing it would do.

Nothing here writes. A roster with any problem is imported not at all, so the plan is
either complete (``ok``) or only a list of problems to fix in the file.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter
from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from app.lazy_text import lazy_gettext as _l

from ..accounts.policy import Subject
from ..field_rules import FULL_NAME_MAX, USERNAME_RE, phone_is_valid
from ..models import Member, Unit
from ..units.lookup import unit_ids_by_code
from .changes import (
    MemberChange,
    UnitTree,
    describe,
    refusal_for_new,
    refusal_for_update,
    scope_path,
)
from .columns import (
    IMPORTABLE_ROLES,
    LANGUAGES,
    REQUIRED,
    column_for_header,
    committee_role,
    phone_digits,
)
from .reading import RawRoster, RosterFileError

#: Member columns an import may change on an existing member.
UPDATABLE = ("username", "full_name", "unit_id", "committee_role", "phone", "external_id", "role", "language")
CHUNK = 500  # rows between progress bar updates
LOOKUP = 5000  # most values in one IN (...) lookup; well under SQLite's 32,766 variables


@dataclass(frozen=True)
class Problem:
    row: int
    column: str  # the header as written in the file
    letter: str  # the spreadsheet column letter
    message: str


@dataclass
class RosterPlan:
    new: list[dict] = field(default_factory=list)  # Member columns
    updates: list[dict] = field(default_factory=list)  # "id" and the changed columns
    changes: list[MemberChange] = field(default_factory=list)  # the updates in words, sensitive first
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def sensitive(self) -> list[MemberChange]:
        """Changes of platform role and moves above or outside: they need their own confirmation."""
        return [change for change in self.changes if change.sensitive]

    @property
    def rows(self) -> int:
        return len(self.new) + len(self.updates) + self.unchanged


def map_columns(headers: tuple[str, ...]) -> tuple[dict[str, int], list[str]]:
    """Column key -> index in the row; and the headers the import does not use."""
    found: dict[str, int] = {}
    ignored = []
    for index, header in enumerate(headers):
        key = column_for_header(header) if header else None
        if key is None:
            if header:
                ignored.append(header)
        elif key in found:
            raise RosterFileError(_l("Two columns mean “%(column)s”: %(first)s and %(second)s. Keep one.",
                                     column=key, first=headers[found[key]], second=header))
        else:
            found[key] = index
    missing = [key for key in REQUIRED if key not in found]
    if missing:
        raise RosterFileError(_l("The first row must name the columns; missing: %(missing)s. "
                                 "Download the template to see them.", missing=", ".join(missing)))
    return found, ignored


def check_roster(session: Session, roster: RawRoster, *, importer: Member | None = None,
                 progress: Callable[[int], None] | None = None) -> RosterPlan:
    """Check every row against the rules, the database and what ``importer`` may do (None:
    the operator at the command line); say what would change."""
    index, ignored = map_columns(roster.headers)
    plan = RosterPlan(ignored_columns=ignored)
    every_unit = session.execute(select(Unit.id, Unit.code, Unit.path)).all()
    units = unit_ids_by_code(session, every_unit)  # former codes of merged units included
    tree = UnitTree({unit_id: code for unit_id, code, _path in every_unit},
                    {unit_id: path for unit_id, _code, path in every_unit})

    def problem(row: int, key: str, message) -> None:
        column = index.get(key, 0)
        plan.problems.append(Problem(row, roster.headers[column] if key in index else key,
                                     get_column_letter(column + 1), str(message)))

    # Row numbers and rows side by side: a (number, row) pair per row is one more object for
    # the cycle collector to track (a tuple holding a dict), tens of thousands of times.
    numbers: list[int] = []
    parsed: list[dict] = []
    seen_usernames: dict[str, int] = {}
    seen_external: dict[str, int] = {}
    columns = list(index.items())
    for count, (number, cells) in enumerate(roster.rows, start=1):
        width = len(cells)
        values = {key: cells[i] for key, i in columns if i < width}
        row = _check_cells(number, values, units, problem)
        for key, seen in (("username", seen_usernames), ("external_id", seen_external)):
            value = row.get(key)
            if value and value in seen:
                problem(number, key, _l("“%(value)s” is also on row %(row)d.", value=value, row=seen[value]))
            elif value:
                seen[value] = number
        numbers.append(number)
        parsed.append(row)
        if progress and count % CHUNK == 0:
            progress(CHUNK)
    if progress:
        progress(len(roster.rows) % CHUNK)
    _match_members(session, numbers, parsed, plan, problem, importer, tree)
    plan.problems.sort(key=lambda p: p.row)
    plan.changes.sort(key=lambda change: (not change.sensitive, change.row))
    return plan


def _as_text(key: str, value: object) -> str:
    """A cell that is not text (XLSX numbers, dates, empty cells) as text."""
    if value is None:
        return ""
    return (phone_digits(value) if key == "phone" else str(value)).strip()


def _check_cells(number: int, values: dict, units: dict[str, int], problem) -> dict:
    """One row's cells as Member values (only the columns present); problems reported."""
    text = {key: value if value.__class__ is str else _as_text(key, value) for key, value in values.items()}
    row: dict = {}
    username = text.get("username", "").lower()
    if not username:
        problem(number, "username", _l("The username is missing."))
    elif not USERNAME_RE.match(username):
        problem(number, "username", _l("“%(value)s” is not a valid username: use 3 to 64 lowercase letters, "
                                       "digits, dots, dashes or underscores.", value=username))
    row["username"] = username
    name = " ".join(text.get("full_name", "").split())
    if not name:
        problem(number, "full_name", _l("The name is missing."))
    elif len(name) > FULL_NAME_MAX:
        problem(number, "full_name", _l("The name is longer than 120 characters."))
    row["full_name"] = name
    code = text.get("unit_code", "").upper()
    if not code:
        problem(number, "unit_code", _l("The unit code is missing."))
    elif code not in units:
        problem(number, "unit_code", _l("Unknown unit code “%(code)s”.", code=code))
    row["unit_id"] = units.get(code)
    if text.get("committee_role"):
        role = committee_role(text["committee_role"])
        if role is None:
            problem(number, "committee_role", _l("Unknown committee role “%(value)s”.", value=text["committee_role"]))
        row["committee_role"] = role
    if text.get("phone"):
        if not phone_is_valid(text["phone"]):
            problem(number, "phone", _l("“%(value)s” is not a phone number of 9 to 12 digits.", value=text["phone"]))
        row["phone"] = text["phone"]
    if text.get("external_id"):
        if len(text["external_id"]) > 64:
            problem(number, "external_id", _l("The external id is longer than 64 characters."))
        row["external_id"] = text["external_id"]
    if text.get("platform_role"):
        role = text["platform_role"].lower()
        if role not in IMPORTABLE_ROLES:
            problem(number, "platform_role", _l("Unknown role “%(value)s”: use officer, trainer or coordinator.",
                                                value=text["platform_role"]))
        row["role"] = role
    if text.get("language"):
        language = text["language"].lower()
        if language not in LANGUAGES:
            problem(number, "language", _l("Unknown language “%(value)s”: use vi, en or th.", value=text["language"]))
        row["language"] = language
    return row


def lookup(session: Session, columns: list, key, values: list, *, table_rows: int) -> list:
    """Rows whose ``key`` is one of ``values``: one IN (...) for a few, one scan of the table for
    many, or when the table (``table_rows`` at most) holds no more rows than there are values."""
    if not values:
        return []
    if len(values) > LOOKUP or table_rows <= len(values):  # reading the table beats a huge IN
        wanted = set(values)
        return [row for row in session.execute(select(*columns).where(key.is_not(None)))
                if getattr(row, key.key) in wanted]
    return list(session.execute(select(*columns).where(key.in_(values))))


def _match_members(session: Session, numbers: list[int], parsed: list[dict], plan: RosterPlan, problem,
                   importer: Member | None, units: UnitTree) -> None:
    """New, changed or unchanged: keyed by external id when given, else by username; each
    creation and change allowed by the member policy for ``importer``."""
    scope = scope_path(importer)
    columns = [getattr(Member, name) for name in ("id", *UPDATABLE)]
    by_username: dict[str, Row] = {}
    by_external: dict[str | None, Row] = {}  # looked up with None when a row has no external id
    members = session.scalar(select(func.max(Member.id))) or 0  # at least as many as there are
    for key, found in (("username", by_username), ("external_id", by_external)):
        wanted = [row[key] for row in parsed if row.get(key)]
        for record in lookup(session, columns, getattr(Member, key), wanted, table_rows=members):
            found[getattr(record, key)] = record
    for number, row in zip(numbers, parsed, strict=False):
        by_id = by_external.get(row.get("external_id"))
        by_name = by_username.get(row["username"])
        if by_id is not None and by_name is not None and by_id.id != by_name.id:
            problem(number, "username", _l("Username “%(value)s” belongs to another member.", value=row["username"]))
            continue
        member = by_id or by_name
        if member is None:
            refused = refusal_for_new(importer, row, units)
            if refused:
                problem(number, *refused)
                continue
            plan.new.append({"committee_role": "committee_member", "role": "officer", "phone": None,
                             "external_id": None, "language": None, **row})
            continue
        if member.external_id and row.get("external_id") and member.external_id != row["external_id"]:
            problem(number, "external_id", _l("“%(user)s” already has the external id “%(value)s”.",
                                              user=member.username, value=member.external_id))
        elif member.role == "admin":
            problem(number, "username", _l("“%(user)s” is an administrator; change that account on its own page.",
                                           user=member.username))
        else:
            changes = {key: value for key, value in row.items() if getattr(member, key) != value}
            target = Subject(member.id, member.role, member.unit_id, units.path_of[member.unit_id])
            refused = refusal_for_update(importer, target, changes, units)
            if refused:
                problem(number, *refused)
            elif changes:
                plan.updates.append({"id": member.id, **changes})
                plan.changes.append(describe(number, member, changes, units, scope))
            else:
                plan.unchanged += 1
    if plan.problems:
        plan.new, plan.updates, plan.changes, plan.unchanged = [], [], [], 0

