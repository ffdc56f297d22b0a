"""Everything the database keeps about one member, found by walking the schema.

Every table with a column that references ``member.id`` is read, so a table added later is
included without anyone remembering to add it here. A row belongs to her when its *subject*
column (``member_id``, or ``target_member_id`` in the audit trail) is hers; in tables without
a subject column, when any member column is hers (an assignment she created, numbers she
entered). Rows about another member are never included, even when she appears in them as
the person who acted. Secrets (password and code hashes, form tokens) are left out.
"""
from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime

from sqlalchemy import Table, or_, select
from sqlalchemy.orm import Session

from ..db import Base
from ..models import Member, Unit
from ..reports.exports import neutralise
from .stamp import stamped

#: Columns never shown: they are secrets, or only machinery.
HIDDEN_COLUMNS = frozenset({"password_hash", "code_hash", "token", "session_version", "plan_json"})
SUBJECT_COLUMNS = ("member_id", "target_member_id")
#: Columns whose JSON text is shown as data, not as a string.
JSON_COLUMNS = frozenset({"responses_json", "result_json", "detail"})


def member_columns(table: Table) -> list:
    """The columns of ``table`` that reference ``member.id``."""
    return [column for column in table.columns
            if any(fk.column.table.name == "member" and fk.column.name == "id" for fk in column.foreign_keys)]


def member_tables() -> list[tuple[Table, list]]:
    """Every table holding a reference to a member, with those columns, in a stable order."""
    found = [(table, member_columns(table)) for table in Base.metadata.sorted_tables]
    return [(table, columns) for table, columns in found if columns and table.name != "member"]


def _value(column_name: str, value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if column_name in JSON_COLUMNS and isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _plain(table: Table, row) -> dict:
    return {column.name: _value(column.name, row._mapping[column])
            for column in table.columns if column.name not in HIDDEN_COLUMNS}


def rows_about(session: Session, table: Table, columns: list, member_id: int) -> list[dict]:
    subject = next((c for c in columns if c.name in SUBJECT_COLUMNS), None)
    where = (subject == member_id) if subject is not None else or_(*(c == member_id for c in columns))
    order = table.primary_key.columns.values()
    return [_plain(table, row) for row in session.execute(select(table).where(where).order_by(*order))]


def collect(session: Session, member: Member) -> dict:
    """Her profile, her unit, and her rows from every table that references members."""
    profile = _plain(Member.__table__, session.execute(
        select(Member.__table__).where(Member.__table__.c.id == member.id)).one())
    unit = session.get_one(Unit, member.unit_id)
    return {
        "profile": profile,
        "unit": {"code": unit.code, "name": unit.name, "kind": unit.kind},
        "tables": {table.name: rows_about(session, table, columns, member.id)
                   for table, columns in member_tables()},
    }


def as_json(data: dict, *, exported_at: datetime) -> bytes:
    document = {"exported_at": exported_at.isoformat(), **data}
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True, default=str).encode("utf-8")


def as_csv(data: dict, *, heading: str) -> bytes:
    """One line per value: section, row id, field, value (a shape any spreadsheet opens).

    The first line says who downloaded it and when; every cell is formula-neutralised.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["section", "id", "field", "value"])
    for field, value in sorted(data["profile"].items()):
        writer.writerow(["member", data["profile"]["id"], field, neutralise(_text(value))])
    for field, value in sorted(data["unit"].items()):
        writer.writerow(["unit", "", field, neutralise(_text(value))])
    for name, rows in data["tables"].items():
        for row in rows:
            for field, value in row.items():
                writer.writerow([name, row.get("id", ""), field, neutralise(_text(value))])
    return stamped(out.getvalue().encode("utf-8"), heading)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)
