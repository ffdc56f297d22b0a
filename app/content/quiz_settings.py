"""Checked reading of quiz settings, from Markdown front matter or a GIFT comment header.

Front matter gives typed YAML values; a GIFT header gives strings ("80", "true"), so each
reader accepts both. A bad value is reported at the line of its key and replaced by the
default, so the rest of the quiz can still be checked in the same run.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from typing import Any

from .problems import N_, Problem, Value, error, warning
from .quiz_model import SETTING_KEYS, Question, QuestionType, ShowAnswers

_LANGUAGE = re.compile(r"^[a-z]{2}$")
_TRUE, _FALSE = ("true", "yes", "on"), ("false", "no", "off")


def read_settings(meta: Mapping[str, Any], line_of: Callable[[str], int], path: str,
                  questions: list[Question] | tuple[Question, ...],
                  ) -> tuple[dict[str, Any], list[Problem]]:
    """Settings as ``Quiz`` keyword arguments (only those given), and their problems."""
    problems: list[Problem] = []
    out: dict[str, Any] = {}

    def bad(at: str, message: str, /, **values: Value) -> None:
        problems.append(error(path, line_of(at), message, **values))

    allowed = ", ".join(SETTING_KEYS)
    for key in meta:
        if key not in SETTING_KEYS:
            close = difflib.get_close_matches(str(key), SETTING_KEYS, 1, 0.6)
            if close:
                bad(key, N_("unknown setting '%(key)s' (did you mean '%(guess)s'?); allowed: %(allowed)s"),
                    key=str(key), guess=close[0], allowed=allowed)
            else:
                bad(key, N_("unknown setting '%(key)s'; allowed: %(allowed)s"), key=str(key),
                    allowed=allowed)
    for key, value in meta.items():
        if key not in SETTING_KEYS:
            continue
        if key in ("title", "language"):
            if isinstance(value, (dict, list)) or value is None:
                bad(key, N_("%(key)s must be text"), key=key)
                continue
            value = str(value).strip()
            if key == "language" and not _LANGUAGE.match(value):
                bad(key, N_("language must be a two-letter code such as en or vi, not '%(value)s'"),
                    value=value)
                continue
            out[key] = value
        elif key == "pass_mark":
            number = _number(value)
            if number is None or not 0 <= number <= 100:
                bad(key, N_("pass_mark must be a number from 0 to 100 (percent), not %(value)s"),
                    value=repr(value))
            else:
                out[key] = number
        elif key == "max_attempts":
            number = _whole(value)
            if number is None or number < 0:
                bad(key, N_("max_attempts must be a whole number, 0 (unlimited) or more, not %(value)s"),
                    value=repr(value))
            else:
                out[key] = number
        elif key in ("shuffle_questions", "shuffle_choices"):
            flag = _flag(value)
            if flag is None:
                bad(key, N_("%(key)s must be true or false, not %(value)s"), key=key, value=repr(value))
            else:
                out[key] = flag
        elif key == "show_answers":
            try:
                out[key] = ShowAnswers(str(value).strip())
            except ValueError:
                bad(key, N_("show_answers must be one of %(choices)s, not %(value)s"),
                    choices=", ".join(s.value for s in ShowAnswers), value=repr(value))
        elif key == "pool":
            drawable = sum(q.type is not QuestionType.DESCRIPTION for q in questions)
            number = _whole(value)
            if number is None or not 1 <= number <= drawable:
                bad(key, N_("pool must be a whole number from 1 to %(questions)d (the number of "
                            "questions), not %(value)s"), questions=drawable, value=repr(value))
            else:
                out[key] = number
    if out.get("show_answers") is ShowAnswers.AFTER_LAST_ATTEMPT and not out.get("max_attempts"):
        problems.append(warning(path, line_of("show_answers"), N_(
            "show_answers: after_last_attempt never shows answers while max_attempts is 0 (unlimited)")))
    return out, problems


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str):
        try:
            number = float(value.strip().rstrip("%"))
        except ValueError:
            return None
        return int(number) if number.is_integer() else number
    return None


def _whole(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
        return int(value)
    return None


def _flag(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE + _FALSE:
        return value.strip().lower() in _TRUE
    return None
