"""Member pages: list and search, create, edit, switch off, and one-time codes."""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, or_, select

from ..accounts.access import member_or_404, roles_required, unit_or_404
from ..accounts.codes import issue_code
from ..extensions import db
from ..forms import options
from ..models import Member, PlatformRole, Unit
from . import bp
from .forms import ConfirmForm, MemberForm, MemberSearchForm
from .scope import scoped_unit_ids, unit_choices

PAGE_SIZE = 50
staff_only = roles_required(PlatformRole.COORDINATOR)


@bp.route("/")
@staff_only
def index():
    return redirect(url_for("admin.members"))


@bp.route("/members/")
@staff_only
def members():
    form = MemberSearchForm(request.args)
    choices = unit_choices()
    form.unit.choices = options([(0, _("All my units"))] + choices)
    query = select(Member).where(Member.unit_id.in_(scoped_unit_ids()))
    if form.q.data:
        pattern = f"%{form.q.data.strip().lower()}%"
        query = query.where(or_(func.lower(Member.full_name).like(pattern), Member.username.like(pattern)))
    if form.unit.data:
        unit = unit_or_404(db.session, current_user, form.unit.data)
        query = query.join(Member.unit).where(Unit.path.startswith(unit.path, autoescape=True))
    if not form.inactive.data:
        query = query.where(Member.active.is_(True))
    page = max(request.args.get("page", 1, type=int), 1)
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    rows = db.session.scalars(
        query.order_by(Member.full_name).limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)
    ).all()
    return render_template(
        "admin/members.html", form=form, members=rows, total=total, page=page,
        pages=max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1),
    )


def _role_choices(form: MemberForm) -> None:
    """Coordinators create officers, trainers and coordinators; only admins make admins."""
    if not current_user.is_admin:
        form.role.choices = [c for c in form.role.choices if c.value != PlatformRole.ADMIN.value]


@bp.route("/members/new", methods=["GET", "POST"])
@staff_only
def member_new():
    form = MemberForm()
    form.unit_id.choices = options(unit_choices())
    _role_choices(form)
    if form.validate_on_submit():
        unit = unit_or_404(db.session, current_user, form.unit_id.data)
        member = Member(unit=unit, session_version=1)
        _fill(member, form)
        db.session.add(member)
        db.session.flush()
        code = issue_code(db.session, member, hours=current_app.config["SIGN_IN_CODE_HOURS"],
                          issued_by=current_user)
        db.session.commit()
        flash(_("%(name)s has been added.", name=member.full_name), "success")
        return render_template("admin/code.html", member=member, code=code,
                               hours=current_app.config["SIGN_IN_CODE_HOURS"])
    return render_template("admin/member_form.html", form=form, member=None)


@bp.route("/members/<int:member_id>", methods=["GET", "POST"])
@staff_only
def member_edit(member_id: int):
    member = member_or_404(db.session, current_user, member_id)
    if member.is_admin and not current_user.is_admin:
        abort(404)
    form = MemberForm(obj=member, member=member)
    form.unit_id.choices = options(unit_choices(include=member.unit_id))
    _role_choices(form)
    if request.method == "GET":
        form.language.data = member.language or ""
    if form.validate_on_submit():
        member.unit = unit_or_404(db.session, current_user, form.unit_id.data)
        _fill(member, form)
        db.session.commit()
        flash(_("The changes have been saved."), "success")
        return redirect(url_for("admin.member_edit", member_id=member.id))
    return render_template("admin/member_form.html", form=form, member=member,
                           confirm=ConfirmForm())


def _fill(member: Member, form: MemberForm) -> None:
    member.username = form.username.data
    member.full_name = form.full_name.data.strip()
    member.phone = (form.phone.data or "").strip() or None
    member.committee_role = form.committee_role.data
    member.role = form.role.data
    member.language = form.language.data or None


@bp.route("/members/<int:member_id>/deactivate", methods=["POST"])
@staff_only
def member_deactivate(member_id: int):
    member = member_or_404(db.session, current_user, member_id)
    if member.id == current_user.id:
        flash(_("You cannot switch off your own account."), "error")
        return redirect(url_for("admin.member_edit", member_id=member.id))
    if ConfirmForm().validate_on_submit():
        member.active = not member.active
        member.end_sessions()
        db.session.commit()
        flash(_("%(name)s can sign in again.", name=member.full_name) if member.active
              else _("%(name)s has been switched off and signed out.", name=member.full_name), "success")
    return redirect(url_for("admin.member_edit", member_id=member.id))


@bp.route("/members/<int:member_id>/code", methods=["POST"])
@staff_only
def member_code(member_id: int):
    member = member_or_404(db.session, current_user, member_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if not member.active:
        flash(_("Switch the account on before giving a sign-in code."), "error")
        return redirect(url_for("admin.member_edit", member_id=member.id))
    code = issue_code(db.session, member, hours=current_app.config["SIGN_IN_CODE_HOURS"],
                      issued_by=current_user)
    db.session.commit()
    return render_template("admin/code.html", member=member, code=code,
                           hours=current_app.config["SIGN_IN_CODE_HOURS"])
