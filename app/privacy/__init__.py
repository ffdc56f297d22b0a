"""Members' personal data under Vietnam's data protection law (Law 91/2025/QH15, Decree
356/2025): the versioned notice, consent with evidence, her own data, requests with their
deadlines, erasure, retention, and the record of who viewed a member's page."""
from __future__ import annotations

from flask import Blueprint, Flask

from ..config import ROOT

bp = Blueprint("privacy", __name__)

#: Settings (each may be set in instance/config.py or as UNION_<NAME> in the environment).
DEFAULTS = {
    "PRIVACY_NOTICES_DIR": str(ROOT / "privacy"),
    #: Before agreeing to the current notice a member reaches only the notice, her data and sign-out.
    "PRIVACY_CONSENT_REQUIRED": True,
    "PRIVACY_KEEP_SWITCHED_OFF_DAYS": 730,
    "PRIVACY_KEEP_ANSWERS_DAYS": 365,
    #: The union's own days off besides weekends and public holidays: ISO dates.
    "PRIVACY_EXTRA_DAYS_OFF": (),
}


def register(app: Flask) -> None:
    for name, value in DEFAULTS.items():
        app.config.setdefault(name, value)
    from . import views, views_admin  # noqa: F401  (routes)
    from .cli import privacy
    from .gate import require_consent
    from .page_views import init_app as record_page_views
    from .placeholders import init_app as translate_placeholders

    app.register_blueprint(bp)
    app.before_request(require_consent)
    record_page_views(app)
    translate_placeholders(app)
    app.cli.add_command(privacy)
