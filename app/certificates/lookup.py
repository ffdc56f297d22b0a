"""Finding a certificate by its code, the only handle anyone outside holds."""
from __future__ import annotations

from flask import abort
from sqlalchemy import select

from ..extensions import db
from ..models import Certificate


def by_code(code: str) -> Certificate:
    """The certificate, or 404 (also for a code that cannot be one, without asking the database)."""
    if not 20 <= len(code) <= 64:
        abort(404)
    certificate = db.session.scalars(select(Certificate).where(Certificate.code == code)).first()
    if certificate is None:
        abort(404)
    return certificate
