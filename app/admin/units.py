"""Unit pages: the tree, create and edit. A coordinator works only below her own unit."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from ..accounts.access import roles_required, scope_root, unit_or_404
from ..extensions import db
from ..forms import options
from ..models import Member, PlatformRole, Unit
from ..models.units import finish_path
from . import bp
from .forms import ConfirmForm, UnitForm
from .scope import scoped_units, unit_choices

staff_only = roles_required(PlatformRole.COORDINATOR)


@bp.route("/units/")
@staff_only
def units():
    rows = scoped_units()
    counts = dict(db.session.execute(
        select(Member.unit_id, func.count()).where(
            Member.active.is_(True), Member.unit_id.in_([u.id for u in rows])
        ).group_by(Member.unit_id)
    ).all())
    top = min((u.depth for u in rows), default=0)
    return render_template("admin/units.html", units=rows, counts=counts, top=top)


@bp.route("/units/new", methods=["GET", "POST"])
@bp.route("/units/<int:unit_id>", methods=["GET", "POST"])
@staff_only
def unit_edit(unit_id: int | None = None):
    unit = unit_or_404(db.session, current_user, unit_id) if unit_id else None
    root = scope_root(db.session, current_user)
    if unit is not None and root is not None and unit.id == root.id:
        abort(404)  # her own unit is managed from above
    form = UnitForm(obj=unit, unit=unit)
    choices = unit_choices()
    if unit is not None:  # a unit cannot move below itself
        choices = [c for c in choices if not db.session.get(Unit, c[0]).path.startswith(unit.path)]
    form.parent_id.choices = options(([(0, _("None (top of the union)"))] if current_user.is_admin else []) + choices)
    if form.validate_on_submit():
        parent = unit_or_404(db.session, current_user, form.parent_id.data) if form.parent_id.data else None
        if parent is None and not current_user.is_admin:
            abort(404)
        is_new = unit is None
        if is_new:
            unit = Unit()
            db.session.add(unit)
        unit.code, unit.name, unit.kind = form.code.data, form.name.data.strip(), form.kind.data
        unit.place_under(parent)
        finish_path(db.session, unit)
        db.session.commit()
        flash(_("%(name)s has been saved.", name=unit.name), "success")
        return redirect(url_for("admin.units"))
    return render_template("admin/unit_form.html", form=form, unit=unit, confirm=ConfirmForm())


@bp.route("/units/<int:unit_id>/active", methods=["POST"])
@staff_only
def unit_toggle(unit_id: int):
    """Switch a unit off (it stays in reports and history) or on again."""
    unit = unit_or_404(db.session, current_user, unit_id)
    root = scope_root(db.session, current_user)
    if root is not None and unit.id == root.id:
        abort(404)
    if ConfirmForm().validate_on_submit():
        unit.active = not unit.active
        db.session.commit()
        flash(_("%(name)s is switched on again.", name=unit.name) if unit.active
              else _("%(name)s is switched off.", name=unit.name), "success")
    return redirect(url_for("admin.unit_edit", unit_id=unit.id))
