"""Sign-in views. The same message answers an unknown user and a wrong password."""
from __future__ import annotations

import logging
from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select

from app.lazy_text import lazy_gettext as _l

from .. import throttle
from ..accounts.codes import CodeError, check_code, redeem_code
from ..accounts.passwords import hash_password
from ..db import begin_write
from ..extensions import db, reads_first
from ..models import Member
from . import bp
from .credentials import password_matches
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


def _too_many_tries(template: str, form, attempt: throttle.Attempt, username: str):
    """Answer a refused guess: 429, the form again, and how long to wait."""
    audit.warning("throttled (%s) for %r from %s", request.endpoint, username[:64],
                  request.remote_addr)
    flash(ngettext("Too many wrong tries. Please wait %(num)d minute, then try again.",
                   "Too many wrong tries. Please wait %(num)d minutes, then try again.",
                   attempt.wait_minutes), "error")
    return render_template(template, form=form), 429


@bp.route("/login", methods=["GET", "POST"])
@reads_first
def login():
    """Sign in. The password is checked in a read transaction: the write lock is taken only
    after scrypt, for the one row that records the sign-in."""
    if current_user.is_authenticated:
        return redirect(url_for("home"))
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        username = form.username.data.strip().lower()
        attempt = throttle.password_sign_in(username)
        if attempt.refused:
            return _too_many_tries("auth/login.html", form, attempt, username)
        member = db.session.scalars(select(Member).where(Member.username == username)).first()
        if password_matches(member, form.password.data):
            member_id = member.id
            begin_write(db.session)  # scrypt is done: only now take the write lock
            member = db.session.get(Member, member_id)  # read again, under the lock
            if member is None or not member.active:
                audit.warning("login refused: inactive account %s from %s", username, request.remote_addr)
                flash(_("This account has been switched off. Ask your coordinator."), "error")
                return render_template("auth/login.html", form=form)
            member.note_activity()  # "last signed in" on her member page
            db.session.commit()
            attempt.succeeded()
            session.clear()
            login_user(member)
            audit.info("login ok: %s from %s", username, request.remote_addr)
            return redirect(safe_next(form.next.data) or url_for("home"))
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
@reads_first
def code_sign_in():
    """First sign-in or forgotten password: a one-time code from the coordinator. The new
    password is hashed before the write lock is taken for checking and using the code."""
    form = CodeForm(username=request.args.get("username", ""))
    if form.validate_on_submit():
        username = form.username.data.strip().lower()
        attempt = throttle.code_sign_in(username)
        if attempt.refused:
            return _too_many_tries("auth/code.html", form, attempt, username)
        new_hash = hash_password(form.new_password.data, current_app.config["PASSWORD_HASH_METHOD"])
        begin_write(db.session)
        row, problem = check_code(db.session, username, form.code.data)
        if problem is None and not redeem_code(db.session, row):
            problem = CodeError.USED
        if problem is not None:
            db.session.rollback()
            audit.warning("sign-in code refused (%s) for %r", problem.value, username[:64])
            form.code.errors.append(str(_CODE_MESSAGES[problem]))
            return render_template("auth/code.html", form=form)
        member = row.member
        member.password_hash = new_hash
        member.end_sessions()
        member.note_activity()
        db.session.commit()
        attempt.succeeded()
        session.clear()
        login_user(member)
        flash(_("Your password is set. Welcome!"), "success")
        return redirect(url_for("home"))
    return render_template("auth/code.html", form=form)


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
@reads_first
def change_password():
    """Change her password. Wrong current passwords are throttled per account, so a borrowed
    signed-in phone cannot be used to find the password out; scrypt runs before the lock."""
    form = ChangePasswordForm()
    form._username = current_user.username
    if form.validate_on_submit():
        attempt = throttle.current_password_check(current_user.id)
        if attempt.refused:
            return _too_many_tries("auth/password.html", form, attempt, current_user.username)
        member_id = current_user.id
        member = db.session.get(Member, member_id)
        checked_hash = member.password_hash
        if not password_matches(member, form.current_password.data):
            form.current_password.errors.append(_("Your current password is not right."))
            return render_template("auth/password.html", form=form)
        new_hash = hash_password(form.new_password.data, current_app.config["PASSWORD_HASH_METHOD"])
        begin_write(db.session)
        member = db.session.get(Member, member_id)
        if member.password_hash != checked_hash:  # changed meanwhile on another device
            form.current_password.errors.append(_("Your current password is not right."))
            return render_template("auth/password.html", form=form)
        member.password_hash = new_hash
        member.end_sessions()  # other devices must sign in again
        member.note_activity()
        db.session.commit()
        attempt.succeeded(remember=False)
        login_user(member)  # this device keeps going with the new session version
        flash(_("Your password has been changed. Other devices have been signed out."), "success")
        return redirect(url_for("home"))
    return render_template("auth/password.html", form=form)
