"""Reading what the worklist needs, and writing follow-up notes. Callers own the transaction.

Whose data: the members of one unit and every unit below it (``root``; None is the whole
union, for admins). The view takes ``root`` from the viewer's scope, so a coordinator's
list, exports and notes hold only her own units' members.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import bindparam, exists, func, not_, select
from sqlalchemy.orm import Session

from ..audit import label
from ..models import Assignment, Erasure, Member, QuizAttempt, Unit
from ..models.followup import FollowUpNote
from ..models.groups import GroupTrainingAssignment
from ..name_order import sorted_by_name
from ..progress.assignments import applies_to
from ..progress.records import load_member_records, rows
from ..progress.rules import course_steps
from .reasons import CourseFacts

#: Members whose records are read in one go (a province is read in slices of this many).
SLICE = 2000


def members_under(session: Session, root: Unit | None, *, leave_out: int | None = None) -> list[tuple[Member, Unit]]:
    """Active, not erased members of ``root`` and the units below it, with their unit, in
    Vietnamese name order; ``leave_out`` is the viewer (she does not follow herself up)."""
    query = (select(Member, Unit).join(Unit, Unit.id == Member.unit_id)
             .where(Member.active.is_(True), not_(exists().where(Erasure.member_id == Member.id))))
    if root is not None:
        query = query.where(Unit.path.startswith(root.path, autoescape=True))
    if leave_out is not None:
        query = query.where(Member.id != leave_out)
    return sorted_by_name(session.execute(query).all(), lambda row: row[0].full_name)


def _assignments_over(session: Session, root: Unit | None) -> Sequence[tuple[str, date | None, str | None, str]]:
    """Assignments that can reach a member under ``root``: made on it, above it or below it."""
    query = select(Assignment.course_slug, Assignment.due_date, Assignment.committee_roles, Unit.path) \
        .join(Unit, Unit.id == Assignment.unit_id)
    found = session.execute(query).all()
    if root is None:
        return found
    return [row for row in found if root.path.startswith(row[3]) or row[3].startswith(root.path)]


_NAMED = select(GroupTrainingAssignment.member_id, GroupTrainingAssignment.course_slug,
                GroupTrainingAssignment.due_date).where(
    GroupTrainingAssignment.member_id.in_(bindparam("members", expanding=True)))
_FAILED = select(QuizAttempt.member_id, QuizAttempt.quiz_id, func.count()).where(
    QuizAttempt.member_id.in_(bindparam("members", expanding=True)), QuizAttempt.submitted_at.is_not(None),
    QuizAttempt.passed.is_(False)).group_by(QuizAttempt.member_id, QuizAttempt.quiz_id)


def _earliest(current: date | None, candidate: date | None, known: bool) -> date | None:
    """Several assignments of one course: the earliest due date counts (as on My learning)."""
    if not known:
        return candidate
    if current is None or candidate is None:
        return current or candidate
    return min(current, candidate)


def assigned_courses(session: Session, members: Sequence[tuple[Member, Unit]], root: Unit | None,
                     course_slugs: set[str]) -> dict[int, dict[str, date | None]]:
    """Member id -> {course slug -> due date} for the courses in ``course_slugs`` assigned to
    each: through her unit or one above it (for her committee role), or by name."""
    over = [row for row in _assignments_over(session, root) if row[0] in course_slugs]
    found: dict[int, dict[str, date | None]] = {}
    for member, unit in members:
        mine: dict[str, date | None] = {}
        for slug, due, roles, path in over:
            if unit.path.startswith(path) and applies_to(_Roles(roles), member.committee_role):
                mine[slug] = _earliest(mine.get(slug), due, slug in mine)
        found[member.id] = mine
    ids = [member.id for member, _unit in members]
    for start in range(0, len(ids), SLICE):
        for member_id, slug, due in rows(session, _NAMED, {"members": ids[start:start + SLICE]}):
            if slug in course_slugs:
                mine = found[member_id]
                mine[slug] = _earliest(mine.get(slug), due, slug in mine)
    return found


class _Roles:
    def __init__(self, roles: str | None):
        self.committee_roles = roles


def course_facts(session: Session, assigned: dict[int, dict[str, date | None]], courses: dict,
                 *, now: datetime) -> dict[int, list[CourseFacts]]:
    """What each member has done in each course assigned to her (``courses``: slug -> course)."""
    ids = [member_id for member_id, mine in assigned.items() if mine]
    facts: dict[int, list[CourseFacts]] = {}
    for start in range(0, len(ids), SLICE):
        part = ids[start:start + SLICE]
        records = load_member_records(session, part)
        failed: dict[int, dict[str, int]] = defaultdict(dict)
        for member_id, quiz_id, count in rows(session, _FAILED, {"members": part}):
            failed[member_id][quiz_id] = int(count)
        missed = _missed_sessions(session, part, now)
        for member_id in part:
            record = records[member_id]
            found = []
            for slug, due in assigned[member_id].items():
                course = courses[slug]
                progress = record.progress(course)
                quizzes = [(step.slug, failed[member_id].get(step.slug, 0), step.slug in record.passed_quizzes)
                           for step in course_steps(course) if step.is_quiz]
                found.append(CourseFacts(
                    slug, due, progress.complete, progress.started,
                    last_lesson=record.last_opened.get(slug) if progress.started else None,
                    quizzes=quizzes,
                    missed_sessions=[(s.id, s.starts_at) for s in missed.get(member_id, ()) if s.course_slug == slug]))
            facts[member_id] = found
    return facts


def _missed_sessions(session: Session, member_ids: list[int], now: datetime) -> dict:
    from ..training.queries import missed_sessions

    return missed_sessions(session, member_ids, now=now)


# -- notes -------------------------------------------------------------------------------------

_LATEST_NOTE = select(FollowUpNote).where(FollowUpNote.id.in_(
    select(func.max(FollowUpNote.id)).where(FollowUpNote.member_id.in_(bindparam("members", expanding=True)))
    .group_by(FollowUpNote.member_id)))


def latest_notes(session: Session, member_ids: list[int]) -> dict[int, FollowUpNote]:
    """Each member's newest note (notes are only added, so the largest id is the newest)."""
    found = {}
    for start in range(0, len(member_ids), SLICE):
        part = member_ids[start:start + SLICE]
        if part:
            found.update({note.member_id: note for note in session.scalars(_LATEST_NOTE, {"members": part})})
    return found


def notes_about(session: Session, member_id: int) -> list[FollowUpNote]:
    """Her follow-up log, newest first."""
    return list(session.scalars(select(FollowUpNote).where(FollowUpNote.member_id == member_id)
                                .order_by(FollowUpNote.written_at.desc(), FollowUpNote.id.desc())))


def add_note(session: Session, member: Member, author: Member, text: str, *, now: datetime) -> FollowUpNote:
    """Add a note to her log (the caller commits)."""
    note = FollowUpNote(member_id=member.id, author_id=author.id, author_label=label(author),
                        written_at=now, text=text)
    session.add(note)
    return note
