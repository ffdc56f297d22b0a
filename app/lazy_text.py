"""Texts translated when they are shown (form labels, validation and file messages).

flask-babel's lazy strings say they are HTML already (``LazyString.__html__`` returns the text
as it is), so a message that carries what someone typed or uploaded, “%(text)s” is not a date,
would reach the page unescaped. These lazy strings print the way ``_()`` prints in templates
(``app/i18n.py``): the catalogue's own words are markup, every value filled in is escaped.
Import ``lazy_gettext as _l`` from here, never from flask_babel.
"""
from __future__ import annotations

from flask_babel import gettext
from flask_babel.speaklater import LazyString
from markupsafe import Markup


class LazyText(LazyString):
    """A lazy translation whose values are escaped when a page prints it."""

    def __html__(self) -> str:
        string, = self._args
        text = Markup(gettext(string))  # noqa: S704 - our catalogue's words; values escaped below
        return text % self._kwargs if self._kwargs else text


def lazy_gettext(string: str, **variables) -> LazyText:
    """``string`` translated into the reader's language when it is used, with ``variables``."""
    return LazyText(gettext, string, **variables)
