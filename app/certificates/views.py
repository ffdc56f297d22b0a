"""Certificate pages. The public page shows only name, course, date, unit and validity."""
from __future__ import annotations

from flask import abort, current_app, render_template, url_for
from flask_babel import force_locale, format_date
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import throttle
from ..models import Certificate
from ..qr import qr_svg
from . import bp
from .document import CertificateText, certificate_pdf
from .lookup import by_code
from .revocation import RevokeForm
from .titles import certificate_language, certificate_title, original_title


@bp.app_context_processor
def certificate_titles():
    return {"certificate_title": certificate_title}


def _verify_url(certificate: Certificate) -> str:
    """The public page's address, from PUBLIC_URL: never from the request's Host header,
    which whoever sends the request chooses (and which would end up printed in the QR code)."""
    return current_app.config["PUBLIC_URL"].rstrip("/") + url_for("certificates.verify", code=certificate.code)


@bp.route("/certificates/<code>")
def verify(code: str):
    """Public verification: anyone holding the link (or the QR code) may check it, a limited
    number of times a minute from one address (counted in the database if Redis is down)."""
    if throttle.certificate_lookup():
        abort(429)
    certificate = by_code(code)
    form = RevokeForm() if current_user.is_authenticated and current_user.is_admin else None
    return render_template("certificates/verify.html", certificate=certificate, form=form)


def _own(code: str) -> Certificate:
    certificate = by_code(code)
    if certificate.member_id != current_user.id:
        abort(404)
    return certificate


@bp.route("/me/certificates/<code>")
@login_required
def mine(code: str):
    certificate = _own(code)
    return render_template("certificates/mine.html", certificate=certificate,
                           qr=qr_svg(_verify_url(certificate)),
                           verify_url=_verify_url(certificate))


@bp.route("/me/certificates/<code>.pdf")
@login_required
def pdf(code: str):
    certificate = _own(code)
    response = current_app.response_class(certificate_pdf(_printed_text(certificate)), mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="certificate-{certificate.course_slug}.pdf"'
    return response


def _printed_text(certificate: Certificate) -> CertificateText:
    """The PDF's words in the language she finished in, with the original title beneath."""
    with force_locale(certificate_language(certificate) or str(current_app.config["BABEL_DEFAULT_LOCALE"])):
        return CertificateText(
            heading=_("Certificate of completion"),
            holder=certificate.member.full_name,
            line=_("has completed the course"),
            course=certificate_title(certificate),
            original_course=original_title(certificate),
            issued=_("Issued on %(date)s by %(unit)s", date=format_date(certificate.issued_at, "long"),
                     unit=certificate.unit_name or certificate.unit.name),
            verify_label=_("Check this certificate at:"),
            verify_url=_verify_url(certificate),
            code=_("Certificate code: %(code)s", code=certificate.code),
            revoked=_("REVOKED") if certificate.revoked_at else None,
        )
