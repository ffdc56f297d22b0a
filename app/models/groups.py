"""The union's Facebook groups: the register, who runs each group, and its monthly numbers.

Only aggregate numbers, as Group Insights shows them to a group's admins, are kept: nothing
about any individual member of a Facebook group, and never a Facebook password or token.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from ..db import Base
from .members import Member
from .types import UTCDateTime, utcnow
from .units import Unit

#: The numbers of a month, in the order Group Insights and the forms show them.
NUMBER_FIELDS = ("members", "new_members", "left_members", "posts", "comments", "reactions",
                 "active_members", "viewers", "pending_requests", "member_posts")
PRIVACY = ("public", "private")
VISIBILITY = ("visible", "hidden")
GROUP_ROLES = ("admin", "moderator")
STATUSES = ("entered", "confirmed", "returned")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} in ({', '.join(repr(v) for v in values)})"


class FacebookGroup(Base):
    """A Facebook group of the union, under the unit that runs it."""

    __tablename__ = "facebook_group"
    __table_args__ = (
        CheckConstraint(_in("privacy", PRIVACY), name="facebook_group_privacy"),
        CheckConstraint(_in("visibility", VISIBILITY), name="facebook_group_visibility"),
        CheckConstraint("founding_members >= 0", name="facebook_group_founding_members"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    #: Always ``https://www.facebook.com/groups/<id-or-name>`` (see ``groups.addresses``).
    address: Mapped[str] = mapped_column(String(255), unique=True)
    privacy: Mapped[str] = mapped_column(String(16), default="private")
    visibility: Mapped[str] = mapped_column(String(16), default="visible")
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    purpose: Mapped[str | None] = mapped_column(Text)
    founded_on: Mapped[date | None]
    founding_members: Mapped[int | None]
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    unit: Mapped[Unit] = relationship()
    roles: Mapped[list[GroupRole]] = relationship(back_populates="group", cascade="all, delete-orphan",
                                                  order_by="GroupRole.role, GroupRole.id")


class GroupRole(Base):
    """A member of the roster who runs a group, as its admin or moderator."""

    __tablename__ = "group_role"
    __table_args__ = (
        UniqueConstraint("group_id", "member_id", name="uq_group_role"),
        CheckConstraint(_in("role", GROUP_ROLES), name="group_role_role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("facebook_group.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16), default="admin")

    group: Mapped[FacebookGroup] = relationship(back_populates="roles")
    member: Mapped[Member] = relationship()


class _Numbers:
    """The figures of one month; None where Group Insights shows nothing or she left it blank."""

    members: Mapped[int | None]
    new_members: Mapped[int | None]
    left_members: Mapped[int | None]
    posts: Mapped[int | None]
    comments: Mapped[int | None]
    reactions: Mapped[int | None]
    active_members: Mapped[int | None]
    viewers: Mapped[int | None]
    pending_requests: Mapped[int | None]
    member_posts: Mapped[int | None]

    @classmethod
    def number_checks(cls, table: str) -> tuple[CheckConstraint, ...]:
        return (*(CheckConstraint(f"{name} >= 0", name=f"{table}_{name}") for name in NUMBER_FIELDS),
                CheckConstraint("member_posts <= posts", name=f"{table}_member_posts_of_posts"))

    def values(self) -> dict[str, int | None]:
        return {name: getattr(self, name) for name in NUMBER_FIELDS}


class MonthlyNumbers(_Numbers, Base):
    """One month of one group: entered by an admin of the group, then confirmed or returned
    with a note by a coordinator. ``month`` is the first day of the month."""

    __tablename__ = "group_month"

    @declared_attr.directive
    def __table_args__(cls):
        return (UniqueConstraint("group_id", "month", name="uq_group_month"),
                CheckConstraint(_in("status", STATUSES), name="group_month_status"),
                *cls.number_checks("group_month"))

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("facebook_group.id", ondelete="CASCADE"))
    month: Mapped[date]
    status: Mapped[str] = mapped_column(String(16), default="entered")
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))
    entered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    return_note: Mapped[str | None] = mapped_column(Text)

    group: Mapped[FacebookGroup] = relationship()
    entered_by: Mapped[Member | None] = relationship(foreign_keys=[entered_by_id])
    confirmed_by: Mapped[Member | None] = relationship(foreign_keys=[confirmed_by_id])
    earlier: Mapped[list[MonthlyNumbersHistory]] = relationship(
        back_populates="numbers", cascade="all, delete-orphan", order_by="MonthlyNumbersHistory.id")


class MonthlyNumbersHistory(_Numbers, Base):
    """The values a month held before a correction replaced them (kept, never changed)."""

    __tablename__ = "group_month_history"

    @declared_attr.directive
    def __table_args__(cls):
        return (Index("ix_group_month_history_numbers", "numbers_id"),
                *cls.number_checks("group_month_history"))

    id: Mapped[int] = mapped_column(primary_key=True)
    numbers_id: Mapped[int] = mapped_column(ForeignKey("group_month.id", ondelete="CASCADE"))
    #: The status and who had entered the values that were replaced.
    status: Mapped[str] = mapped_column(String(16))
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))
    entered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    replaced_by_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))
    replaced_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    numbers: Mapped[MonthlyNumbers] = relationship(back_populates="earlier")
    replaced_by: Mapped[Member | None] = relationship(foreign_keys=[replaced_by_id])


class GroupHealthSetting(Base):
    """One threshold of the health bands that an admin changed (name of a ``Thresholds`` field);
    a threshold without a row keeps its default."""

    __tablename__ = "group_health_setting"

    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[float] = mapped_column(Float)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class GroupTrainingAssignment(Base):
    """A course assigned to one member because a group she runs needs help.

    Course assignments elsewhere are per unit and committee role; this one names a person,
    and the group that was the reason for it.
    """

    __tablename__ = "group_training_assignment"
    __table_args__ = (UniqueConstraint("member_id", "course_slug", name="uq_group_training_assignment"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    course_slug: Mapped[str] = mapped_column(String(80))
    due_date: Mapped[date]
    group_id: Mapped[int | None] = mapped_column(ForeignKey("facebook_group.id", ondelete="SET NULL"))
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    member: Mapped[Member] = relationship(foreign_keys=[member_id])
