"""Certificate pages. The public page shows only name, course, date, unit and validity."""
from __future__ import annotations

from datetime import datetime, timezone

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from markupsafe import Markup
from sqlalchemy import select
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, Length

from ..accounts.access import roles_required
from ..extensions import db, limiter
from ..forms import AppForm
from ..models import Certificate, PlatformRole
from . import bp
from .document import CertificateText, certificate_pdf, qr_svg


class RevokeForm(AppForm):
    reason = StringField(_l("Reason"), validators=[DataRequired(), Length(max=500)])
    submit = SubmitField(_l("Revoke this certificate"))


def _by_code(code: str) -> Certificate:
    if not 20 <= len(code) <= 64:
        abort(404)
    certificate = db.session.scalars(select(Certificate).where(Certificate.code == code)).first()
    if certificate is None:
        abort(404)
    return certificate


def _verify_url(certificate: Certificate) -> str:
    return url_for("certificates.verify", code=certificate.code, _external=True)


@bp.route("/certificates/<code>")
@limiter.limit(lambda: current_app.config["CERTIFICATE_LOOKUP_LIMIT"])
def verify(code: str):
    """Public verification: anyone holding the link (or the QR code) may check it."""
    certificate = _by_code(code)
    form = RevokeForm() if current_user.is_authenticated and current_user.is_admin else None
    return render_template("certificates/verify.html", certificate=certificate, form=form)


@bp.route("/certificates/<code>/revoke", methods=["POST"])
@roles_required(PlatformRole.ADMIN)
def revoke(code: str):
    certificate = _by_code(code)
    form = RevokeForm()
    if form.validate_on_submit():
        if certificate.revoked_at is None:
            certificate.revoked_at = datetime.now(timezone.utc)
            certificate.revoked_reason = form.reason.data.strip()
            db.session.commit()
            flash(_("The certificate has been revoked."), "success")
        return redirect(url_for("certificates.verify", code=code))
    return render_template("certificates/verify.html", certificate=certificate, form=form), 400


def _own(code: str) -> Certificate:
    certificate = _by_code(code)
    if certificate.member_id != current_user.id:
        abort(404)
    return certificate


@bp.route("/me/certificates/<code>")
@login_required
def mine(code: str):
    certificate = _own(code)
    return render_template("certificates/mine.html", certificate=certificate,
                           qr=Markup(qr_svg(_verify_url(certificate))),  # noqa: S704 - made by segno
                           verify_url=_verify_url(certificate))


@bp.route("/me/certificates/<code>.pdf")
@login_required
def pdf(code: str):
    certificate = _own(code)
    text = CertificateText(
        heading=_("Certificate of completion"),
        holder=certificate.member.full_name,
        line=_("has completed the course"),
        course=certificate.course_title,
        issued=_("Issued on %(date)s by %(unit)s", date=format_date(certificate.issued_at, "long"),
                 unit=certificate.unit.name),
        verify_label=_("Check this certificate at:"),
        verify_url=_verify_url(certificate),
        code=_("Certificate code: %(code)s", code=certificate.code),
        revoked=_("REVOKED") if certificate.revoked_at else None,
    )
    response = current_app.response_class(certificate_pdf(text), mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="certificate-{certificate.course_slug}.pdf"'
    return response
