"""Unit pages: the tree, create and edit, and each unit's history. A coordinator works only
below her own unit. A change of name or parent is a rename or a move (``app.units.reorganise``),
so it is recorded in the unit's history and the audit trail like the same command would be."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from ..accounts.access import roles_required, scope_root, unit_or_404
from ..extensions import db
from ..forms import options, validated
from ..i18n import union_today
from ..models import Member, PlatformRole, Unit, UnitLevel
from ..models.units import finish_path
from ..units.levels import ordered_levels
from ..units.reorganise import ReorganisationError, history_of, move_unit, rename_unit
from . import bp
from .forms import ConfirmForm, UnitForm
from .scope import scoped_units, unit_choices
from .unit_history import describe_change

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
    return render_template("admin/units.html", units=rows, counts=counts, top=top,
                           levels=ordered_levels(db.session))


@bp.route("/units/new", methods=["GET", "POST"])
@bp.route("/units/<int:unit_id>", methods=["GET", "POST"])
@staff_only
def unit_edit(unit_id: int | None = None):
    unit = unit_or_404(db.session, current_user, unit_id) if unit_id else None
    root = scope_root(db.session, current_user)
    if unit is not None and root is not None and unit.id == root.id:
        abort(404)  # her own unit is managed from above
    form = UnitForm(obj=unit, unit=unit)
    language = str(get_locale() or "en")
    form.level_id.choices = options([(level.id, level.name_in(language)) for level in ordered_levels(db.session)])
    choices = unit_choices()
    if unit is not None:  # a unit cannot move below itself
        choices = [c for c in choices if not db.session.get_one(Unit, c[0]).path.startswith(unit.path)]
    form.parent_id.choices = options(([(0, _("None (top of the union)"))] if current_user.is_admin else []) + choices)
    if form.validate_on_submit():
        parent = unit_or_404(db.session, current_user, form.parent_id.data) if form.parent_id.data else None
        if parent is None and not current_user.is_admin:
            abort(404)
        level = db.session.get_one(UnitLevel, form.level_id.data)  # one of the choices
        if parent is not None and parent.level.rank >= level.rank:
            form.level_id.errors.append(_("A unit's level must be below the level of the unit it belongs to."))  # type: ignore[attr-defined]  # a list after validation
        elif unit is not None and any(child.level.rank <= level.rank for child in unit.children):
            form.level_id.errors.append(  # type: ignore[attr-defined]  # a list after validation
                _("A unit's level must be above the level of the units under it."))
        else:
            unit = _save(unit, form, level, parent)
            if unit is not None:
                db.session.commit()
                flash(_("%(name)s has been saved.", name=unit.name), "success")
                return redirect(url_for("admin.units"))
            form.parent_id.errors.append(_("This unit cannot be moved there."))  # type: ignore[attr-defined]  # a list after validation
    history = [describe_change(change) for change in history_of(db.session, unit)] if unit else []
    return render_template("admin/unit_form.html", form=form, unit=unit, confirm=ConfirmForm(), history=history)


def _save(unit: Unit | None, form: UnitForm, level: UnitLevel, parent: Unit | None) -> Unit | None:
    """Create the unit, or change it through rename and move so the history records it."""
    name = " ".join(validated(form.name.data).split())  # as a rename writes it: "Xã  An Thủy" is no new name
    if unit is None:
        unit = Unit(code=form.code.data, name=name, level=level)
        db.session.add(unit)
        unit.place_under(parent)
        finish_path(db.session, unit)
        return unit
    unit.level = level  # the code never changes (UnitForm.validate_code)
    today = union_today()
    if name != unit.name:
        rename_unit(db.session, unit.code, name, on=today, actor=current_user)
    if parent is not None and unit.parent_id != parent.id:
        try:
            move_unit(db.session, unit.code, parent.code, on=today, actor=current_user)
        except ReorganisationError:
            db.session.rollback()
            return None
    elif parent is None and unit.parent_id is not None:
        unit.place_under(None)
        finish_path(db.session, unit)
    return unit


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
