"""Units of the union and the levels they sit at, both kept as data.

An organisation defines its own levels in order (since the 2025 reform in Vietnam:
province -> commune or ward -> branch -> group; where districts still exist, province ->
district -> commune). A unit's level ranks below its parent's; levels may be skipped, so a
commune can sit straight under its province while a "district" level still exists for
older data. Reorganisations never delete a unit: a merged unit is switched off, an alias
keeps its code working, and :class:`UnitChange` keeps the history.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, select
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from ..db import Base
from .types import UTCDateTime, utcnow


class UnitLevel(Base):
    """One level of the organisation; a smaller ``rank`` is higher up the tree."""

    __tablename__ = "unit_level"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stable code used in report URLs and commands (``commune``, ``branch``).
    code: Mapped[str] = mapped_column(String(32), unique=True)
    rank: Mapped[int] = mapped_column(unique=True)
    name_en: Mapped[str] = mapped_column(String(80))
    name_vi: Mapped[str] = mapped_column(String(80))
    name_th: Mapped[str] = mapped_column(String(80))

    def name_in(self, language: str | None) -> str:
        """The level's name in an interface language, English when that one is missing."""
        return {"vi": self.name_vi, "th": self.name_th}.get((language or "en")[:2]) or self.name_en

    def __repr__(self) -> str:
        return f"<UnitLevel {self.code}>"


class Unit(Base):
    """One unit; ``path`` is the materialised path of ids (``/1/4/17/``) for subtree queries."""

    __tablename__ = "unit"
    __table_args__ = (Index("ix_unit_path", "path"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stable code used in rosters, URLs and imports (official units: the statistics code).
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    level_id: Mapped[int] = mapped_column(ForeignKey("unit_level.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    path: Mapped[str] = mapped_column(String(255), default="")
    depth: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)

    level: Mapped[UnitLevel] = relationship(lazy="joined")
    parent: Mapped[Unit | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Unit]] = relationship(back_populates="parent", order_by="Unit.name")

    def __repr__(self) -> str:
        return f"<Unit {self.code}>"

    @hybrid_property
    def kind(self) -> str | None:
        """The level's code: ``unit.kind == "commune"`` reads the same in Python and SQL."""
        return self.level.code if self.level is not None else None

    @kind.inplace.expression
    @classmethod
    def _kind_expression(cls):
        return select(UnitLevel.code).where(UnitLevel.id == cls.level_id).scalar_subquery()

    def contains(self, other: Unit) -> bool:
        """Whether ``other`` is this unit or lies below it."""
        return other.path.startswith(self.path)

    def place_under(self, parent: Unit | None) -> None:
        """Set the parent; ``path`` is finished by :func:`finish_path` once the id is known.

        Raises ValueError when the parent's level is not above this unit's level.
        """
        if parent is not None and self.level is not None and parent.level is not None \
                and parent.level.rank >= self.level.rank:
            raise ValueError(f"a {self.level.code} cannot sit under a {parent.level.code}")
        self.parent = parent
        self.depth = 0 if parent is None else parent.depth + 1


class UnitAlias(Base):
    """A former code that still finds the unit it was merged into (rosters, report links)."""

    __tablename__ = "unit_alias"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    #: The former unit's name, for the notice "X was merged into Y".
    former_name: Mapped[str] = mapped_column(String(120))
    merged_on: Mapped[date]

    unit: Mapped[Unit] = relationship()


class UnitChange(Base):
    """One reorganisation step as it happened: what, when, by whom; never changed later."""

    __tablename__ = "unit_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    #: ``merge``, ``merged``, ``move``, ``rename``.
    action: Mapped[str] = mapped_column(String(16))
    #: JSON: codes and names before and after, how many rows followed.
    detail: Mapped[str] = mapped_column(Text, default="{}")
    effective_on: Mapped[date]
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))
    #: ``Full Name (username)`` at the time; empty for the command line.
    actor_label: Mapped[str] = mapped_column(String(140), default="")


def finish_path(session: Session, unit: Unit) -> None:
    """Compute ``unit.path`` (flushing first so it has an id) and repath its subtree."""
    session.flush()
    old = unit.path
    unit.path = (unit.parent.path if unit.parent else "/") + f"{unit.id}/"
    if old and old != unit.path:
        for below in session.scalars(select(Unit).where(Unit.path.startswith(old), Unit.id != unit.id)):
            below.path = unit.path + below.path[len(old):]
            below.depth = below.path.count("/") - 2
