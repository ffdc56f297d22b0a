"""The consent gate: until she has agreed to the current notice, a signed-in member reaches
only the pages listed here. Everything else redirects to the consent screen.

An explicit allow-list, so a new page is closed to her by default.
"""
from __future__ import annotations

from flask import current_app, g, redirect, request, url_for
from flask_login import current_user, logout_user

from ..extensions import db
from .consent import ConsentState, consent_state
from .erasure import ERASED_NAME
from .notices import latest_version
from .queries import is_erased

#: Pages open before consent, besides static files.
OPEN_BEFORE_CONSENT = frozenset({
    "static", "favicon", "manifest", "healthz", "certificates.verify", "language",
    "auth.login", "auth.logout", "auth.code_sign_in",
    "privacy.notice", "privacy.notice_version", "privacy.consent", "privacy.withdraw",
    "privacy.my_data", "privacy.my_data_json", "privacy.my_data_csv", "privacy.ask",
})


def current_notice_version() -> str | None:
    return latest_version(current_app.config["PRIVACY_NOTICES_DIR"])


def own_state() -> ConsentState:
    """The signed-in member's state, read once per request."""
    if "privacy_state" not in g:
        g.privacy_state = consent_state(db.session, current_user.id, current_notice_version())
    return g.privacy_state


def require_consent():
    """``before_request``: send a member who has not agreed to the consent screen.

    An erased account (someone signed in with a code issued for it later) is signed out:
    nobody acts under a de-identified member, whose rows only feed anonymous counts.
    """
    if request.endpoint is None or g.get("database_unavailable") or not current_user.is_authenticated:
        return None
    if current_user.full_name == ERASED_NAME and is_erased(db.session, current_user.id):
        logout_user()
        return redirect(url_for("auth.login"))
    if not current_app.config["PRIVACY_CONSENT_REQUIRED"] or request.endpoint in OPEN_BEFORE_CONSENT:
        return None
    if current_notice_version() is None or own_state().agreed:
        return None
    return redirect(url_for("privacy.consent"))
