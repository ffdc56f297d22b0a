"""Reading sessions, who is invited to them and who attended. Callers own the transaction.

Invited members are the active, not erased members of the invited units and every unit below
them, only the invited committee roles when the invitation names some. The same rule is
written twice: once in SQL for lists of a session's members (:func:`invited_members`), once
for one member (:func:`is_invited`), and the tests hold them to each other.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, false, func, literal, not_, or_, select
from sqlalchemy.orm import QueryableAttribute, Session, aliased

from ..models import Attendance, Member, SessionInvitation, TrainingSession, Unit
from ..models.privacy import Erasure
from ..name_order import collation_key, person_name_key


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def _role_allowed(committee_roles: str | None, committee_role: str) -> bool:
    return not committee_roles or committee_role in committee_roles.split(",")


# -- the invitation rule -----------------------------------------------------------------------

def _invitations_reaching(member: Member):
    """Invitations whose unit is her unit or a unit above it (a path is a prefix of hers)."""
    invited_unit = aliased(Unit)
    her_path = select(Unit.path).where(Unit.id == member.unit_id).scalar_subquery()
    return (select(SessionInvitation.session_id, SessionInvitation.committee_roles)
            .join(invited_unit, invited_unit.id == SessionInvitation.unit_id)
            .where(her_path.like(invited_unit.path + "%")))


def _not_erased():
    return not_(exists().where(Erasure.member_id == Member.id))


def is_invited(session: Session, training: TrainingSession, member: Member) -> bool:
    """Whether ``member`` is invited to ``training`` (active, not erased, unit and role)."""
    if not member.active or session.scalar(select(Erasure.id).where(Erasure.member_id == member.id)):
        return False
    found = session.execute(_invitations_reaching(member).where(
        SessionInvitation.session_id == training.id)).all()
    return any(_role_allowed(roles, member.committee_role) for _id, roles in found)


def invited_members_query(training: TrainingSession) -> Select[Member]:
    """The members invited to ``training``, as a select of members."""
    return members_invited_by([invitation.unit.path for invitation in training.invitations], training.roles)


def members_invited_by(unit_paths: list[str], roles: list[str]) -> Select[Member]:
    """The members an invitation of the units with ``unit_paths`` and of ``roles`` (empty:
    every role) reaches, as a select of members; also for an invitation not yet saved."""
    inside = or_(*(Unit.path.startswith(path, autoescape=True) for path in unit_paths)) \
        if unit_paths else false()
    query = (select(Member).join(Unit, Unit.id == Member.unit_id)
             .where(inside, Member.active.is_(True), _not_erased()))
    if roles:
        query = query.where(Member.committee_role.in_(roles))
    return query


def invited_members(session: Session, training: TrainingSession) -> list[Member]:
    """The invited members, by unit then name (the order of the printed sheet)."""
    members = list(session.scalars(invited_members_query(training)))
    return sorted(members, key=lambda m: (collation_key(m.unit.name), person_name_key(m.full_name)))


def invited_count(session: Session, training: TrainingSession) -> int:
    query = invited_members_query(training).with_only_columns(func.count(Member.id)).order_by(None)
    return session.scalar(query) or 0


# -- the interface other features use ----------------------------------------------------------

def sessions_for_member(session: Session, member: Member, start_utc: datetime,
                        end_utc: datetime) -> list[TrainingSession]:
    """The sessions ``member`` is invited to that start in ``[start_utc, end_utc)``, earliest
    first; cancelled sessions are left out."""
    if not member.active:
        return []
    reaching = session.execute(_invitations_reaching(member)).all()
    ids = {session_id for session_id, roles in reaching if _role_allowed(roles, member.committee_role)}
    if not ids:
        return []
    return list(session.scalars(
        select(TrainingSession).where(
            TrainingSession.id.in_(ids), TrainingSession.cancelled_at.is_(None),
            TrainingSession.starts_at >= start_utc, TrainingSession.starts_at < end_utc)
        .order_by(TrainingSession.starts_at, TrainingSession.id)))


#: My learning lists the sessions that start within this time and have not ended.
UPCOMING = timedelta(days=90)
#: No session lasts longer than this (the query looks back this far for one still running).
LONGEST_SESSION = timedelta(days=1)


def upcoming_for_member(session: Session, member: Member, now: datetime) -> list[TrainingSession]:
    """Her sessions still to come or running now, earliest first."""
    return [training for training in sessions_for_member(session, member, now - LONGEST_SESSION, now + UPCOMING)
            if training.ends_at >= now]


def missed_sessions(session: Session, member_ids: list[int], *,
                    now: datetime | None = None) -> dict[int, list[TrainingSession]]:
    """For each of ``member_ids``: the sessions she was invited to that have ended (and were not
    cancelled) with no attendance of hers, earliest first. Every id given is a key (an empty
    list when she missed none); members who are not active are given empty lists."""
    found: dict[int, list[TrainingSession]] = {member_id: [] for member_id in member_ids}
    if not member_ids:
        return found
    member_unit, invited_unit = aliased(Unit), aliased(Unit)
    attended = exists().where(Attendance.session_id == TrainingSession.id,
                              Attendance.member_id == Member.id)
    query = (
        select(Member.id, Member.committee_role, SessionInvitation.committee_roles, TrainingSession)
        .join(member_unit, member_unit.id == Member.unit_id)
        .join(invited_unit, member_unit.path.like(invited_unit.path + "%"))
        .join(SessionInvitation, SessionInvitation.unit_id == invited_unit.id)
        .join(TrainingSession, TrainingSession.id == SessionInvitation.session_id)
        .where(Member.id.in_(member_ids), Member.active.is_(True), _not_erased(),
               TrainingSession.cancelled_at.is_(None), TrainingSession.ends_at <= _now(now),
               not_(attended))
        .order_by(TrainingSession.starts_at, TrainingSession.id)
    )
    seen: set[tuple[int, int]] = set()
    for member_id, role, invited_roles, training in session.execute(query):
        if _role_allowed(invited_roles, role) and (member_id, training.id) not in seen:
            seen.add((member_id, training.id))
            found[member_id].append(training)
    return found


# -- attendance --------------------------------------------------------------------------------

def attendance_of(session: Session, training: TrainingSession) -> dict[int, Attendance]:
    """Member id -> her attendance at ``training``."""
    return {a.member_id: a for a in session.scalars(
        select(Attendance).where(Attendance.session_id == training.id))}


def attendance_of_member(session: Session, training_id: int, member_id: int) -> Attendance | None:
    """Her attendance at the session, if any."""
    return session.scalars(select(Attendance).where(
        Attendance.session_id == training_id, Attendance.member_id == member_id)).first()


def attendance_count(session: Session, training_id: int) -> int:
    return session.scalar(select(func.count(Attendance.id)).where(Attendance.session_id == training_id)) or 0


def sessions_attended(session: Session, member_id: int, course_slug: str) -> int:
    """How many sessions of ``course_slug`` she attended (what blended completion counts)."""
    return session.scalar(
        select(func.count(Attendance.id)).join(TrainingSession, TrainingSession.id == Attendance.session_id)
        .where(Attendance.member_id == member_id, TrainingSession.course_slug == course_slug)) or 0


def attended_sessions_by_course(session: Session, member_id: int) -> dict[str, int]:
    """Course slug -> how many of its sessions she attended."""
    return dict(session.execute(
        select(TrainingSession.course_slug, func.count(Attendance.id))
        .join(TrainingSession, TrainingSession.id == Attendance.session_id)
        .where(Attendance.member_id == member_id).group_by(TrainingSession.course_slug)).all())


def attended_session_ids(session: Session, member_id: int, session_ids: list[int]) -> set[int]:
    if not session_ids:
        return set()
    return set(session.scalars(select(Attendance.session_id).where(
        Attendance.member_id == member_id, Attendance.session_id.in_(session_ids))))


# -- reports -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class AttendanceCounts:
    """Invitations to sessions already started, and how many of them were attended."""

    invited: int = 0
    attended: int = 0

    @property
    def rate(self) -> float | None:
        """Share of invitations attended, 0-100; None when nobody was invited."""
        return 100.0 * self.attended / self.invited if self.invited else None


def attendance_for_report(session: Session, query, *, now: datetime | None = None) -> dict:
    """Attendance per row of a completion report (``app.reports.queries.CompletionQuery``):
    group key (unit id, member id, course slug, or 0 for the total) -> AttendanceCounts.

    Counts (member, session) pairs: active, not erased members below the report's root (of its
    committee role) invited to a session of the report's courses that has started and was not
    cancelled, starting inside the report's dates; attended when she has an attendance.
    Walk-ins were not invited and are not counted here.
    """
    member_unit, invited_unit, ancestor = aliased(Unit), aliased(Unit), aliased(Unit)
    courses = [course.slug for course in query.courses]
    role_invited = or_(SessionInvitation.committee_roles.is_(None),
                       ("," + SessionInvitation.committee_roles + ",").contains("," + Member.committee_role + ","))
    group: ColumnElement[Any] | QueryableAttribute[Any]
    if query.by_unit:
        group = func.coalesce(ancestor.id, member_unit.id)
    else:
        group = {"member": Member.id, "course": TrainingSession.course_slug}.get(query.group_by, literal(0))
    pairs = (
        select(Member.id.label("member_id"), TrainingSession.id.label("session_id"), group.label("group_id"))
        .select_from(Member)
        .join(member_unit, member_unit.id == Member.unit_id)
        .join(invited_unit, member_unit.path.like(invited_unit.path + "%"))
        .join(SessionInvitation, SessionInvitation.unit_id == invited_unit.id)
        .join(TrainingSession, TrainingSession.id == SessionInvitation.session_id)
        .where(member_unit.path.startswith(query.root_path, autoescape=True), Member.active.is_(True),
               _not_erased(), role_invited, TrainingSession.cancelled_at.is_(None),
               TrainingSession.starts_at <= _now(now), TrainingSession.course_slug.in_(courses))
        .distinct()
    )
    if query.by_unit:
        pairs = pairs.outerjoin(ancestor, and_(ancestor.level_id == query.group_level_id,
                                               member_unit.path.startswith(ancestor.path)))
    if query.committee_role:
        pairs = pairs.where(Member.committee_role == query.committee_role)
    if query.member_id is not None:
        pairs = pairs.where(Member.id == query.member_id)
    if query.since is not None:
        pairs = pairs.where(TrainingSession.starts_at >= query.since)
    if query.until is not None:
        pairs = pairs.where(TrainingSession.starts_at < query.until)
    paired = pairs.subquery()
    counted = (select(paired.c.group_id, func.count(), func.count(Attendance.id))
               .select_from(paired)
               .outerjoin(Attendance, and_(Attendance.session_id == paired.c.session_id,
                                           Attendance.member_id == paired.c.member_id))
               .group_by(paired.c.group_id))
    return {key: AttendanceCounts(invited, attended) for key, invited, attended in session.execute(counted)}


def total_attendance(counts: dict) -> AttendanceCounts:
    """The rows added up (every member is in one row, and each pair is counted once in it)."""
    return AttendanceCounts(sum(c.invited for c in counts.values()), sum(c.attended for c in counts.values()))
