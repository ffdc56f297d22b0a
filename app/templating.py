"""Template globals and filters shared by every page."""
from __future__ import annotations

import hashlib
from pathlib import Path

from babel.numbers import get_group_symbol
from flask import Flask, current_app, g
from flask_babel import format_date, format_datetime, format_decimal, get_locale

from app.lazy_text import lazy_gettext as _l

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
    "branch_head": _l("Branch head"),
    "branch_deputy": _l("Branch deputy head"),
    "group_head": _l("Group head"),
    "none": _l("Not on the committee"),
}


def init_app(app: Flask) -> None:
    digest = hashlib.sha256()
    for path in sorted(Path(app.static_folder or "").glob("*")):
        if path.is_file():
            digest.update(path.read_bytes())
    version = digest.hexdigest()[:10]
    app.jinja_env.globals.update(
        current_locale_code=lambda: str(get_locale() or "en"),
        static_version=version,
        role_label=lambda role: ROLE_LABELS.get(role, role),
        committee_label=lambda role: COMMITTEE_LABELS.get(role, role),
        unit_kind_label=_unit_level_label,
    )
    app.jinja_env.filters["format_date"] = lambda value, fmt="medium": (
        format_date(value, _date_pattern("date", fmt)) if value else "")
    app.jinja_env.filters["format_datetime"] = lambda value, fmt="medium": (
        format_datetime(value, _date_pattern("datetime", fmt)) if value else "")
    app.jinja_env.filters["format_number"] = _format_number
    app.jinja_env.filters["format_percent_value"] = lambda value: (
        format_decimal(value, format="0.#") + "%" if value is not None else "–")
    app.jinja_env.filters["reject_key"] = lambda mapping, key: {k: v for k, v in mapping.items() if k != key}
    app.context_processor(lambda: {"view_names": current_app.view_functions})
    from . import delivery

    delivery.init_app(app)


#: Vietnamese writes dates as 31/12/2026: CLDR's "31 thg 12, 2026" reads as a foreign
#: abbreviation and its short form drops the century. Named formats only; a page that asks
#: for its own pattern ("MMMM yyyy") gets it as written.
VIETNAMESE_PATTERNS = {
    "date": {"short": "dd/MM/yyyy", "medium": "dd/MM/yyyy"},
    "datetime": {"short": "HH:mm dd/MM/yyyy", "medium": "HH:mm dd/MM/yyyy"},
}


def _date_pattern(kind: str, fmt: str) -> str:
    if str(get_locale() or "") == "vi":
        return VIETNAMESE_PATTERNS[kind].get(fmt, fmt)
    return fmt


def _unit_level_label(kind: str | None) -> str:
    """A unit level's name (by its code) in the interface language."""
    from flask import g

    from .extensions import db
    from .units.levels import ordered_levels

    if "unit_level_names" not in g:  # a page of units asks once per row
        language = str(get_locale() or "en")
        g.unit_level_names = {level.code: level.name_in(language) for level in ordered_levels(db.session)}
    return g.unit_level_names.get(kind or "", kind or "")


def _format_number(value, digits: int = 0) -> str:
    """Digits grouped in the reader's language. A whole number (a report of the whole union
    has thousands of them) is written without babel's pattern machinery, which gives the same
    text for "#,##0" in every language the site speaks, for a twentieth of the time."""
    if digits == 0 and isinstance(value, int) and not isinstance(value, bool):
        if "number_group_symbol" not in g:
            g.number_group_symbol = get_group_symbol(str(get_locale() or "en"))
        return f"{value:,}".replace(",", g.number_group_symbol)
    return format_decimal(value, format="#,##0" + ("." + "0" * digits if digits else ""))
