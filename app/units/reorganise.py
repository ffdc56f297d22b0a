"""Merging, moving and renaming units without losing anyone's history.

Every change is one function that checks everything first and then writes in the caller's
transaction: a :class:`UnitChange` row on each unit concerned (shown on its admin page) and
an audit entry. Nothing is deleted. A merge moves every row that points at the former unit
(members, and with them their progress, attempts and completions, which are keyed on the
member; assignments, certificates, Facebook groups; units below it) to the new unit,
switches the former unit off and keeps its code as an alias.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from ..audit import Action, label, record
from ..models import (
    Base,
    CourseCompletion,
    LessonProgress,
    Member,
    QuizAttempt,
    Unit,
    UnitAlias,
    UnitChange,
)
from ..models.units import finish_path
from ..progress import counts

#: Columns that say which unit a row describes, not which unit it belongs to: they stay.
#: The report's kept counts are counted again for the units concerned instead.
_STAYING = {("unit", "parent_id"), ("unit_change", "unit_id"),
            ("unit_course_count", "unit_id"), ("unit_member_count", "unit_id")}


class ReorganisationError(ValueError):
    """A reorganisation that cannot be done as asked; the message says why."""


def _pointing_columns():
    """(table, column) of every foreign key to ``unit.id`` whose rows follow a merge."""
    return [(table, fk.parent) for table in Base.metadata.sorted_tables for fk in table.foreign_keys
            if fk.column.table.name == "unit" and (table.name, fk.parent.name) not in _STAYING]


@dataclass
class MergePreview:
    """What a merge would move, counted before anything is written."""

    former: list[Unit]
    into: Unit
    rows: dict[str, int] = field(default_factory=dict)  # table -> rows that follow
    members: int = 0
    progress: int = 0
    attempts: int = 0
    completions: int = 0
    units_below: int = 0


def unit_by_code(session: Session, code: str) -> Unit:
    unit = session.scalars(select(Unit).where(Unit.code == code.strip().upper())).first()
    if unit is None:
        raise ReorganisationError(f"Unknown unit code '{code}'.")
    return unit


def preview_merge(session: Session, former_codes: list[str], into_code: str) -> MergePreview:
    """Check a merge and count what would follow; raises ReorganisationError when it cannot be done."""
    into = unit_by_code(session, into_code)
    former = [unit_by_code(session, code) for code in dict.fromkeys(former_codes)]
    if not former:
        raise ReorganisationError("Name at least one unit to merge.")
    for unit in former:
        if unit.id == into.id:
            raise ReorganisationError(f"{unit.code} cannot be merged into itself.")
        if unit.contains(into):
            raise ReorganisationError(f"{into.code} lies inside {unit.code}: it cannot take in a unit above it.")
        if not unit.active:
            raise ReorganisationError(f"{unit.code} is switched off (already merged?); switch it on first.")
        if unit.level.rank != into.level.rank:
            raise ReorganisationError(f"{unit.code} is a {unit.level.code} and {into.code} a {into.level.code}: "
                                      "only units of one level are merged.")
    if not into.active:
        raise ReorganisationError(f"{into.code} is switched off; switch it on first.")
    ids = [unit.id for unit in former]
    preview = MergePreview(former, into)
    for table, column in _pointing_columns():
        count = session.scalar(select(func.count()).select_from(table).where(column.in_(ids))) or 0
        preview.rows[table.name] = preview.rows.get(table.name, 0) + count
    moving = select(Member.id).where(Member.unit_id.in_(ids))
    preview.members = preview.rows.get("member", 0)
    preview.progress = session.scalar(select(func.count()).where(LessonProgress.member_id.in_(moving))) or 0
    preview.attempts = session.scalar(select(func.count()).where(QuizAttempt.member_id.in_(moving))) or 0
    preview.completions = session.scalar(select(func.count()).where(CourseCompletion.member_id.in_(moving))) or 0
    preview.units_below = session.scalar(select(func.count()).where(Unit.parent_id.in_(ids))) or 0
    return preview


def merge_units(session: Session, former_codes: list[str], into_code: str, *, on: date,
                actor: Member | None) -> MergePreview:
    """Merge the former units into ``into_code``; returns what moved (the preview's counts)."""
    preview = preview_merge(session, former_codes, into_code)
    into, ids = preview.into, [unit.id for unit in preview.former]
    for table, column in _pointing_columns():
        if table.name != "unit_alias":
            session.execute(update(table).where(column.in_(ids)).values({column.name: into.id}))
    session.execute(update(UnitAlias).where(UnitAlias.unit_id.in_(ids)).values(unit_id=into.id))
    for unit in preview.former:
        for child in list(unit.children):
            child.place_under(into)
            finish_path(session, child)
        unit.active = False
        session.add(UnitAlias(code=unit.code, unit_id=into.id, former_name=unit.name, merged_on=on))
    session.flush()
    session.expire_all()  # the bulk updates above bypassed the objects already loaded
    # The report's kept counts: members and assignments moved in bulk, which no flush sees.
    counts.recount(session, unit_ids=ids)
    counts.recount(session, under=into.path)
    detail: dict[str, Any] = {"former": [{"code": u.code, "name": u.name} for u in preview.former],
              "into": {"code": into.code, "name": into.name}, "rows": preview.rows,
              "progress": preview.progress, "attempts": preview.attempts, "completions": preview.completions}
    _history(session, into.id, "merge", detail, on, actor)
    for unit_id in ids:
        _history(session, unit_id, "merged", detail, on, actor)
    record(session, actor, Action.UNIT_MERGE, people=preview.members, on=on.isoformat(), **detail)
    session.flush()
    return preview


def move_unit(session: Session, code: str, parent_code: str, *, on: date, actor: Member | None) -> Unit:
    """Put a unit (and everything below it) under another parent of a higher level."""
    unit, parent = unit_by_code(session, code), unit_by_code(session, parent_code)
    if unit.contains(parent):
        raise ReorganisationError(f"{parent.code} lies inside {unit.code}: a unit cannot move below itself.")
    if parent.level.rank >= unit.level.rank:
        raise ReorganisationError(f"{unit.code} is a {unit.level.code}; it cannot sit under "
                                  f"{parent.code}, a {parent.level.code}.")
    before = unit.parent
    if before is not None and before.id == parent.id:
        raise ReorganisationError(f"{unit.code} is already under {parent.code}.")
    unit.place_under(parent)
    finish_path(session, unit)
    detail: dict[str, Any] = {"unit": {"code": unit.code, "name": unit.name},
              "from": {"code": before.code, "name": before.name} if before else None,
              "to": {"code": parent.code, "name": parent.name}}
    _history(session, unit.id, "move", detail, on, actor)
    record(session, actor, Action.UNIT_MOVE, **detail)
    session.flush()
    return unit


def rename_unit(session: Session, code: str, name: str, *, on: date, actor: Member | None) -> Unit:
    """Give a unit a new name; certificates already issued keep the name they were issued under."""
    unit = unit_by_code(session, code)
    name = " ".join((name or "").split())
    if not name or len(name) > 120:
        raise ReorganisationError("The new name must have 1 to 120 characters.")
    if name == unit.name:
        raise ReorganisationError(f"{unit.code} is already called {name}.")
    detail: dict[str, Any] = {"code": unit.code, "from": unit.name, "to": name}
    unit.name = name
    _history(session, unit.id, "rename", detail, on, actor)
    record(session, actor, Action.UNIT_RENAME, **detail)
    session.flush()
    return unit


def _history(session: Session, unit_id: int, action: str, detail: dict, on: date, actor: Member | None) -> None:
    session.add(UnitChange(unit_id=unit_id, action=action, effective_on=on,
                           detail=json.dumps(detail, ensure_ascii=False, sort_keys=True),
                           actor_id=actor.id if actor else None, actor_label=label(actor)))


def history_of(session: Session, unit: Unit) -> list[UnitChange]:
    """The unit's changes, newest first."""
    return list(session.scalars(select(UnitChange).where(UnitChange.unit_id == unit.id)
                                .order_by(UnitChange.effective_on.desc(), UnitChange.id.desc())))
