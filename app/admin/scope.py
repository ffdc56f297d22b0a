"""Unit choices limited to what the signed-in coordinator or admin manages."""
from __future__ import annotations

from flask_login import current_user

from ..accounts.access import units_in_scope
from ..extensions import db
from ..models import Unit


def scoped_units() -> list[Unit]:
    """Units the current member may manage, in tree order."""
    query = units_in_scope(current_user, db.session).order_by(Unit.path)
    units = list(db.session.scalars(query))
    by_id = {u.id: u for u in units}
    # Order siblings by name, not by id, by building a readable sort key from the path.
    def key(unit: Unit):
        ids = [int(p) for p in unit.path.strip("/").split("/")]
        return [by_id[i].name if i in by_id else "" for i in ids]
    return sorted(units, key=key)


def unit_choices(units: list[Unit] | None = None, *, include: int | None = None) -> list[tuple[int, str]]:
    """Active units to choose from (plus ``include``, a member's current unit even if off)."""
    units = [u for u in (scoped_units() if units is None else units) if u.active or u.id == include]
    top = min((u.depth for u in units), default=0)
    return [(u.id, "\u00a0\u00a0" * (u.depth - top) + f"{u.name} ({u.code})") for u in units]
