"""The levels a report can be grouped by: the organisation's own, read from the database.

A report on a unit may be grouped by that unit's level or any level in use below it, or by
member. The default is the first level below the unit that has units under it, so a
province reports by commune once districts are gone, and a commune by branch.
"""
from __future__ import annotations

from sqlalchemy.orm import Session

from ..models import Unit, UnitLevel
from ..units.levels import levels_in_use_below, next_level_below, ordered_levels

MEMBER = "member"


def report_levels(session: Session, root: Unit | None) -> list[UnitLevel]:
    """The root's own level and the levels in use below it, top first."""
    below = levels_in_use_below(session, root)
    if root is None:
        return below
    return [root.level, *[level for level in below if level.rank > root.level.rank]]


def levels_below(session: Session, root: Unit | None) -> list[str]:
    """Codes a report on ``root`` may be grouped by, and ``member``."""
    return [level.code for level in report_levels(session, root)] + [MEMBER]


def default_level(session: Session, root: Unit | None) -> str:
    """The level just below the viewer's unit; members when nothing is below it."""
    level = next_level_below(session, root)
    return level.code if level is not None else MEMBER


def level_named(session: Session, code: str) -> UnitLevel | None:
    """The level with this code, or None (``member`` and other groupings)."""
    return next((level for level in ordered_levels(session) if level.code == code), None)


def next_level_code(levels: list[UnitLevel], code: str | None) -> str:
    """Among ``levels`` (those in use, top first), the one after ``code``; else members."""
    ranks = [level.rank for level in levels if level.code == code]
    return next((level.code for level in levels if ranks and level.rank > ranks[0]), MEMBER)


def level_labels(session: Session, language: str | None) -> dict[str, str]:
    """Each level's name in the interface language, by code."""
    return {level.code: level.name_in(language) for level in ordered_levels(session)}

