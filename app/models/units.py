"""Units of the union: province -> district -> commune/ward."""
from __future__ import annotations

from enum import Enum

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from ..db import Base


class UnitKind(str, Enum):
    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"


class Unit(Base):
    """One unit; ``path`` is the materialised path of ids (``/1/4/17/``) for subtree queries."""

    __tablename__ = "unit"
    __table_args__ = (
        CheckConstraint("kind in ('province', 'district', 'commune')", name="unit_kind"),
        Index("ix_unit_path", "path"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stable code used in rosters, URLs and imports (e.g. ``BT-BATRI``).
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(16))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    path: Mapped[str] = mapped_column(String(255), default="")
    depth: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)

    parent: Mapped[Unit | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Unit]] = relationship(back_populates="parent", order_by="Unit.name")

    def __repr__(self) -> str:
        return f"<Unit {self.code}>"

    def contains(self, other: Unit) -> bool:
        """Whether ``other`` is this unit or lies below it."""
        return other.path.startswith(self.path)

    def place_under(self, parent: Unit | None) -> None:
        """Set the parent; ``path`` is finished by :func:`finish_path` once the id is known."""
        self.parent = parent
        self.depth = 0 if parent is None else parent.depth + 1


def finish_path(session: Session, unit: Unit) -> None:
    """Compute ``unit.path`` (flushing first so it has an id) and repath its subtree."""
    session.flush()
    old = unit.path
    unit.path = (unit.parent.path if unit.parent else "/") + f"{unit.id}/"
    if old and old != unit.path:
        for below in session.scalars(select(Unit).where(Unit.path.startswith(old), Unit.id != unit.id)):
            below.path = unit.path + below.path[len(old):]
            below.depth = below.path.count("/") - 2
