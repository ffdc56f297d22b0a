"""The placeholders erasure leaves behind, shown in the reader's language.

Erasure stores language-neutral placeholders (``ERASED_NAME`` where her name was, also inside
labels and copied texts, and ``ERASED_TEXT`` for the text of her requests), the same whoever
reads them later. They are translated where they are shown: every value a page prints passes
through :func:`shown` (Jinja's ``finalize``), and so does every text cell of a CSV or XLSX
download (``app.reports.exports``). The command line, which speaks English, prints them as stored.
"""
from __future__ import annotations

from flask import Flask
from flask_babel import gettext as _

from .erasure import ERASED_NAME, ERASED_TEXT


def shown(value):
    """``value`` with the erasure placeholders in the reader's language (other values unchanged).

    Every value a page prints passes here, so the common case is a type check and a search
    for "(" (both placeholders start with one); Markup stays Markup (its ``replace`` escapes
    the words it puts in)."""
    if isinstance(value, str) and "(" in value and (ERASED_NAME in value or ERASED_TEXT in value):
        return value.replace(ERASED_NAME, _("(erased)")).replace(ERASED_TEXT, _("(withdrawn)"))
    return value


def init_app(app: Flask) -> None:
    app.jinja_env.finalize = shown
