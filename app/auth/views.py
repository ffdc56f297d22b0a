"""Sign-in views. The same message answers an unknown user and a wrong password."""
from __future__ import annotations

import logging
from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select

from ..accounts.codes import CodeError, check_code, redeem_code
from ..accounts.passwords import check_password, hash_password
from ..extensions import db, limiter
from ..models import Member
from . import bp
from .forms import ChangePasswordForm, CodeForm, LoginForm

audit = logging.getLogger("union.audit")

_CODE_MESSAGES = {
    CodeError.UNKNOWN: _l("This sign-in code is not right for this username. Check both and try again."),
    CodeError.USED: _l("This sign-in code has already been used. Ask your coordinator for a new one."),
    CodeError.EXPIRED: _l("This sign-in code has expired. Ask your coordinator for a new one."),
    CodeError.INACTIVE: _l("This account has been switched off. Ask your coordinator."),
}


def safe_next(target: str | None) -> str | None:
    """Only paths on this site: no scheme, no host, no protocol-relative or backslash tricks."""
    if not target or "\\" in target or any(ord(ch) < 32 for ch in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def _failed_login() -> bool:
    return getattr(request, "_login_failed", False)


def _account_key() -> str:
    return "login-account:" + (request.form.get("username") or "").strip().lower()


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"], key_func=_account_key,
               methods=["POST"], deduct_when=lambda response: _failed_login())
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT_PER_ADDRESS"],
               methods=["POST"], deduct_when=lambda response: _failed_login())
def login():
    if current_user.is_authenticated:
        return redirect(url_for("home"))
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        username = form.username.data.strip().lower()
        member = db.session.scalars(select(Member).where(Member.username == username)).first()
        if member and check_password(member.password_hash, form.password.data):
            if not member.active:
                audit.warning("login refused: inactive account %s from %s", username, request.remote_addr)
                flash(_("This account has been switched off. Ask your coordinator."), "error")
                return render_template("auth/login.html", form=form)
            member.note_activity()  # "last signed in" on her member page
            db.session.commit()
            session.clear()
            login_user(member)
            audit.info("login ok: %s from %s", username, request.remote_addr)
            return redirect(safe_next(form.next.data) or url_for("home"))
        request._login_failed = True
        audit.warning("login failed for %r from %s", username[:64], request.remote_addr)
        flash(_("The username or password is not right. Check them and try again."), "error")
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    if current_user.is_authenticated:
        member = db.session.get(Member, current_user.id)
        member.end_sessions()
        db.session.commit()
        logout_user()
    session.clear()
    flash(_("You have signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/login/code", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT_PER_ADDRESS"],
               methods=["POST"], deduct_when=lambda response: _failed_login())
def code_sign_in():
    """First sign-in or forgotten password: a one-time code from the coordinator."""
    form = CodeForm(username=request.args.get("username", ""))
    if form.validate_on_submit():
        row, problem = check_code(db.session, form.username.data, form.code.data)
        if problem is None and not redeem_code(db.session, row):
            problem = CodeError.USED
        if problem is not None:
            db.session.rollback()
            request._login_failed = True
            audit.warning("sign-in code refused (%s) for %r", problem.value, form.username.data[:64])
            form.code.errors.append(str(_CODE_MESSAGES[problem]))
            return render_template("auth/code.html", form=form)
        member = row.member
        member.password_hash = hash_password(form.new_password.data, current_app.config["PASSWORD_HASH_METHOD"])
        member.end_sessions()
        member.note_activity()
        db.session.commit()
        session.clear()
        login_user(member)
        flash(_("Your password is set. Welcome!"), "success")
        return redirect(url_for("home"))
    return render_template("auth/code.html", form=form)


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    form._username = current_user.username
    if form.validate_on_submit():
        member = db.session.get(Member, current_user.id)
        if not check_password(member.password_hash, form.current_password.data):
            form.current_password.errors.append(_("Your current password is not right."))
            return render_template("auth/password.html", form=form)
        member.password_hash = hash_password(form.new_password.data, current_app.config["PASSWORD_HASH_METHOD"])
        member.end_sessions()  # other devices must sign in again
        db.session.commit()
        login_user(member)  # this device keeps going with the new session version
        flash(_("Your password has been changed. Other devices have been signed out."), "success")
        return redirect(url_for("home"))
    return render_template("auth/password.html", form=form)
