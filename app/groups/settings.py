"""The thresholds of the health bands: defaults in ``health.Thresholds``, changes kept as rows."""
from __future__ import annotations

from dataclasses import asdict, fields, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import GroupHealthSetting, Member
from ..models.types import utcnow
from .health import Thresholds

THRESHOLD_NAMES = tuple(f.name for f in fields(Thresholds))


def current_thresholds(session: Session) -> Thresholds:
    """The thresholds in force: the defaults, with what an admin changed."""
    changed: dict[str, Any] = {row.name: row.value for row in session.scalars(select(GroupHealthSetting))
               if row.name in THRESHOLD_NAMES}
    if "months_without_numbers" in changed:
        changed["months_without_numbers"] = int(changed["months_without_numbers"])
    return replace(Thresholds(), **changed)


def save_thresholds(session: Session, new: Thresholds, actor: Member) -> dict[str, list[float]]:
    """Store the thresholds that differ from what is in force; returns them as old/new pairs."""
    old = asdict(current_thresholds(session))
    changes = {name: [old[name], value] for name, value in asdict(new).items() if old[name] != value}
    for name, (_before, value) in changes.items():
        row = session.get(GroupHealthSetting, name) or GroupHealthSetting(name=name)
        row.value, row.changed_by_id, row.changed_at = float(value), actor.id, utcnow()
        session.add(row)
    return changes
