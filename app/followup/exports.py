"""The worklist as CSV or XLSX: one line per member and course, as the page lists them.

Names, phone numbers and notes leave the site, so each download is recorded in the audit
trail and names who made it and when (the CSV's first line, the XLSX's "About" sheet);
every text cell is formula-neutralised (``app.reports.exports``).
"""
from __future__ import annotations

from flask import Response, abort, render_template
from flask_babel import gettext as _
from flask_login import current_user

from ..audit import Action, record
from ..extensions import db
from ..i18n import union_today
from ..privacy.stamp import exported_by, stamped_csv
from ..reports.exports import Cell, Table, csv_bytes, xlsx_bytes
from ..templating import COMMITTEE_LABELS
from . import bp
from .listing import FollowUpRow, TooManyMembers
from .views import Chosen, chosen, coordinators, language, rows_of, utc_now
from .wording import course_title, local_day

FORMATS = {"csv": "text/csv; charset=utf-8",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def worklist_table(choice: Chosen, rows: list[FollowUpRow]) -> Table:
    headers = [_("Name"), _("Username"), _("Unit"), _("Committee role"), _("Phone"), _("Course"),
               _("Due date"), _("Days overdue"), _("Days left"), _("Status"), _("Why"), _("Latest note"), _("Message")]
    cells: list[list[Cell]] = []
    for row in rows:
        note = (f"{row.note.text} ({row.note.author_label}, {local_day(row.note.written_at)})"
                if row.note is not None else "")
        for course in row.courses:
            behind = course.behind
            cells.append([
                row.member.full_name, row.member.username, row.unit.name,
                str(COMMITTEE_LABELS.get(row.member.committee_role, row.member.committee_role)),
                row.member.phone or "", course.title,
                behind.due_date.isoformat() if behind.due_date else "",
                behind.days_overdue if behind.overdue else "",
                behind.days_left if behind.days_left is not None and not behind.overdue else "",
                course.due, "; ".join(course.reasons), note, row.message,
            ])
    about = [
        (_("Report"), _("Follow-up worklist")),
        (_("Unit"), f"{choice.root.name} ({choice.root.code})" if choice.root else _("Whole union")),
        (_("Course"), course_title(choice.course, language()) if choice.course else _("All assigned courses")),
        (_("Made on"), union_today(utc_now()).isoformat()),
    ]
    return Table(headers, cells, about + exported_by(current_user))


@bp.route("/follow-up/export/<fmt>")
@coordinators
def export(fmt: str):
    if fmt not in FORMATS:
        abort(404)
    choice = chosen()
    if choice.form.errors:
        abort(400)
    try:
        rows, _total, _pages = rows_of(choice, page=None)
    except TooManyMembers as too_many:
        return render_template("followup/worklist.html", choice=choice, rows=[], total=0, page=1, pages=1,
                               too_many=too_many.count)
    table = worklist_table(choice, rows)
    record(db.session, current_user, Action.EXPORT_MEMBERS, people=len(rows), format=fmt,
           filters={"follow_up": choice.root.code if choice.root else "all", **({"course": choice.course}
                                                                               if choice.course else {})})
    db.session.commit()
    body = stamped_csv(csv_bytes(table), current_user) if fmt == "csv" else xlsx_bytes(table, title=_("Follow-up"))
    filename = f"follow-up-{choice.root.code if choice.root else 'all'}-{utc_now().date().isoformat()}.{fmt}"
    return Response(body, mimetype=FORMATS[fmt], headers={"Content-Disposition": f'attachment; filename="{filename}"'})
