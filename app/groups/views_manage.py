"""Pages for coordinators and admins: import of numbers, downloads, thresholds, and training
aimed at the groups that need help."""
from __future__ import annotations

from dataclasses import asdict, replace
from datetime import timedelta

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from sqlalchemy import select

from ..audit import Action, record
from ..content_store import catalogue
from ..extensions import db
from ..i18n import union_today
from ..models import PlatformRole, Unit
from ..reports.exports import csv_bytes, xlsx_bytes
from ..roster import uploads
from ..roster.reading import RosterFileError, read_roster
from . import bp
from .access import is_staff
from .exports import months_table, standing_table
from .forms import MEASURES, AssignTrainingForm, ImportConfirmForm, ImportUploadForm, ThresholdsForm
from .importing import IMPORT_MAX_ROWS, apply_import, check_import
from .queries import groups_for, standing, training_course
from .settings import current_thresholds, save_thresholds
from .templates_files import template_csv, template_xlsx
from .training import assign, comparison, untrained_admins
from .views import _managed_unit_or_404

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _staff_only() -> None:
    if not current_user.is_authenticated or not is_staff(current_user):
        abort(403)


def _unit_from_args() -> Unit | None:
    unit_id = request.args.get("unit", type=int)
    return _managed_unit_or_404(unit_id) if unit_id is not None else None


def _check(data: bytes):
    raw = read_roster(data, max_rows=IMPORT_MAX_ROWS,
                      max_unzipped=current_app.config["ROSTER_MAX_UNZIPPED_BYTES"])
    return check_import(db.session, raw, current_user)


@bp.route("/import", methods=["GET", "POST"])
@login_required
def import_numbers():
    _staff_only()
    form = ImportUploadForm()
    if not form.validate_on_submit():
        return render_template("groups/import.html", form=form, plan=None), 400 if form.errors else 200
    data = form.file.data.read()
    try:
        plan = _check(data)
    except RosterFileError as exc:
        form.file.errors.append(str(exc.message))
        return render_template("groups/import.html", form=form, plan=None), 400
    confirm = None
    if plan.ok and plan.rows:
        confirm = ImportConfirmForm(formdata=None, upload=uploads.keep(data), filename=form.file.data.filename)
    return render_template("groups/import.html", form=form, plan=plan, confirm=confirm), 200 if plan.ok else 400


@bp.route("/import/confirm", methods=["POST"])
@login_required
def import_confirm():
    _staff_only()
    form = ImportConfirmForm()
    data = uploads.load(form.upload.data) if form.validate_on_submit() else None
    if data is None:
        flash(_("This upload is no longer waiting to be imported. Upload the file again."), "error")
        return redirect(url_for("groups.import_numbers"))
    try:
        plan = _check(data)  # again: the register may have changed since the check
    except RosterFileError as exc:  # pragma: no cover - the same bytes were readable a moment ago
        flash(str(exc.message), "error")
        return redirect(url_for("groups.import_numbers"))
    if not plan.ok:
        uploads.discard(form.upload.data)
        return render_template("groups/import.html", form=ImportUploadForm(formdata=None), plan=plan), 409
    if plan.jumps and not form.accept_jumps.data:
        form.accept_jumps.errors = [_("Tick this box if the numbers listed are right, or correct the file.")]
        return render_template("groups/import.html", form=ImportUploadForm(formdata=None), plan=plan,
                               confirm=form), 400
    uploads.discard(form.upload.data)
    count = apply_import(db.session, plan, current_user, source=form.filename.data or "")
    db.session.commit()
    flash(ngettext("%(num)d month imported.", "%(num)d months imported.", count), "success")
    return redirect(url_for("groups.index"))


@bp.route("/import/template.<language>.<fmt>")
@login_required
def import_template(language: str, fmt: str):
    _staff_only()
    if language not in ("en", "vi") or fmt not in ("csv", "xlsx"):
        abort(404)
    groups = [(g.address, g.name) for g in groups_for(db.session, current_user) if g.active]
    name = f"group-numbers-template-{language}.{fmt}"
    disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
    if fmt == "csv":
        return Response(template_csv(language, groups), mimetype="text/csv", headers=disposition)
    return Response(template_xlsx(language, groups), headers={**disposition, "Content-Type": XLSX_TYPE})


@bp.route("/export.<fmt>")
@login_required
def export(fmt: str):
    """The groups' numbers and bands; ``rows=months`` gives every month instead of the latest."""
    _staff_only()
    if fmt not in ("csv", "xlsx"):
        abort(404)
    unit = _unit_from_args()
    every_month = request.args.get("rows") == "months"
    summaries = standing(db.session, groups_for(db.session, current_user, unit))
    about = [(_("Unit"), unit.name if unit else _("All units")), (_("Date"), union_today().isoformat())]
    table = (months_table if every_month else standing_table)(summaries, about)
    record(db.session, current_user, Action.EXPORT_GROUPS, people=0, format=fmt, groups=len(summaries),
           unit=unit.code if unit else None, rows="months" if every_month else "latest")
    db.session.commit()
    name = f"groups-{'months' if every_month else 'standing'}-{unit.code if unit else 'all'}.{fmt}"
    disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
    if fmt == "csv":
        return Response(csv_bytes(table), mimetype="text/csv", headers=disposition)
    return Response(xlsx_bytes(table, title=_("Groups")), headers={**disposition, "Content-Type": XLSX_TYPE})


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():
    """Admins change the thresholds of the bands; everyone else sees them on the group pages."""
    if not current_user.is_authenticated or current_user.role != PlatformRole.ADMIN.value:
        abort(403)
    now = current_thresholds(db.session)
    form = ThresholdsForm(data=asdict(now))
    if form.validate_on_submit():
        new = replace(now, **{name: getattr(form, name).data for name in asdict(now)})
        changes = save_thresholds(db.session, new, current_user)
        db.session.commit()
        flash(_("The thresholds are saved.") if changes else _("Nothing was changed."), "success")
        return redirect(url_for("groups.settings"))
    return render_template("groups/settings.html", form=form, measures=MEASURES), 400 if form.errors else 200


def _training_form() -> AssignTrainingForm:
    form = AssignTrainingForm()
    form.course.choices = [(c.slug, c.title) for c in catalogue().visible_courses()]
    if not form.is_submitted():
        form.course.data = training_course()
        form.due_date.data = union_today() + timedelta(days=30)
    return form


@bp.route("/training", methods=["GET", "POST"])
@login_required
def training():
    """The groups that need help, and one action: assign a course to their untrained admins.
    The first press lists who would get it; the second (``confirmed``) assigns."""
    _staff_only()
    unit = _unit_from_args()
    summaries = standing(db.session, groups_for(db.session, current_user, unit))
    needing = [s for s in summaries if s.needs_help]
    form = _training_form()
    planned = untrained_admins(db.session, summaries, form.course.data or training_course())
    if form.validate_on_submit():
        if form.due_date.data < union_today():
            form.due_date.errors.append(_("The due date is in the past. Choose today or a later day."))
        elif form.confirmed.data == "yes":
            count = assign(db.session, planned, form.course.data, form.due_date.data, current_user)
            db.session.commit()
            flash(ngettext("The course is assigned to %(num)d admin.", "The course is assigned to %(num)d admins.",
                           count), "success")
            return redirect(url_for("groups.training", **({"unit": unit.id} if unit else {})))
        else:
            form.confirmed.data = "yes"
            return render_template("groups/training.html", form=form, needing=needing, planned=planned,
                                   unit=unit, confirming=True)
    form.confirmed.data = ""
    return render_template("groups/training.html", form=form, needing=needing, planned=planned, unit=unit,
                           confirming=False), 400 if form.errors else 200


@bp.route("/compare")
@login_required
def compare():
    """Groups whose admins all finished the course beside the others, by a level of the tree."""
    _staff_only()
    unit = _unit_from_args()
    summaries = standing(db.session, groups_for(db.session, current_user, unit))
    top = unit.depth if unit else (0 if current_user.is_admin else db.session.get(Unit, current_user.unit_id).depth)
    depth = request.args.get("depth", type=int)
    depth = top + 1 if depth is None or depth < top else depth
    unit_of = {}
    for s in summaries:
        ids = [int(i) for i in s.group.unit.path.strip("/").split("/")]
        unit_of[s.group.id] = db.session.get(Unit, ids[depth]) if depth < len(ids) else s.group.unit
    levels = sorted({(d, kind) for d, kind in db.session.execute(select(Unit.depth, Unit.kind).distinct())
                     if d >= top})
    return render_template("groups/compare.html", rows=comparison(summaries, unit_of), unit=unit, depth=depth,
                           levels=levels, course=training_course())
