"""What every form in the app shares."""
from __future__ import annotations

import functools
from typing import Iterable

from babel import support
from flask_babel import get_locale
from flask_wtf import FlaskForm
from wtforms.fields.choices import SelectChoice
from wtforms.i18n import messages_path


def options(pairs: Iterable[tuple[object, object]]) -> list[SelectChoice]:
    """Select options from ``(value, label)`` pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


class AppForm(FlaskForm):
    """Base of every form: WTForms' own messages in the page's language, catalogue read once.

    Flask-WTF reads WTForms' message catalogue from disk again for every request that builds
    a form; this reads it once per language and process.
    """

    class Meta(FlaskForm.Meta):
        def get_translations(self, form):
            return _WTFORMS_MESSAGES


@functools.cache
def _wtforms_catalogue(locale: str) -> support.Translations:
    return support.Translations.load(messages_path(), [locale], domain="wtforms")


class _WtformsMessages:
    @staticmethod
    def _catalogue() -> support.Translations:
        return _wtforms_catalogue(str(get_locale() or "en"))

    def gettext(self, string: str) -> str:
        return self._catalogue().ugettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._catalogue().ungettext(singular, plural, n)


_WTFORMS_MESSAGES = _WtformsMessages()
