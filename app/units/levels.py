"""The organisation's levels: the standard set, and finding a level by code or name.

A deployment starts with no levels; the first unit of a standard level (province, commune,
branch, group, or district for older trees) creates that level with its names in every
interface language. Admins add, rename or reorder levels on the admin pages.
"""
from __future__ import annotations

import unicodedata

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Unit, UnitLevel

#: code, rank, English, Vietnamese, Thai. Ranks leave room for levels in between.
STANDARD_LEVELS = {
    "province": (10, "Province", "Tỉnh, thành phố", "จังหวัด"),
    "district": (20, "District", "Huyện, quận (cũ)", "อำเภอ"),
    "commune": (30, "Commune or ward", "Xã, phường", "ตำบล"),
    "branch": (40, "Branch", "Chi hội", "สาขา"),
    "group": (50, "Group", "Tổ hội", "กลุ่ม"),
}


class UnknownLevel(LookupError):
    """No level has this code or name."""


def level_for(session: Session, code: str) -> UnitLevel:
    """The level with this code; a standard level is created the first time it is needed."""
    level = session.scalars(select(UnitLevel).where(UnitLevel.code == code)).first()
    if level is None:
        if code not in STANDARD_LEVELS:
            raise UnknownLevel(code)
        rank, en, vi, th = STANDARD_LEVELS[code]
        level = UnitLevel(code=code, rank=rank, name_en=en, name_vi=vi, name_th=th)
        session.add(level)
        session.flush()
    return level


def _folded(text: str) -> str:
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(ch for ch in unicodedata.normalize("NFD", text)
                   if unicodedata.category(ch) != "Mn").casefold().strip()


def find_level(session: Session, word: str) -> UnitLevel:
    """A level named by its code or by its name in any language (accents optional)."""
    wanted = _folded(word)
    for level in ordered_levels(session):
        if wanted in {_folded(level.code), _folded(level.name_en), _folded(level.name_vi), _folded(level.name_th)}:
            return level
    raise UnknownLevel(word)


def standard_code(word: str) -> str | None:
    """The standard level a word names (code or name in any language), or None."""
    wanted = _folded(word)
    return next((code for code, (_rank, *names) in STANDARD_LEVELS.items()
                 if wanted in {code, *(_folded(name) for name in names)}), None)


def ordered_levels(session: Session) -> list[UnitLevel]:
    """Every level, top first."""
    return list(session.scalars(select(UnitLevel).order_by(UnitLevel.rank)))


def levels_in_use_below(session: Session, root: Unit | None) -> list[UnitLevel]:
    """The levels that units strictly below ``root`` (the whole union for None) sit at, top first."""
    statement = select(Unit.level_id).distinct()
    if root is not None:
        statement = statement.where(Unit.path.startswith(root.path, autoescape=True), Unit.id != root.id)
    used = set(session.scalars(statement))
    return [level for level in ordered_levels(session) if level.id in used]


def next_level_below(session: Session, root: Unit | None) -> UnitLevel | None:
    """The level just below ``root`` that has units under it: a report's default grouping."""
    below = levels_in_use_below(session, root)
    return below[0] if below else None

