"""A unit's committee roster: each member's status in each assigned course, those behind first."""
from __future__ import annotations

from dataclasses import dataclass

from flask import abort, current_app, render_template, request
from flask_login import current_user
from sqlalchemy import func, select

from ..accounts.access import unit_or_404
from ..content_store import catalogue
from ..extensions import db
from ..models import Assignment, Member, Unit
from ..progress.assignments import applies_to, today_in
from ..progress.records import load_member_records
from ..progress.rules import AssignmentStatus, assignment_status
from . import bp
from .views import coordinators

PAGE_SIZE = 100
#: How far behind a status is: sorting on it puts the members who need help at the top.
BEHIND = {AssignmentStatus.OVERDUE: 3, AssignmentStatus.NOT_STARTED: 2,
          AssignmentStatus.IN_PROGRESS: 1, AssignmentStatus.COMPLETED: 0}


@dataclass(frozen=True)
class RosterRow:
    member: Member
    statuses: dict[str, AssignmentStatus | None]  # course slug -> status (None: not assigned to her)

    @property
    def behind(self) -> tuple[int, ...]:
        counts = [0, 0, 0, 0]
        for status in self.statuses.values():
            if status is not None:
                counts[BEHIND[status]] += 1
        return (-counts[3], -counts[2], -counts[1])


def _assignments_over(unit: Unit) -> list[tuple[Assignment, str]]:
    """Assignments made on this unit, a unit above it, or a unit below it, with their unit path."""
    rows = db.session.execute(select(Assignment, Unit.path).join(Unit, Unit.id == Assignment.unit_id)).all()
    return [(a, path) for a, path in rows if unit.path.startswith(path) or path.startswith(unit.path)]


@bp.route("/units/<code>/roster")
@coordinators
def roster(code: str):
    unit_id = db.session.scalar(select(Unit.id).where(Unit.code == code.upper()))
    if unit_id is None:
        abort(404)
    unit = unit_or_404(db.session, current_user, unit_id)
    visible = {c.slug: c for c in catalogue().visible_courses()}
    assignments = [(a, path) for a, path in _assignments_over(unit) if a.course_slug in visible]
    courses = list(dict.fromkeys(a.course_slug for a, _ in assignments))
    in_unit = (select(Member, Unit.path).join(Unit, Unit.id == Member.unit_id)
               .where(Member.active.is_(True), Unit.path.startswith(unit.path, autoescape=True)))
    total = db.session.scalar(select(func.count()).select_from(in_unit.subquery()))
    page = max(request.args.get("page", 1, type=int), 1)
    members = db.session.execute(in_unit.order_by(Member.full_name)
                                 .limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).all()
    records = load_member_records(db.session, [m.id for m, _ in members])
    today = today_in(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    rows = []
    for member, member_path in members:
        statuses: dict[str, AssignmentStatus | None] = {}
        for slug in courses:
            mine = [a for a, path in assignments if a.course_slug == slug
                    and member_path.startswith(path) and applies_to(a, member.committee_role)]
            if not mine:
                statuses[slug] = None
                continue
            due = min((a.due_date for a in mine if a.due_date), default=None)
            statuses[slug] = assignment_status(records[member.id].progress(visible[slug]), due, today)
        rows.append(RosterRow(member, statuses))
    rows.sort(key=lambda row: (row.behind, row.member.full_name))
    return render_template("reports/roster.html", unit=unit, courses=[visible[s] for s in courses],
                           rows=rows, page=page, pages=max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1),
                           total=total)
