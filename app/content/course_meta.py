"""Typed, checked reading of course/module/lesson front matter.

Each reader method returns a usable value even when the file is wrong (so the rest of the
course still loads) and records a Problem at the line of the offending key.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from typing import Any

from .frontmatter import Document
from .problems import N_, Problem, Value, error, warning

COURSE_KEYS = (
    "title", "summary", "audience", "minutes", "language", "quizzes", "prerequisites", "draft",
    "sessions_required",
)
MODULE_KEYS = ("title", "quiz")
LESSON_KEYS = (
    "title", "minutes", "quiz", "required",
    "questions", "objectives", "keypoints", "teaching", "exercises",
)
# What a translation may replace; everything else comes from the source file.
TRANSLATED_KEYS = {
    "course": ("title", "summary", "audience"),
    "module": ("title",),
    "lesson": ("title", "questions", "objectives", "keypoints"),
}
EXTRA_LISTS = ("questions", "objectives", "keypoints")
EXTRA_MINUTES = ("teaching", "exercises")

SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_SLUG = re.compile(rf"^{SLUG}$")
_LANGUAGE = re.compile(r"^[a-z]{2}$")


def is_slug(text: str) -> bool:
    """Lowercase letters, digits and single hyphens: safe in a URL and a file name."""
    return bool(_SLUG.match(text))


class MetaReader:
    """Reads values from one file's front matter, appending problems to ``problems``."""

    def __init__(self, doc: Document, path: str, problems: list[Problem],
                 front_matter_failed: bool = False) -> None:
        self.doc = doc
        # After a YAML error every key looks missing; one problem per mistake is enough.
        self.front_matter_failed = front_matter_failed
        self.meta: dict[str, Any] = doc.meta
        self.path = path
        self.problems = problems

    def line(self, key: str) -> int:
        return self.doc.line_of(key)

    def _error(self, at: str, message: str, /, **values: Value) -> None:
        """An error at the line of the key ``at``; ``message`` an N_ template of ``values``."""
        self.problems.append(error(self.path, self.line(at), message, **values))

    def _warning(self, at: str, message: str, /, **values: Value) -> None:
        self.problems.append(warning(self.path, self.line(at), message, **values))

    def check_keys(self, allowed: tuple[str, ...],
                   source_values: Mapping[str, Any] | None = None) -> None:
        """Warn about unknown keys.

        In a translation, ``source_values`` maps the keys only the source file sets to the
        source's values: repeating them is harmless, a different value gets a warning
        because it is ignored.
        """
        source_values = source_values or {}
        for key, value in self.meta.items():
            name = str(key)
            if name in allowed:
                continue
            if name in source_values:
                if value != source_values[name]:
                    self._warning(name, N_("'%(key)s' is ignored in a translation and differs "
                                           "from the source file; change it in the source file"), key=name)
                continue
            guess = difflib.get_close_matches(name, allowed, n=1)
            if guess:
                self._warning(name, N_("unknown key '%(key)s' (did you mean '%(guess)s'?); allowed keys: "
                                       "%(allowed)s"), key=name, guess=guess[0], allowed=", ".join(allowed))
            else:
                self._warning(name, N_("unknown key '%(key)s'; allowed keys: %(allowed)s"), key=name,
                              allowed=", ".join(allowed))

    def text(self, key: str, default: str = "") -> str:
        value = self.meta.get(key)
        if value is None:
            return default
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return str(value).strip()
        self._error(key, N_("'%(key)s' must be a piece of text"), key=key)
        return default

    def title(self, fallback: str, required: bool = True) -> str:
        """The title, or ``fallback`` (with an error when the title is required)."""
        before = len(self.problems)
        title = self.text("title")
        wrong_type = len(self.problems) > before  # already reported as "must be text"
        if not title and required and not self.front_matter_failed and not wrong_type:
            line = self.line("title") if "title" in self.meta else 1
            self.problems.append(error(self.path, line, N_("missing title: add a line like "
                                                           "'title: Setting up your group' to the front matter")))
        return title or fallback

    def positive_int(self, key: str) -> int | None:
        value = self.meta.get(key)
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
        self._error(key, N_("'%(key)s' must be a whole number of minutes greater than 0, not %(value)s"),
                    key=key, value=repr(value))
        return None

    def count(self, key: str) -> int:
        """A whole number of at least 0 (0 when the key is missing or wrong)."""
        value = self.meta.get(key)
        if value is None:
            return 0
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        self._error(key, N_("'%(key)s' must be a whole number of 0 or more, like %(key)s: 1, not %(value)s"),
                    key=key, value=repr(value))
        return 0

    def minutes_part(self, key: str) -> int | None:
        """Carpentries' teaching/exercises minutes: kept for display, a warning if odd."""
        value = self.meta.get(key)
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        self._warning(key, N_("'%(key)s' should be a whole number of minutes, not %(value)s"), key=key,
                      value=repr(value))
        return None

    def boolean(self, key: str, default: bool) -> bool:
        value = self.meta.get(key, default)
        if isinstance(value, bool):
            return value
        self._error(key, N_("'%(key)s' must be true or false, not %(value)s"), key=key, value=repr(value))
        return default

    def identifier(self, key: str) -> str | None:
        """A quiz id: text without spaces."""
        value = self.meta.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip() \
                and " " not in str(value).strip():
            return str(value).strip()
        self._error(key, N_("'%(key)s' must be one quiz id (the quiz file name without .md), not %(value)s"),
                    key=key, value=repr(value))
        return None

    def identifiers(self, key: str) -> tuple[str, ...]:
        """A list of ids (a single id is accepted as a list of one)."""
        value = self.meta.get(key)
        if value is None:
            return ()
        items = value if isinstance(value, list) else [value]
        if all(isinstance(i, (str, int)) and not isinstance(i, bool) and str(i).strip()
               for i in items):
            return tuple(dict.fromkeys(str(i).strip() for i in items))
        self._error(key, N_("'%(key)s' must be a list of names, like: %(key)s: [first, second]"), key=key)
        return ()

    def string_list(self, key: str) -> tuple[str, ...] | None:
        value = self.meta.get(key)
        if value is None:
            return None
        items = value if isinstance(value, list) else [value]
        if all(isinstance(i, (str, int, float)) and not isinstance(i, bool) for i in items):
            return tuple(str(i) for i in items)
        self._warning(key, N_("'%(key)s' should be a list of sentences; it is not shown"), key=key)
        return None

    def language(self, default: str = "en") -> str:
        value = self.meta.get("language")
        if value is None:
            return default
        if isinstance(value, str) and _LANGUAGE.match(value.strip().lower()):
            return value.strip().lower()
        self._error("language", N_("'language' must be a two-letter code like en or vi, not %(value)s"),
                    value=repr(value))
        return default

    def extra(self) -> dict[str, Any]:
        """The Carpentries keys a lesson page shows: lists of sentences and minutes."""
        found: dict[str, Any] = {}
        for key in EXTRA_LISTS:
            items = self.string_list(key)
            if items is not None:
                found[key] = items
        for key in EXTRA_MINUTES:
            minutes = self.minutes_part(key)
            if minutes is not None:
                found[key] = minutes
        return found
