"""Revoking a certificate: the reason, then a confirmation that says what will happen.

The first press (from the public check page or the admin list) only opens the confirmation;
the certificate is revoked when she presses "Yes, revoke" there. Revocation cannot be undone,
and the confirmation says so: the public check page tells everyone who holds the link.
"""
from __future__ import annotations

from datetime import UTC, datetime

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import HiddenField, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from app.lazy_text import lazy_gettext as _l

from ..accounts.access import roles_required
from ..audit import Action, record
from ..extensions import db
from ..forms import AppForm, validated
from ..models import Certificate, PlatformRole
from . import bp
from .lookup import by_code

#: Where to go once done: the admin list, or (anything else) the certificate's check page.
BACK_TO_LIST = "list"


class RevokeForm(AppForm):
    reason = StringField(_l("Reason"), validators=[DataRequired(), Length(max=500)])
    confirmed = HiddenField()
    back = HiddenField()
    submit = SubmitField(_l("Revoke this certificate…"))
    confirm = SubmitField(_l("Yes, revoke"))


def revoke_certificate(certificate: Certificate, reason: str) -> None:
    """Mark it revoked and say who did it and why in the audit trail (the caller commits)."""
    certificate.revoked_at = datetime.now(UTC)
    certificate.revoked_reason = reason
    record(db.session, current_user, Action.CERTIFICATE_REVOKE, certificate.member,
           certificate=certificate.code, course=certificate.course_slug, reason=reason)


@bp.route("/certificates/<code>/revoke", methods=["GET", "POST"])
@roles_required(PlatformRole.ADMIN)
def revoke(code: str):
    certificate = by_code(code)
    form = RevokeForm()
    if not form.is_submitted():
        form.back.data = request.args.get("back", "")
    if certificate.revoked_at is not None:
        flash(_("This certificate was already revoked."), "error")
        return redirect(url_for("certificates.verify", code=code))
    status = 400 if form.is_submitted() else 200
    if form.validate_on_submit():
        if form.confirmed.data == "yes":
            revoke_certificate(certificate, validated(form.reason.data).strip())
            db.session.commit()
            flash(_("The certificate has been revoked."), "success")
            if form.back.data == BACK_TO_LIST:
                return redirect(url_for("admin.certificates"))
            return redirect(url_for("certificates.verify", code=code))
        status = 200  # the first press: the reason is given, now she confirms
    return render_template("certificates/revoke.html", certificate=certificate, form=form), status
