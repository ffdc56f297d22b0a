"""Member pages: list and search, create, edit, switch off and on, and one-time codes.

Who may do what to whom is decided by :mod:`app.accounts.policy` alone; each view names
the action it is about and loads the member through the policy.
"""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload
from wtforms import HiddenField, SubmitField

from app.lazy_text import lazy_gettext as _l

from ..accounts.access import member_or_404, roles_required, unit_or_404
from ..accounts.codes import issue_code
from ..accounts.policy import MemberAction, may, visible_members
from ..audit import Action, record
from ..audit.queries import entries_about
from ..extensions import db
from ..forms import AppForm, options
from ..models import Member, PlatformRole, Unit
from ..name_order import person_name_key
from . import bp
from .forms import ConfirmForm, MemberForm, MemberSearchForm
from .scope import unit_choices

PAGE_SIZE = 50
MAX_PAGE = 10**6
staff_only = roles_required(PlatformRole.COORDINATOR)
#: What the member page offers, each shown only where the policy allows it.
PAGE_ACTIONS = (MemberAction.EDIT, MemberAction.SIGN_IN_CODE, MemberAction.SWITCH_OFF, MemberAction.SWITCH_ON)


@bp.route("/")
@staff_only
def index():
    return render_template("admin/index.html")


@bp.route("/members/")
@staff_only
def members():
    form = MemberSearchForm(request.args)
    form.unit.choices = options([(0, _("All my units"))] + unit_choices())
    query = visible_members(current_user)
    if form.q.data:
        pattern = f"%{form.q.data.strip().lower()}%"
        query = query.where(or_(func.lower(Member.full_name).like(pattern), Member.username.like(pattern)))
    if form.unit.data:
        unit = unit_or_404(db.session, current_user, form.unit.data)
        query = query.join(Member.unit).where(Unit.path.startswith(unit.path, autoescape=True))
    if not form.inactive.data:
        query = query.where(Member.active.is_(True))
    page = min(max(request.args.get("page", 1, type=int), 1), MAX_PAGE)
    ids = _ids_by_name(query)
    total = len(ids)
    rows = _members_in_order(ids[(page - 1) * PAGE_SIZE:page * PAGE_SIZE])
    return render_template(
        "admin/members.html", form=form, members=rows, total=total, page=page,
        pages=max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1),
    )


def _ids_by_name(query) -> list[int]:
    """The ids of the members ``query`` finds, in Vietnamese name order (``app.name_order``):
    only ids and names are read for it, so each member is on exactly one page."""
    names = db.session.execute(query.with_only_columns(Member.id, Member.full_name).order_by(None)).all()
    return [row.id for row in sorted(names, key=lambda row: (person_name_key(row.full_name), row.id))]


def _members_in_order(ids: list[int]) -> list[Member]:
    if not ids:
        return []
    found = {m.id: m for m in db.session.scalars(
        select(Member).where(Member.id.in_(ids)).options(selectinload(Member.unit)))}
    return [found[member_id] for member_id in ids]


@bp.route("/members/new", methods=["GET", "POST"])
@staff_only
def member_new():
    form = MemberForm(actor=current_user)
    form.unit_id.choices = options(unit_choices())
    if form.validate_on_submit():
        member = Member(unit=db.session.get(Unit, form.unit_id.data), session_version=1)
        form.fill(member)
        db.session.add(member)
        db.session.flush()
        hours = current_app.config["SIGN_IN_CODE_HOURS"]
        code = issue_code(db.session, member, hours=hours, issued_by=current_user)
        record(db.session, current_user, Action.MEMBER_CREATE, member, role=member.role,
               unit=member.unit.code)
        record(db.session, current_user, Action.SIGN_IN_CODE, member, hours=hours)
        db.session.commit()
        flash(_("%(name)s has been added.", name=member.full_name), "success")
        return render_template("admin/code.html", member=member, code=code, hours=hours)
    return render_template("admin/member_form.html", form=form, member=None)


@bp.route("/members/<int:member_id>", methods=["GET", "POST"])
@staff_only
def member_edit(member_id: int):
    action = MemberAction.EDIT if request.method == "POST" else MemberAction.VIEW
    member = member_or_404(db.session, current_user, member_id, action)
    allowed = {a.value: may(current_user, a, member) for a in PAGE_ACTIONS}
    form = None
    if allowed["edit"]:
        form = MemberForm(obj=member, member=member, actor=current_user)
        form.unit_id.choices = options(unit_choices(include=member.unit_id))
        if request.method == "GET":
            form.language.data = member.language or ""
        if form.validate_on_submit():
            _save(member, form)
            db.session.commit()
            flash(_("The changes have been saved."), "success")
            return redirect(url_for("admin.member_edit", member_id=member.id))
    trail = entries_about(db.session, member.id) if current_user.is_admin else None
    return render_template("admin/member_form.html", form=form, member=member, allowed=allowed,
                           confirm=ConfirmForm(), trail=trail)


def _save(member: Member, form: MemberForm) -> None:
    """Write the form into ``member``; a change of role or unit goes into the audit trail."""
    before_role, before_unit = member.role, member.unit
    member.unit = db.session.get_one(Unit, form.unit_id.data)
    form.fill(member)
    if member.role != before_role:
        record(db.session, current_user, Action.ROLE_CHANGE, member, old=before_role, new=member.role)
    if member.unit is not before_unit:
        record(db.session, current_user, Action.UNIT_CHANGE, member, old=before_unit.code, new=member.unit.code)


class SwitchOffForm(AppForm):
    """First press (no ``confirmed``) says what switching off does; the confirmation page's
    button sends ``yes``. Switching off signs her out at once, so it is never one slip away."""

    confirmed = HiddenField()
    submit = SubmitField(_l("Switch off this account"))


@bp.route("/members/<int:member_id>/deactivate", methods=["POST"])
@staff_only
def member_deactivate(member_id: int):
    member = member_or_404(db.session, current_user, member_id, MemberAction.SWITCH_OFF)
    form = SwitchOffForm()
    if not form.validate_on_submit():
        abort(400)
    if form.confirmed.data != "yes":
        return render_template("admin/member_switch_off.html", member=member, form=form)
    return _switch(member, on=False)


@bp.route("/members/<int:member_id>/reactivate", methods=["POST"])
@staff_only
def member_reactivate(member_id: int):
    member = member_or_404(db.session, current_user, member_id, MemberAction.SWITCH_ON)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    return _switch(member, on=True)


def _switch(member: Member, *, on: bool):
    if member.active != on:
        member.active = on
        member.end_sessions()
        record(db.session, current_user, Action.SWITCH_ON if on else Action.SWITCH_OFF, member)
        db.session.commit()
    flash(_("%(name)s can sign in again.", name=member.full_name) if on
          else _("%(name)s has been switched off and signed out.", name=member.full_name), "success")
    return redirect(url_for("admin.member_edit", member_id=member.id))


@bp.route("/members/<int:member_id>/code", methods=["POST"])
@staff_only
def member_code(member_id: int):
    member = member_or_404(db.session, current_user, member_id, MemberAction.SIGN_IN_CODE)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if not member.active:
        flash(_("Switch the account on before giving a sign-in code."), "error")
        return redirect(url_for("admin.member_edit", member_id=member.id))
    hours = current_app.config["SIGN_IN_CODE_HOURS"]
    code = issue_code(db.session, member, hours=hours, issued_by=current_user)
    record(db.session, current_user, Action.SIGN_IN_CODE, member, hours=hours)
    db.session.commit()
    return render_template("admin/code.html", member=member, code=code, hours=hours)
