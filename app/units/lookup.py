"""Finding a unit by code, former codes included.

A merged unit's code lives on as a :class:`UnitAlias` of the unit it was merged into, so a
roster file or a bookmarked report link written before the merge still lands in the right
place, with a note saying so.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.lazy_text import lazy_gettext as _l

from ..models import Unit, UnitAlias


def resolve_unit_code(session: Session, code: str) -> tuple[Unit | None, str | None]:
    """The unit a code stands for now, and a note when the code is a merged unit's.

    Returns ``(None, None)`` for an unknown code.
    """
    code = (code or "").strip().upper()
    alias = session.scalars(select(UnitAlias).where(UnitAlias.code == code)).first()
    if alias is not None:
        return alias.unit, str(merged_note(alias))
    return session.scalars(select(Unit).where(Unit.code == code)).first(), None


def merged_note(alias: UnitAlias):
    return _l("%(old)s (%(code)s) was merged into %(new)s (%(new_code)s) on %(day)s.",
              old=alias.former_name, code=alias.code, new=alias.unit.name, new_code=alias.unit.code,
              day=alias.merged_on.isoformat())


def unit_ids_by_code(session: Session, every_unit) -> dict[str, int]:
    """Code -> unit id for rows of (id, code, ...), with former codes mapped to their new unit."""
    units = {row[1]: row[0] for row in every_unit}
    units.update(session.execute(select(UnitAlias.code, UnitAlias.unit_id)).all())
    return units
