"""A unit's committee roster: each member's status in each assigned course, those behind first."""
from __future__ import annotations

from dataclasses import dataclass

from datetime import date

from flask import Response, abort, current_app, render_template
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..accounts.access import unit_or_404
from ..audit import Action, record
from ..content_store import catalogue
from ..extensions import db
from ..models import Assignment, Member, Unit
from ..name_order import person_name_key, sorted_by_name
from ..progress.assignments import applies_to, today_in
from ..progress.records import load_member_records
from ..privacy.stamp import exported_by
from ..progress.rules import AssignmentStatus, assignment_status
from ..templating import COMMITTEE_LABELS
from ..web import requested_page
from . import bp
from .exports import Table, csv_bytes, status_label, xlsx_bytes
from .selection import language
from .views import FORMATS, coordinators

PAGE_SIZE = 100
#: How far behind a status is: sorting on it puts the members who need help at the top.
BEHIND = {AssignmentStatus.OVERDUE: 3, AssignmentStatus.NOT_STARTED: 2,
          AssignmentStatus.IN_PROGRESS: 1, AssignmentStatus.COMPLETED: 0}


@dataclass(frozen=True)
class RosterRow:
    member: Member
    unit_name: str  # her commune, ward, branch or group: the roster spans the units below
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


def _roster_unit(code: str) -> Unit:
    """The unit by its code, if the viewer manages it: the roster (phone numbers included)
    exists only for a coordinator's own units, 404 for any other."""
    unit_id = db.session.scalar(select(Unit.id).where(Unit.code == code.upper()))
    if unit_id is None:
        abort(404)
    return unit_or_404(db.session, current_user, unit_id)


def _member_ids_by_name(unit: Unit) -> list[int]:
    """Active members of the unit and below, in Vietnamese name order (only ids and names are
    read for that, so pages cut from it hold each member exactly once)."""
    names = db.session.execute(select(Member.id, Member.full_name).join(Unit, Unit.id == Member.unit_id)
                               .where(Member.active.is_(True), Unit.path.startswith(unit.path, autoescape=True))).all()
    return [member_id for member_id, _name in sorted_by_name(names, lambda row: row[1])]


def roster_rows(unit: Unit, member_ids: list[int]) -> tuple[list, list[RosterRow]]:
    """The courses assigned over ``unit`` and one row per member, those behind first."""
    visible = {c.slug: c for c in catalogue().visible_courses()}
    assignments = [(a, path) for a, path in _assignments_over(unit) if a.course_slug in visible]
    courses = list(dict.fromkeys(a.course_slug for a, _ in assignments))
    members = db.session.execute(select(Member, Unit.path, Unit.name).join(Unit, Unit.id == Member.unit_id)
                                 .where(Member.id.in_(member_ids))).all()
    records = load_member_records(db.session, [m.id for m, _, _ in members])
    today = today_in(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    rows = []
    for member, member_path, unit_name in members:
        statuses: dict[str, AssignmentStatus | None] = {}
        for slug in courses:
            mine = [a for a, path in assignments if a.course_slug == slug
                    and member_path.startswith(path) and applies_to(a, member.committee_role)]
            if not mine:
                statuses[slug] = None
                continue
            due = min((a.due_date for a in mine if a.due_date), default=None)
            statuses[slug] = assignment_status(records[member.id].progress(visible[slug]), due, today)
        rows.append(RosterRow(member, unit_name, statuses))
    rows.sort(key=lambda row: (row.behind, person_name_key(row.member.full_name)))
    return [visible[s] for s in courses], rows


@bp.route("/units/<code>/roster")
@coordinators
def roster(code: str):
    unit = _roster_unit(code)
    member_ids = _member_ids_by_name(unit)
    page = requested_page()
    courses, rows = roster_rows(unit, member_ids[(page - 1) * PAGE_SIZE:page * PAGE_SIZE])
    total = len(member_ids)
    return render_template("reports/roster.html", unit=unit, courses=courses,
                           rows=rows, page=page, pages=max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1),
                           total=total)


def roster_table(unit: Unit, courses: list, rows: list[RosterRow], language: str) -> Table:
    """The roster as the page shows it, one column per assigned course."""
    headers = [_("Name"), _("Unit"), _("Committee role"), _("Phone")]
    headers += [course.text_for(language).title for course in courses]
    cells = [[row.member.full_name, row.unit_name,
              str(COMMITTEE_LABELS.get(row.member.committee_role, row.member.committee_role)),
              row.member.phone or ""]
             + [status_label(row.statuses[c.slug].value) if row.statuses[c.slug] else _("not assigned")
                for c in courses] for row in rows]
    about = [(_("Unit"), f"{unit.name} ({unit.code})"), (_("Made on"), date.today().isoformat())]
    return Table(headers, cells, about + exported_by(current_user))


@bp.route("/units/<code>/roster/export/<fmt>")
@coordinators
def roster_export(code: str, fmt: str):
    """The whole roster (every page) as CSV or XLSX; names and phone numbers leave the site,
    so the download is recorded in the audit trail."""
    if fmt not in FORMATS:
        abort(404)
    unit = _roster_unit(code)
    courses, rows = roster_rows(unit, _member_ids_by_name(unit))
    table = roster_table(unit, courses, rows, language())
    record(db.session, current_user, Action.EXPORT_MEMBERS, people=len(rows), format=fmt,
           filters={"roster": unit.code})
    db.session.commit()
    body = csv_bytes(table) if fmt == "csv" else xlsx_bytes(table, title=_("Committee roster"))
    filename = f"roster-{unit.code}-{date.today().isoformat()}.{fmt}"
    return Response(body, mimetype=FORMATS[fmt], headers={"Content-Disposition": f'attachment; filename="{filename}"'})
