"""Roster pages: upload and dry run, import, the sign-in code sheet, and the templates."""
from __future__ import annotations

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.exceptions import RequestEntityTooLarge

from ..accounts.access import roles_required, units_in_scope
from ..extensions import db
from ..models import PlatformRole, Unit
from . import bp, uploads
from .applying import apply_roster
from .checking import check_roster
from .columns import COLUMNS
from .forms import RosterImportForm, RosterUploadForm
from .reading import RosterFileError, read_roster
from .template_files import template_csv, template_xlsx

#: Coordinators import officers into their own units; what each may do is the member policy's.
staff_only = roles_required(PlatformRole.COORDINATOR)


def _check(data: bytes):
    config = current_app.config
    roster = read_roster(data, max_rows=config["ROSTER_MAX_ROWS"],
                         max_unzipped=config["ROSTER_MAX_UNZIPPED_BYTES"])
    return check_roster(db.session, roster, importer=current_user)


@bp.route("/", methods=["GET", "POST"])
@staff_only
def upload():
    form = RosterUploadForm()
    if not form.validate_on_submit():
        return render_template("roster/index.html", form=form, columns=COLUMNS,
                               max_rows=current_app.config["ROSTER_MAX_ROWS"]), 400 if form.errors else 200
    data = form.file.data.read()
    try:
        plan = _check(data)
    except RosterFileError as exc:
        form.file.errors.append(str(exc.message))
        return render_template("roster/index.html", form=form, columns=COLUMNS,
                               max_rows=current_app.config["ROSTER_MAX_ROWS"]), 400
    confirm = None
    if plan.ok and (plan.new or plan.updates):
        confirm = RosterImportForm(formdata=None, upload=uploads.keep(data), filename=form.file.data.filename)
    return render_template("roster/dry_run.html", plan=plan, confirm=confirm,
                           filename=form.file.data.filename)


@bp.errorhandler(RequestEntityTooLarge)
def too_large(_error):
    """A file over MAX_CONTENT_LENGTH: say so on the upload page, with status 413."""
    # The body was refused unread; the forms on the page must not try to parse it again.
    request.__dict__.update(form=ImmutableMultiDict(), files=ImmutableMultiDict())
    form = RosterUploadForm(formdata=None)
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    form.file.errors = [_("The file is larger than %(size)s MB. Split the roster into smaller files.",
                          size=format_decimal(limit / (1024 * 1024), "0.##"))]
    return render_template("roster/index.html", form=form, columns=COLUMNS,
                           max_rows=current_app.config["ROSTER_MAX_ROWS"]), 413


@bp.route("/import", methods=["POST"])
@staff_only
def commit():
    form = RosterImportForm()
    data = uploads.load(form.upload.data) if form.validate_on_submit() else None
    if data is None:
        flash(_("This upload is no longer waiting to be imported. Upload the file again."), "error")
        return redirect(url_for("roster.upload"))
    try:
        plan = _check(data)  # again: the members may have changed since the dry run
    except RosterFileError as exc:  # pragma: no cover - the same bytes were readable a moment ago
        flash(str(exc.message), "error")
        return redirect(url_for("roster.upload"))
    if not plan.ok:
        uploads.discard(form.upload.data)  # the file must be corrected and uploaded again
        return render_template("roster/dry_run.html", plan=plan, confirm=None, filename=None), 409
    if plan.sensitive and not form.allow_sensitive.data:
        form.allow_sensitive.errors = [_("Tick this box to confirm the changes of platform role and unit, "
                                         "or correct the file.")]
        return render_template("roster/dry_run.html", plan=plan, confirm=form, filename=form.filename.data), 400
    try:
        issued = apply_roster(db.session, plan, code_hours=current_app.config["SIGN_IN_CODE_HOURS"],
                              importer=current_user, source=form.filename.data or "",
                              allow_sensitive=form.allow_sensitive.data)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        uploads.discard(form.upload.data)
        flash(_("Someone changed members while the file was imported, so nothing was imported. "
                "Upload the file again to check it."), "error")
        return redirect(url_for("roster.upload"))
    uploads.discard(form.upload.data)
    return render_template("roster/codes.html", plan=plan, issued=issued,
                           hours=current_app.config["SIGN_IN_CODE_HOURS"])


@bp.route("/template.<fmt>")
@staff_only
def template(fmt: str):
    if fmt == "csv":
        return Response(template_csv(), mimetype="text/csv",
                        headers={"Content-Disposition": 'attachment; filename="roster-template.csv"'})
    if fmt == "xlsx":
        units = db.session.execute(units_in_scope(current_user, db.session)
                                   .with_only_columns(Unit.code, Unit.name).order_by(Unit.path)).all()
        return Response(template_xlsx(units), headers={
            "Content-Disposition": 'attachment; filename="roster-template.xlsx"',
            "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    abort(404)
