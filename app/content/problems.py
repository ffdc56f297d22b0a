"""Problems found while loading content, reported as ``path:line: message``.

A problem's words are a :class:`Message`: an English template marked with :func:`N_` (so the
translators' catalogue holds it) and the values it is filled with. ``flask content check``
prints the English text; the content-health page shows each message in the reader's language
(``message.render(gettext)``). The content core itself has no translations and no Flask.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Union


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


def N_(template: str) -> str:
    """Mark ``template`` for the translators' catalogue (``babel.cfg``); it is returned as is
    and translated only where it is shown."""
    return template


Value = Union[str, int, float, "Message"]


def _same(text: str) -> str:
    return text


@dataclass(frozen=True)
class Message:
    """An English ``template`` with ``%(name)s`` placeholders and the values that fill them.

    A value may itself be a Message (a reason inside a sentence), translated with the
    sentence. A template without values is used as it is (a ``%`` in it needs no doubling).
    """

    template: str
    values: tuple[tuple[str, Value], ...] = ()

    @classmethod
    def of(cls, template: str, /, **values: Value) -> Message:
        return cls(template, tuple(values.items()))

    def render(self, translate: Callable[[str], str] = _same) -> str:
        """The text, each template through ``translate`` (English when it fails to fill)."""
        if not self.values:
            return translate(self.template)
        filled = {name: value.render(translate) if isinstance(value, Message) else value
                  for name, value in self.values}
        try:
            return translate(self.template) % filled
        except (KeyError, ValueError, TypeError):  # a translation that lost a placeholder
            return self.template % filled

    def __str__(self) -> str:
        return self.render()


@dataclass(frozen=True, order=True)
class Problem:
    """One defect in a content file; ``line`` is 1-based (0 when it concerns the whole file).

    ``message`` is the English text; ``text`` the same words as a translatable Message.
    """

    path: str
    line: int
    message: str
    severity: Severity = Severity.ERROR
    text: Message | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.text is None:  # made from plain words: shown as they are
            object.__setattr__(self, "text", Message(self.message))

    @property
    def words(self) -> Message:
        """``text``, which every Problem has once made (see ``__post_init__``)."""
        assert self.text is not None
        return self.text

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def where(self) -> str:
        # A problem of the whole file (its name, its place) has no line to point at.
        return f"{self.path}:{self.line}" if self.line > 0 else self.path

    def __str__(self) -> str:
        prefix = "" if self.is_error else "warning: "
        return f"{self.where}: {prefix}{self.message}"


def _problem(path: str, line: int, severity: Severity, message: str | Message, values: dict) -> Problem:
    text = message if isinstance(message, Message) else Message.of(message, **values)
    return Problem(path, line, text.render(), severity, text)


def error(path: str, line: int, message: str | Message, /, **values: Value) -> Problem:
    """An error; ``message`` is an ``N_`` template filled with ``values``, or a Message."""
    return _problem(path, line, Severity.ERROR, message, values)


def warning(path: str, line: int, message: str | Message, /, **values: Value) -> Problem:
    """A warning; ``message`` is an ``N_`` template filled with ``values``, or a Message."""
    return _problem(path, line, Severity.WARNING, message, values)
