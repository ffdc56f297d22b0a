"""Report pages and downloads. Each view: read the selection (scope-checked), run, render."""
from __future__ import annotations

from flask import Response, abort, current_app, g, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..accounts.access import member_or_404, roles_required
from ..audit import Action, record
from ..content_store import catalogue
from ..extensions import db
from ..followup.queries import notes_about
from ..i18n import union_today
from ..models import PlatformRole, QuizAttempt
from ..privacy.stamp import exported_by, stamped_csv
from ..progress.records import load_member_record
from ..templating import COMMITTEE_LABELS
from ..training.report_columns import report_attendance, with_attendance
from ..units.levels import levels_in_use_below
from ..web import requested_page
from . import bp
from .charts import completion_chart
from .completion import CompletionReport, run_report
from .exports import csv_bytes, report_table, status_label, xlsx_bytes
from .levels import MEMBER, next_level_code
from .selection import Selection, select_report

coordinators = roles_required(PlatformRole.COORDINATOR)
FORMATS = {"csv": "text/csv; charset=utf-8",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@bp.context_processor
def _report_helpers() -> dict:
    return {"next_level": _next_level, "status_label": status_label,
            "is_direct": _is_direct, "direct_label": _direct_label}


@bp.route("/")
@coordinators
def index():
    selection = select_report(current_user, request.args)
    if not selection.valid:
        return render_template("reports/index.html", selection=selection, report=None), 400
    page = requested_page()
    report = run_report(db.session, selection.query(page=page), root=selection.root)
    chart = completion_chart(report.rows, label=lambda row: _direct_label(row) if _is_direct(row, report)
                             else row.name) if report.query.by_unit else None
    return render_template("reports/index.html", selection=selection, report=report, chart=chart,
                           page=page, attendance=report_attendance(db.session, report.query))


@bp.route("/export/<fmt>")
@coordinators
def export(fmt: str):
    if fmt not in FORMATS:
        abort(404)
    selection = select_report(current_user, request.args)
    if not selection.valid:
        return render_template("reports/index.html", selection=selection, report=None), 400
    report = run_report(db.session, selection.query(), root=selection.root)
    name = f"completion-{selection.level}-{selection.root.code if selection.root else 'all'}"
    if selection.level == "member":  # names of members: personal data leaves the site
        record(db.session, current_user, Action.EXPORT_MEMBERS, people=len(report.rows), format=fmt,
               filters=selection.link_args())
        db.session.commit()
    return _download(selection, report, fmt, name,
                     with_status=selection.level == "member" and selection.course is not None)


@bp.route("/members/<int:member_id>")
@coordinators
def member(member_id: int):
    person = member_or_404(db.session, current_user, member_id)
    selection = select_report(current_user, request.args, member_view=True)
    if not selection.valid:
        return render_template("reports/index.html", selection=selection, report=None), 400
    report = run_report(db.session, selection.query(member_id=person.id, level="course"))
    attempts = db.session.scalars(
        select(QuizAttempt).where(QuizAttempt.member_id == person.id, QuizAttempt.submitted_at.is_not(None))
        .order_by(QuizAttempt.submitted_at.desc()).limit(50)).all()
    record = load_member_record(db.session, person.id)
    progress = [(course, record.progress(course)) for course in catalogue().visible_courses()]
    return render_template("reports/member.html", person=person, selection=selection, report=report,
                           attempts=attempts, quizzes=catalogue().quizzes, progress=progress,
                           follow_up_notes=notes_about(db.session, person.id))


@bp.route("/members/<int:member_id>/export/<fmt>")
@coordinators
def member_export(member_id: int, fmt: str):
    person = member_or_404(db.session, current_user, member_id)
    if fmt not in FORMATS:
        abort(404)
    selection = select_report(current_user, request.args, member_view=True)
    if not selection.valid:
        return render_template("reports/index.html", selection=selection, report=None), 400
    report = run_report(db.session, selection.query(member_id=person.id, level="course"))
    record(db.session, current_user, Action.EXPORT_MEMBERS, person, format=fmt, filters=selection.link_args())
    db.session.commit()
    return _download(selection, report, fmt, f"completion-{person.username}", with_status=True)


def _download(selection: Selection, report: CompletionReport, fmt: str, name: str, *,
              with_status: bool) -> Response:
    table = report_table(
        report, zone=current_app.config["BABEL_DEFAULT_TIMEZONE"], about=selection.about() + exported_by(current_user),
        committee_label=lambda role: str(COMMITTEE_LABELS.get(role, role)),
        course_title=lambda slug: selection.course_titles.get(slug, slug), with_status=with_status,
    )
    table = with_attendance(table, report, report_attendance(db.session, report.query))
    body = stamped_csv(csv_bytes(table), current_user) if fmt == "csv" else xlsx_bytes(table, title=_("Completion"))
    filename = f"{name}-{union_today().isoformat()}.{fmt}"
    return Response(body, mimetype=FORMATS[fmt], headers={
        "Content-Disposition": f'attachment; filename="{filename}"',
    })


def _levels_seen() -> dict[str, tuple[int, str]]:
    """Level code -> (rank, next level's code), read once per request (every row asks)."""
    if "report_levels" not in g:
        in_use = levels_in_use_below(db.session, None)
        g.report_levels = {level.code: (level.rank, next_level_code(in_use, level.code)) for level in in_use}
    return g.report_levels


def _next_level(kind: str | None) -> str:
    """Where a click on a unit's name leads: the level in use below its own, members at the bottom."""
    return _levels_seen().get(kind or "", (0, MEMBER))[1]


def _direct_label(row) -> str:
    return _("%(unit)s (its own members)", unit=row.name)


def _is_direct(row, report: CompletionReport) -> bool:
    """A unit above the grouping level: the row holds only the members of that unit itself."""
    seen = _levels_seen().get(row.kind or "")
    return report.query.by_unit and seen is not None and seen[0] < report.query.group_rank
