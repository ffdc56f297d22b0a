"""A unit's committee roster: each member's status in each assigned course, those behind first."""
from __future__ import annotations

from dataclasses import dataclass

from flask import Response, abort, render_template
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..accounts.access import unit_or_404
from ..audit import Action, record
from ..content_store import catalogue
from ..extensions import db
from ..i18n import union_today
from ..models import Assignment, Member, Unit
from ..name_order import person_name_key
from ..privacy.stamp import exported_by, stamped_csv
from ..progress.status import AssignmentStatus, CourseSteps
from ..templating import COMMITTEE_LABELS
from ..web import requested_page
from . import bp
from .exports import Cell, Table, csv_bytes, status_label, xlsx_bytes
from .queries import member_statuses_statement
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
        return behind(self.statuses)


def behind(statuses: dict[str, AssignmentStatus | None]) -> tuple[int, ...]:
    """Sort key: most overdue courses first, then most not started, then most in progress."""
    counts = [0, 0, 0, 0]
    for status in statuses.values():
        if status is not None:
            counts[BEHIND[status]] += 1
    return (-counts[3], -counts[2], -counts[1])


def _courses_over(unit: Unit, visible: dict) -> list[str]:
    """Visible courses assigned to this unit, a unit above it or a unit below it."""
    rows = db.session.execute(select(Assignment.course_slug, Unit.path).join(Unit, Unit.id == Assignment.unit_id)
                              .order_by(Assignment.id)).all()
    return list(dict.fromkeys(slug for slug, path in rows if slug in visible
                              and (unit.path.startswith(path) or path.startswith(unit.path))))


def _roster_unit(code: str) -> Unit:
    """The unit by its code, if the viewer manages it: the roster (phone numbers included)
    exists only for a coordinator's own units, 404 for any other."""
    unit_id = db.session.scalar(select(Unit.id).where(Unit.code == code.upper()))
    if unit_id is None:
        abort(404)
    return unit_or_404(db.session, current_user, unit_id)


@dataclass(frozen=True)
class Roster:
    """Every active member of the unit and below, those behind first, then by name."""

    courses: list  # the assigned courses, as columns
    member_ids: list[int]  # in roster order, across all pages
    statuses: dict[int, dict[str, AssignmentStatus | None]]

    def rows(self, member_ids: list[int]) -> list[RosterRow]:
        """The rows of these members (a page), in roster order."""
        found = {member.id: (member, unit_name) for member, unit_name in db.session.execute(
            select(Member, Unit.name).join(Unit, Unit.id == Member.unit_id).where(Member.id.in_(member_ids)))}
        return [RosterRow(*found[member_id], self.statuses[member_id]) for member_id in member_ids
                if member_id in found]


def roster_of(unit: Unit) -> Roster:
    """Each member's status in each course, by the one rule the report uses
    (``progress.status``), read for the whole unit at once, so sorting "behind first" spans
    every page, not one page at a time."""
    visible = {c.slug: c for c in catalogue().visible_courses()}
    today = union_today()
    statement = member_statuses_statement(unit.path, tuple(CourseSteps.of(c) for c in visible.values()), today)
    found: dict[int, dict[str, AssignmentStatus]] = {}
    for member_id, slug, status in db.session.execute(statement):
        found.setdefault(member_id, {})[slug] = AssignmentStatus(status)
    slugs = _courses_over(unit, visible)
    slugs += [slug for slug in visible if slug not in slugs and any(slug in mine for mine in found.values())]
    names = list(db.session.execute(select(Member.id, Member.full_name).join(Unit, Unit.id == Member.unit_id)
                                    .where(Member.active.is_(True), Unit.path.startswith(unit.path, autoescape=True))))
    statuses = {member_id: {slug: found.get(member_id, {}).get(slug) for slug in slugs} for member_id, _ in names}
    names.sort(key=lambda row: (behind(statuses[row[0]]), person_name_key(row[1])))
    return Roster([visible[slug] for slug in slugs], [member_id for member_id, _ in names], statuses)


@bp.route("/units/<code>/roster")
@coordinators
def roster(code: str):
    unit = _roster_unit(code)
    roster = roster_of(unit)
    page = requested_page()
    rows = roster.rows(roster.member_ids[(page - 1) * PAGE_SIZE:page * PAGE_SIZE])
    total = len(roster.member_ids)
    return render_template("reports/roster.html", unit=unit, courses=roster.courses,
                           rows=rows, page=page, pages=max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1),
                           total=total)


def _status_cell(status: AssignmentStatus | None) -> str:
    return status_label(status.value) if status else _("not assigned")


def roster_table(unit: Unit, courses: list, rows: list[RosterRow], language: str) -> Table:
    """The roster as the page shows it, one column per assigned course."""
    headers = [_("Name"), _("Unit"), _("Committee role"), _("Phone")]
    headers += [course.text_for(language).title for course in courses]
    cells: list[list[Cell]] = [
        [row.member.full_name, row.unit_name,
         str(COMMITTEE_LABELS.get(row.member.committee_role, row.member.committee_role)),
         row.member.phone or "", *[_status_cell(row.statuses[c.slug]) for c in courses]] for row in rows]
    about = [(_("Unit"), f"{unit.name} ({unit.code})"), (_("Made on"), union_today().isoformat())]
    return Table(headers, cells, about + exported_by(current_user))


@bp.route("/units/<code>/roster/export/<fmt>")
@coordinators
def roster_export(code: str, fmt: str):
    """The whole roster (every page) as CSV or XLSX; names and phone numbers leave the site,
    so the download is recorded in the audit trail."""
    if fmt not in FORMATS:
        abort(404)
    unit = _roster_unit(code)
    roster = roster_of(unit)
    rows = roster.rows(roster.member_ids)
    table = roster_table(unit, roster.courses, rows, language())
    record(db.session, current_user, Action.EXPORT_MEMBERS, people=len(rows), format=fmt,
           filters={"roster": unit.code})
    db.session.commit()
    body = (stamped_csv(csv_bytes(table), current_user) if fmt == "csv"
            else xlsx_bytes(table, title=_("Committee roster")))
    filename = f"roster-{unit.code}-{union_today().isoformat()}.{fmt}"
    return Response(body, mimetype=FORMATS[fmt], headers={"Content-Disposition": f'attachment; filename="{filename}"'})
