"""Training aimed where it is needed, and what the numbers show afterwards.

Course assignments elsewhere are per unit and committee role. Aiming a course at the admins of
the groups that need help names people, so each is a ``GroupTrainingAssignment`` row: one per
member and course, with the group that was the reason for it.

The comparison report puts groups whose admins have all finished the course beside the others:
interaction and growth in the months before and after. It shows an association, not proof: the
groups were not chosen at random, and many other things change between months.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from statistics import mean

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..audit import Action, record
from ..models import GroupTrainingAssignment, Member, Unit
from .summary import GroupSummary, training_dates


@dataclass(frozen=True)
class PlannedAssignment:
    member: Member
    group_name: str
    group_id: int


def untrained_admins(session: Session, summaries: list[GroupSummary], course_slug: str) -> list[PlannedAssignment]:
    """The admins of the groups that need help who have not finished ``course_slug`` (each once)."""
    needing = [s for s in summaries if s.needs_help]
    admins = [(a.member, s.group) for s in needing for a in s.admins if a.role == "admin" and a.member.active]
    finished = training_dates(session, sorted({m.id for m, _g in admins}), course_slug)
    planned: dict[int, PlannedAssignment] = {}
    for member, group in admins:
        if member.id not in finished and member.id not in planned:
            planned[member.id] = PlannedAssignment(member, group.name, group.id)
    return sorted(planned.values(), key=lambda p: (p.group_name, p.member.full_name))


def assign(session: Session, planned: list[PlannedAssignment], course_slug: str, due: date,
           actor: Member | None) -> int:
    """Assign the course to each planned admin who does not have it yet; returns how many."""
    already = set(session.scalars(select(GroupTrainingAssignment.member_id).where(
        GroupTrainingAssignment.course_slug == course_slug,
        GroupTrainingAssignment.member_id.in_([p.member.id for p in planned]))))
    new = [p for p in planned if p.member.id not in already]
    for p in new:
        session.add(GroupTrainingAssignment(member_id=p.member.id, course_slug=course_slug, due_date=due,
                                            group_id=p.group_id, assigned_by_id=actor.id if actor else None))
    if new:
        record(session, actor, Action.GROUP_TRAINING_ASSIGN, people=len(new), course=course_slug,
               due=due.isoformat(), members=[p.member.id for p in new], groups=sorted({p.group_id for p in new}))
    return len(new)


@dataclass(frozen=True)
class Period:
    interaction: float | None
    growth: float | None
    months: int


@dataclass(frozen=True)
class Side:
    groups: int
    before: Period
    after: Period


@dataclass(frozen=True)
class ComparisonRow:
    unit: Unit | None  # None: the total
    trained: Side
    others: Side


def _day(moment: datetime | date) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def trained_since(summary: GroupSummary) -> date | None:
    """The day the last of the group's admins finished, when all of them have."""
    if not summary.all_admins_trained:
        return None
    return max(_day(a.finished_at) for a in summary.admins if a.role == "admin" and a.finished_at is not None)


def _period(values: list[tuple[float | None, float | None]]) -> Period:
    interactions = [i for i, _g in values if i is not None]
    growths = [g for _i, g in values if g is not None]
    return Period(mean(interactions) if interactions else None, mean(growths) if growths else None, len(values))


def _side(summaries: list[GroupSummary], split_of) -> Side:
    before: list[tuple[float | None, float | None]] = []
    after: list[tuple[float | None, float | None]] = []
    for s in summaries:
        split = split_of(s)
        for h in s.health:
            (after if split is not None and h.month >= split.replace(day=1) else before).append(
                (h.interaction, h.growth))
    return Side(len(summaries), _period(before), _period(after))


def comparison(summaries: list[GroupSummary], unit_of: dict[int, Unit | None]) -> list[ComparisonRow]:
    """One row per unit of the level asked for (``unit_of``: group id -> that unit), then the total.

    A trained group's months count "after" from the month its last admin finished. Groups
    not (all) trained have no such day, so their months are split at the median day the
    trained groups finished: the same calendar, to set beside them.
    """
    days = sorted(d for s in summaries if (d := trained_since(s)) is not None)
    median = days[len(days) // 2] if days else None

    def row(unit: Unit | None, members: list[GroupSummary]) -> ComparisonRow:
        trained = [s for s in members if trained_since(s) is not None]
        others = [s for s in members if trained_since(s) is None]
        return ComparisonRow(unit, _side(trained, trained_since), _side(others, lambda _s: median))

    by_unit: dict[int | None, list[GroupSummary]] = {}
    units: dict[int | None, Unit | None] = {}
    for s in summaries:
        unit = unit_of.get(s.group.id)
        key = unit.id if unit is not None else None
        by_unit.setdefault(key, []).append(s)
        units[key] = unit
    def unit_name(key: int | None) -> str:
        found = units[key]
        return found.name if found else ""

    rows = [row(units[key], members) for key, members in sorted(by_unit.items(), key=lambda item: unit_name(item[0]))]
    return rows + [row(None, summaries)]
