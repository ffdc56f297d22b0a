"""Admin pages for merging units (with a preview of what will move) and for the levels.

A merge on the page is the same function as ``flask units merge``: checked first, written in
one transaction, recorded in the unit's history and the audit trail.
"""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..accounts.access import roles_required
from ..extensions import db
from ..forms import options, validated
from ..models import PlatformRole, Unit, UnitLevel
from ..units.levels import ordered_levels
from ..units.reorganise import ReorganisationError, merge_units, preview_merge
from . import bp
from .unit_forms import LevelForm, MergeForm

admins_only = roles_required(PlatformRole.ADMIN)


@bp.route("/units/<int:unit_id>/merge", methods=["GET", "POST"])
@admins_only
def unit_merge(unit_id: int):
    into = db.session.get(Unit, unit_id) or abort(404)
    form = MergeForm()
    candidates = db.session.scalars(select(Unit).where(
        Unit.level_id == into.level_id, Unit.active.is_(True), Unit.id != into.id).order_by(Unit.name)).all()
    form.former.choices = options([(u.id, f"{u.name} ({u.code})") for u in candidates if not u.contains(into)])
    preview = None
    if form.validate_on_submit():
        codes = [db.session.get_one(Unit, unit_id_).code for unit_id_ in validated(form.former.data)]
        try:
            if form.confirm.data:
                merge_units(db.session, codes, into.code, on=validated(form.on.data), actor=current_user)
                db.session.commit()
                flash(_("The units were merged into %(name)s; their former codes keep working.", name=into.name),
                      "success")
                return redirect(url_for("admin.unit_edit", unit_id=into.id))
            preview = preview_merge(db.session, codes, into.code)
        except ReorganisationError as exc:
            db.session.rollback()
            form.former.errors.append(str(exc))  # type: ignore[attr-defined]  # a list after validation
    return render_template("admin/unit_merge.html", unit=into, form=form, preview=preview)


@bp.route("/units/levels/", methods=["GET", "POST"])
@bp.route("/units/levels/<int:level_id>", methods=["GET", "POST"])
@admins_only
def unit_levels(level_id: int | None = None):
    level = db.session.get(UnitLevel, level_id) if level_id else None
    if level_id and level is None:
        abort(404)
    form = LevelForm(obj=level, level=level)
    if form.validate_on_submit():
        if level is None:
            level = UnitLevel()
            db.session.add(level)
        form.populate_obj(level)
        db.session.commit()
        flash(_("The level %(name)s has been saved.", name=level.name_in(str(get_locale() or "en"))), "success")
        return redirect(url_for("admin.unit_levels"))
    return render_template("admin/unit_levels.html", form=form, level=level, levels=ordered_levels(db.session),
                           language=str(get_locale() or "en"))
