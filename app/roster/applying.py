"""Writing a checked roster: all rows or none, in the caller's one transaction.

Rows go in as bulk INSERT and UPDATE statements, not one ORM object at a time, so a roster
of tens of thousands of members takes seconds. Each new member gets a one-time sign-in
code, returned in clear exactly once for the printed sheet and stored only as a hash.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from operator import itemgetter
from typing import NamedTuple

from sqlalchemy import Boolean, Integer, func, insert, literal, literal_column, select, update
from sqlalchemy.orm import Session

from ..accounts import codes
from ..audit import Action, record
from ..models import Member, SignInCode, Unit
from ..models.types import UTCDateTime
from ..progress import counts
from .checking import RosterPlan

BATCH = 5000
#: Field changes written into the import's own audit entry; role and unit changes also get
#: an entry each, on the member's page.
AUDIT_CHANGES = 200


class IssuedCode(NamedTuple):
    """One slip of the code sheet (a tuple: tens of thousands are made at once)."""

    member_id: int
    username: str
    full_name: str
    unit_name: str
    code: str  # formatted for reading off paper, e.g. ABCDE-FGHJK


def apply_roster(session: Session, plan: RosterPlan, *, code_hours: int, importer: Member | None = None,
                 source: str = "", allow_sensitive: bool = False,
                 progress: Callable[[int], None] | None = None) -> list[IssuedCode]:
    """Insert the new members, update the changed ones, issue codes to the new ones, and
    record the import (``source``: the file's name) in the audit trail.

    Raises ValueError for a plan with problems, or with changes of role or unit above or
    outside that were not confirmed (``allow_sensitive``); the caller commits, or rolls back.
    """
    if not plan.ok:
        raise ValueError("a roster with problems is never written")
    if plan.sensitive and not allow_sensitive:
        raise ValueError("changes of platform role or unit need their own confirmation")
    _record(session, plan, importer, source)
    issued_by_id = importer.id if importer is not None else None
    now = datetime.now(UTC)
    newest_before = session.scalar(select(func.max(Member.id))) or 0
    # Values shared by every row are bound once, not once per row.
    dialect = session.get_bind().dialect
    shared = {"created_at": now, "active": True, "session_version": 1}
    if dialect.name == "sqlite":  # SQLite converts each bound datetime in Python: write it once, inline
        shared = {"created_at": _inline(now, UTCDateTime(), dialect), "active": _inline(True, Boolean(), dialect),
                  "session_version": _inline(1, Integer(), dialect)}
    add_members = insert(Member.__table__).values(**shared)
    moved = [row["id"] for row in plan.updates if {"unit_id", "committee_role"} & row.keys()]
    touched = {row["unit_id"] for row in plan.new} | set(session.scalars(
        select(Member.unit_id).where(Member.id.in_(moved)))) if moved or plan.new else set()
    for start in range(0, len(plan.new), BATCH):
        batch = plan.new[start:start + BATCH]
        session.execute(add_members, batch)
        if progress:
            progress(len(batch))
    for start in range(0, len(plan.updates), BATCH):
        batch = plan.updates[start:start + BATCH]
        session.execute(update(Member), batch)
        if progress:
            progress(len(batch))
    # The report's kept counts of the units members joined or left (bulk writes, no flush sees them).
    counts.recount(session, unit_ids=touched | {row["unit_id"] for row in plan.updates if "unit_id" in row})
    return _issue_codes(session, plan.new, newest_before, code_hours, issued_by_id, now)


def _record(session: Session, plan: RosterPlan, importer: Member | None, source: str) -> None:
    fields = [{"username": change.username, "column": column, "old": old, "new": new}
              for change in plan.changes for column, old, new in change.fields]
    record(session, importer, Action.ROSTER_IMPORT, people=len(plan.new) + len(plan.updates), file=source,
           new=len(plan.new), updated=len(plan.updates), unchanged=plan.unchanged,
           changes=fields[:AUDIT_CHANGES], changes_left_off=max(len(fields) - AUDIT_CHANGES, 0))
    for change in plan.changes:
        for column, old, new in change.fields:
            if column in ("platform_role", "unit_code"):
                action = Action.ROLE_CHANGE if column == "platform_role" else Action.UNIT_CHANGE
                record(session, importer, action, change, old=old, new=new, file=source)


def _issue_codes(session: Session, new_rows: list[dict], newest_before: int, hours: int,
                 issued_by_id: int | None, now: datetime) -> list[IssuedCode]:
    """A code for each new member (who has none yet), inserted in bulk."""
    wanted = {row["username"] for row in new_rows}
    member, unit = Member.__table__.c, Unit.__table__.c  # table columns: plain rows, no ORM loading
    # Our new rows all have ids above the newest one before the insert; anyone else's are skipped.
    ids = {username: member_id for username, member_id in session.execute(
        select(member.username, member.id).where(member.id > newest_before)) if username in wanted}
    units = dict(session.execute(select(unit.id, unit.name)).all())
    clear = codes.new_codes(len(new_rows))
    _insert_code_hashes(session, [(codes.code_digest(code), ids[row["username"]])
                                  for row, code in zip(new_rows, clear, strict=True)],
                        created=now, expires=now + timedelta(hours=hours), issued_by_id=issued_by_id)
    issued = [IssuedCode(ids[row["username"]], row["username"], row["full_name"], units[row["unit_id"]],
                         codes.format_code(code)) for row, code in zip(new_rows, clear, strict=True)]
    issued.sort(key=itemgetter(3, 2))  # by unit, then name: one page per meeting
    return issued


def _insert_code_hashes(session: Session, pairs: list[tuple[str, int]], *, created: datetime,
                        expires: datetime, issued_by_id: int | None) -> None:
    """Bulk INSERT of (code hash, member id) with the shared columns bound once.

    The codes are the import's own extra work beyond inserting the members, so they take
    the driver's fastest path (COPY on PostgreSQL, executemany on SQLite): the timestamps
    are converted for the database once, not once per row as a Core INSERT would.
    """
    table = SignInCode.__table__
    dialect = session.get_bind().dialect
    shared = []
    for name, value in (("created_at", created), ("expires_at", expires)):
        # The dialect's own processor (SQLite's makes the text it stores), not the generic one.
        process = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        shared.append(process(value) if process else value)
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    sql = (f"INSERT INTO {table.name} (member_id, code_hash, created_at, expires_at, issued_by_id) "
           f"VALUES ({mark}, {mark}, {mark}, {mark}, {mark})")
    connection = session.connection()
    if dialect.name == "postgresql":  # COPY, inside the same transaction
        columns = "member_id, code_hash, created_at, expires_at, issued_by_id"
        driver = connection.connection.driver_connection
        assert driver is not None  # an open connection has its driver's
        with (driver.cursor() as cursor,
              cursor.copy(f"COPY {table.name} ({columns}) FROM STDIN") as copy):
            for digest, member_id in pairs:
                copy.write_row((member_id, digest, created, expires, issued_by_id))
        return
    for start in range(0, len(pairs), BATCH):
        connection.exec_driver_sql(sql, [(member_id, digest, *shared, issued_by_id)
                                         for digest, member_id in pairs[start:start + BATCH]])


def _inline(value, type_, dialect):
    """``value`` written into the SQL text: the same for every row, so converted only once."""
    compiled = literal(value, type_).compile(dialect=dialect, compile_kwargs={"literal_binds": True})
    return literal_column(str(compiled), type_)
