"""What every form in the app shares."""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import TypeVar

from babel import support
from flask_babel import get_locale
from flask_wtf import FlaskForm
from wtforms import DateField, Field, TextAreaField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # new in WTForms 3.2; the stubs lack it
from wtforms.i18n import messages_path
from wtforms.widgets import TextInput

from app.lazy_text import lazy_gettext as _l

from .field_rules import control_character_in

T = TypeVar("T")

#: Dates outside these years are typing mistakes, and past them date arithmetic overflows.
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)
#: Whole numbers the databases store (a PostgreSQL ``integer``).
LARGEST_NUMBER = 2**31 - 1
#: What a multi-line text box may hold besides printable text.
TEXTAREA_CONTROLS = "\t\n\r"


def validated(value: T | None) -> T:
    """A field's data once its form has validated: a required field (DataRequired,
    InputRequired or the form's own check) lets no missing value through, and a field the
    form always fills (a hidden field given its value, a list of ticks) has one."""
    assert value is not None
    return value


def options(pairs: Iterable[tuple[object, object]]) -> list[SelectChoice]:
    """Select options from ``(value, label)`` pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


class AppForm(FlaskForm):
    """Base of every form: input no form accepts, and WTForms' messages in the page's language.

    Before any validator runs (some ask the database), every field is checked for what
    no field may hold: control characters such as NUL (PostgreSQL cannot store them, and
    they forge log lines), a date outside FIRST_DAY..LAST_DAY, a number the database cannot
    store. A form with such a field fails with a message on that field and validates nothing
    else.

    Flask-WTF reads WTForms' message catalogue from disk again for every request that builds
    a form; this reads it once per language and process.
    """

    class Meta(FlaskForm.Meta):
        def get_translations(self, form):
            return _WTFORMS_MESSAGES

    def validate(self, extra_validators=None) -> bool:
        refused = {field: message for field in self if (message := refused_input(field))}
        if refused:
            for field, message in refused.items():
                field.errors = [message]
            return False
        return super().validate(extra_validators)


def refused_input(field: Field):
    """Why no form accepts what ``field`` holds (None: nothing to refuse)."""
    allowed = TEXTAREA_CONTROLS if isinstance(field, TextAreaField) else ""
    for raw in field.raw_data or ():
        if isinstance(raw, str) and control_character_in(raw, allowed=allowed) is not None:
            return _l("This field contains an invisible control character (such as NUL) that "
                      "cannot be saved. Type the text again instead of pasting it.")
    values = field.data if isinstance(field.data, (list, tuple)) else [field.data]
    for value in values:
        if isinstance(value, (date, datetime)):
            day = value.date() if isinstance(value, datetime) else value
            if not FIRST_DAY <= day <= LAST_DAY:
                return _l("Enter a date between %(first)s and %(last)s.",
                          first=FIRST_DAY.isoformat(), last=LAST_DAY.isoformat())
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > LARGEST_NUMBER:
            return _l("This number is too large.")
    return None


@functools.cache
def _wtforms_catalogue(locale: str) -> support.NullTranslations:
    return support.Translations.load(messages_path(), [locale], domain="wtforms")


class _WtformsMessages:
    @staticmethod
    def _catalogue() -> support.NullTranslations:
        return _wtforms_catalogue(str(get_locale() or "en"))

    def gettext(self, string: str) -> str:
        return self._catalogue().ugettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._catalogue().ungettext(singular, plural, n)


_WTFORMS_MESSAGES = _WtformsMessages()


_SEPARATOR = r"(?:\s*[/.-]\s*|\s+)"
_DAY_MONTH_YEAR = re.compile(rf"(\d{{1,2}}){_SEPARATOR}(\d{{1,2}}){_SEPARATOR}(\d{{4}})")
_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def parse_day(text: str) -> date | None:
    """The day in ``31/12/2026`` (also ``31.12.2026``, ``31-12-2026``, ``31 12 2026``,
    ``31122026``) or ``2026-12-31``; None when the text is not a day of the calendar."""
    text = text.strip()
    if found := _ISO_DAY.fullmatch(text):
        year, month, day = found.groups()
    elif found := _DAY_MONTH_YEAR.fullmatch(text):
        day, month, year = found.groups()
    elif len(text) == 8 and text.isascii() and text.isdigit():
        day, month, year = text[:2], text[2:4], text[4:]
    else:
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


class DayField(DateField):
    """A day typed as day/month/year (31/12/2026), the way Vietnam writes dates.

    A plain text box rather than ``<input type="date">``: a browser shows that box in its own
    language's order, so a phone set to English asks for mm/dd/yyyy and 03/04 becomes another
    day. The box says which order it wants (``format_hint``, shown under the label by the
    ``field`` macro, and the placeholder) and works without JavaScript. ``2026-12-31`` is
    accepted too, as links and bookmarks write it.
    """

    widget = TextInput()
    #: Shown under the label (``_macros/forms.html``) and read out with the box.
    format_hint = _l("Day/month/year, for example 31/12/2026.")

    def __init__(self, label=None, validators=None, **kwargs):
        render_kw = {"placeholder": _l("dd/mm/yyyy"), "autocomplete": "off", **(kwargs.pop("render_kw", None) or {})}
        super().__init__(label, validators, format="%d/%m/%Y", render_kw=render_kw, **kwargs)

    def _value(self) -> str:
        if self.data:
            return self.data.strftime("%d/%m/%Y")
        return " ".join(self.raw_data) if self.raw_data else ""

    def process_formdata(self, valuelist) -> None:
        if not valuelist:
            return
        text = " ".join(str(value) for value in valuelist).strip()
        self.data = parse_day(text) if text else None
        if text and self.data is None:
            raise ValueError(_l("“%(text)s” is not a date: write day/month/year, for example 31/12/2026.",
                                text=text[:40]))
