"""Each group's standing: latest month, measures, band, whether numbers are missing, and its
admins' training. The unit page, the exports and ``flask groups report`` all read this, so
they show the same numbers.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Certificate, FacebookGroup, GroupRole, Member, MonthlyNumbers
from .health import Band, MonthHealth, MonthNumbers, Thresholds, history, is_stale
from .numbers import as_month_numbers


@dataclass(frozen=True)
class AdminTraining:
    member: Member
    role: str
    finished_at: datetime | None  # when her certificate for the course was issued


@dataclass(frozen=True)
class GroupSummary:
    group: FacebookGroup
    months: tuple[MonthNumbers, ...]
    health: tuple[MonthHealth, ...]
    stale: bool
    admins: tuple[AdminTraining, ...]

    @property
    def latest(self) -> MonthHealth | None:
        return self.health[-1] if self.health else None

    @property
    def latest_numbers(self) -> MonthNumbers | None:
        return self.months[-1] if self.months else None

    @property
    def band(self) -> Band | None:
        """The latest month's band; None when numbers are missing or say nothing."""
        return None if self.stale or self.latest is None else self.latest.band

    @property
    def needs_help(self) -> bool:
        """The groups training is aimed at: band "needs help", or no numbers for too long."""
        return self.stale or self.band is Band.NEEDS_HELP

    @property
    def trained_admins(self) -> int:
        return sum(1 for a in self.admins if a.role == "admin" and a.finished_at is not None)

    @property
    def admin_count(self) -> int:
        return sum(1 for a in self.admins if a.role == "admin")

    @property
    def all_admins_trained(self) -> bool:
        return self.admin_count > 0 and self.trained_admins == self.admin_count

    @property
    def sort_key(self):
        """Weakest first: needs help (or no numbers), then watch, then healthy; then by name."""
        order = -1 if self.band is None else self.band.order
        interaction = self.latest.interaction if self.latest and self.latest.interaction is not None else -1
        return (order, interaction, self.group.name.lower())


def training_dates(session: Session, member_ids: list[int], course_slug: str) -> dict[int, datetime]:
    """When each member finished ``course_slug`` (her certificate, if not revoked)."""
    if not member_ids:
        return {}
    rows = session.execute(select(Certificate.member_id, Certificate.issued_at).where(
        Certificate.member_id.in_(member_ids), Certificate.course_slug == course_slug,
        Certificate.revoked_at.is_(None)))
    return dict(rows.all())


def summarise(session: Session, groups: list[FacebookGroup], *, today: date, thresholds: Thresholds,
              course_slug: str) -> list[GroupSummary]:
    """The standing of ``groups``, weakest first."""
    ids = [g.id for g in groups]
    months: dict[int, list[MonthNumbers]] = {i: [] for i in ids}
    roles: dict[int, list[GroupRole]] = {i: [] for i in ids}
    if ids:
        for row in session.scalars(select(MonthlyNumbers).where(
                MonthlyNumbers.group_id.in_(ids), MonthlyNumbers.status != "returned")
                .order_by(MonthlyNumbers.month)):
            months[row.group_id].append(as_month_numbers(row))
        for role in session.scalars(select(GroupRole).where(GroupRole.group_id.in_(ids))):
            roles[role.group_id].append(role)
    finished = training_dates(session, sorted({r.member_id for rs in roles.values() for r in rs}), course_slug)
    summaries = []
    for group in groups:
        admins = tuple(AdminTraining(r.member, r.role, finished.get(r.member_id))
                       for r in sorted(roles[group.id], key=lambda r: (r.role, r.member.full_name)))
        summaries.append(GroupSummary(group, tuple(months[group.id]), tuple(history(months[group.id], thresholds)),
                                      is_stale(months[group.id], today, thresholds), admins))
    return sorted(summaries, key=lambda s: s.sort_key)
