"""The register: the list of groups (weakest first, per unit), adding and editing a group, and
the group's own page with its months, bands, chart and formulas."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from ..admin.scope import unit_choices
from ..extensions import db
from ..i18n import union_today
from ..models import FacebookGroup, GroupRole, GroupTrainingAssignment, MonthlyNumbers, Unit
from ..security import log_denied
from . import bp
from .access import GroupAction, group_or_404, is_staff, managed_units, may
from .charts import group_chart, sparkline
from .exports import standing_row
from .forms import GroupForm
from .measures import GROUP_TEXTS, format_measure
from .numbers import months_of
from .queries import groups_for, roster_of, standing, training_course
from .settings import current_thresholds


@bp.context_processor
def _group_texts() -> dict:
    """The words of bands, measures and statuses, and the row formatter, for every groups page."""
    return {"group_texts": GROUP_TEXTS, "format_measure": format_measure, "group_row": standing_row}


def _managed_unit_or_404(unit_id: int) -> Unit:
    unit = db.session.scalar(managed_units(current_user, db.session).where(Unit.id == unit_id))
    if unit is None:
        log_denied(f"groups of unit {unit_id}")
        abort(404)
    return unit


@bp.route("/")
@login_required
def index():
    """The groups she may see; for coordinators and admins, those of one unit and below."""
    unit = None
    if is_staff(current_user):
        unit_id = request.args.get("unit", type=int)
        if unit_id is not None:
            unit = _managed_unit_or_404(unit_id)
        elif not current_user.is_admin:
            unit = db.session.get(Unit, current_user.unit_id)
    groups = groups_for(db.session, current_user, unit)
    rows = standing(db.session, groups)
    waiting = awaiting(db.session, [g for g in groups if may(current_user, GroupAction.REVIEW, g, db.session)])
    return render_template("groups/index.html", rows=rows, unit=unit, sparkline=sparkline, waiting=waiting,
                           units=unit_choices() if is_staff(current_user) else [],
                           staff=is_staff(current_user), course=training_course())


def _group_form(group: FacebookGroup | None) -> GroupForm:
    units = unit_choices()
    unit_id = request.form.get("unit_id", type=int) if request.method == "POST" else None
    unit_ids = {i for i, _label in units}
    if unit_id not in unit_ids:
        unit_id = group.unit_id if group is not None else current_user.unit_id
    unit = db.session.get(Unit, unit_id if unit_id in unit_ids else units[0][0]) if units else None
    roster = roster_of(db.session, unit) if unit is not None else []
    if group is None:
        return GroupForm(units=units, roster=roster, unit_id=unit.id if unit else None)
    return GroupForm(obj=group, group=group, units=units, roster=roster,
                     admins=[r.member_id for r in group.roles if r.role == "admin"],
                     moderators=[r.member_id for r in group.roles if r.role == "moderator"])


def _save(form: GroupForm, group: FacebookGroup) -> None:
    for name in ("name", "address", "privacy", "visibility", "unit_id", "founded_on", "founding_members",
                 "active"):
        setattr(group, name, getattr(form, name).data)
    group.purpose = (form.purpose.data or "").strip() or None
    wanted = dict.fromkeys(form.admins.data or [], "admin")
    wanted.update(dict.fromkeys(form.moderators.data or [], "moderator"))
    for role in list(group.roles):
        if role.member_id not in wanted:
            group.roles.remove(role)
        else:
            role.role = wanted.pop(role.member_id)
    for member_id, role_name in wanted.items():
        group.roles.append(GroupRole(member_id=member_id, role=role_name))


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    if not is_staff(current_user):
        abort(403)
    form = _group_form(None)
    if form.validate_on_submit():
        group = FacebookGroup()
        _save(form, group)
        db.session.add(group)
        db.session.commit()
        flash(_("The group “%(name)s” is registered.", name=group.name), "success")
        return redirect(url_for("groups.show", group_id=group.id))
    return render_template("groups/form.html", form=form, group=None), 400 if form.errors else 200


@bp.route("/<int:group_id>/edit", methods=["GET", "POST"])
@login_required
def edit(group_id: int):
    group = group_or_404(db.session, current_user, group_id, GroupAction.EDIT)
    form = _group_form(group)
    if form.validate_on_submit():
        _save(form, group)
        db.session.commit()
        flash(_("The group “%(name)s” is saved.", name=group.name), "success")
        return redirect(url_for("groups.show", group_id=group.id))
    return render_template("groups/form.html", form=form, group=group), 400 if form.errors else 200


@bp.route("/<int:group_id>")
@login_required
def show(group_id: int):
    group = group_or_404(db.session, current_user, group_id)
    summary = standing(db.session, [group])[0]
    rows = {row.month: row for row in months_of(db.session, group.id)}
    earlier = {row.month: row.earlier for row in rows.values() if row.earlier}
    assigned = {a.member_id: a for a in db.session.scalars(select(GroupTrainingAssignment).where(
        GroupTrainingAssignment.member_id.in_([a.member.id for a in summary.admins])))}
    return render_template(
        "groups/show.html", group=group, summary=summary, rows=rows, earlier=earlier,
        chart=group_chart(summary), assigned=assigned, health_by_month={h.month: h for h in summary.health},
        thresholds=current_thresholds(db.session),
        may_enter=may(current_user, GroupAction.ENTER, group, db.session),
        may_edit=may(current_user, GroupAction.EDIT, group, db.session),
        may_review=may(current_user, GroupAction.REVIEW, group, db.session),
        today=union_today(), returned=[r for r in rows.values() if r.status == "returned"])


def awaiting(session, groups) -> list[MonthlyNumbers]:
    """Months entered and waiting for a coordinator, oldest first."""
    ids = [g.id for g in groups]
    if not ids:
        return []
    return list(session.scalars(select(MonthlyNumbers).where(
        MonthlyNumbers.group_id.in_(ids), MonthlyNumbers.status == "entered").order_by(MonthlyNumbers.month)))
