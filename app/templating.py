"""Template globals and filters shared by every page."""
from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Flask, current_app
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

ROLE_LABELS = {
    "officer": _l("Officer"),
    "trainer": _l("Trainer"),
    "coordinator": _l("Coordinator"),
    "admin": _l("Administrator"),
}
COMMITTEE_LABELS = {
    "chair": _l("Chair"),
    "vice_chair": _l("Vice chair"),
    "standing_member": _l("Standing committee member"),
    "committee_member": _l("Committee member"),
    "none": _l("Not on the committee"),
}
UNIT_KIND_LABELS = {
    "province": _l("Province"),
    "district": _l("District or city"),
    "commune": _l("Commune or ward"),
}


def init_app(app: Flask) -> None:
    css = Path(app.static_folder or "") / "app.css"
    version = hashlib.sha256(css.read_bytes()).hexdigest()[:10] if css.exists() else "0"
    app.jinja_env.globals.update(
        current_locale_code=lambda: str(get_locale() or "en"),
        static_version=version,
        role_label=lambda role: ROLE_LABELS.get(role, role),
        committee_label=lambda role: COMMITTEE_LABELS.get(role, role),
        unit_kind_label=lambda kind: UNIT_KIND_LABELS.get(kind, kind),
    )
    app.jinja_env.filters["reject_key"] = lambda mapping, key: {k: v for k, v in mapping.items() if k != key}
    app.context_processor(lambda: {"view_names": current_app.view_functions})
