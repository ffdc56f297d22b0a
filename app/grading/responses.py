"""What a member answered, checked against the plan, and how typed answers are matched.

Response shapes, by question type: single -> a choice id; multiple -> a set (or list) of
choice ids; true/false -> "true" or "false"; short, numeric, essay -> the text typed;
matching -> {pair id: chosen answer text}. None or "" means not answered.

A response that could not have come from the paper shown (a question not in the plan, a
choice the question does not have) is refused as a whole with ``ResponseError``; typed
text that is simply wrong (e.g. "abc" for a number) is graded as wrong, never an error.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

from app.content.quiz_model import NumericAnswer, Question, QuestionType, Quiz, ShortAnswer

from .plan import AttemptPlan

Response = str | frozenset[str] | Mapping[str, str] | None
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$")


class ResponseError(ValueError):
    """Responses that do not fit the attempt's paper; nothing was graded."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def check_responses(quiz: Quiz, plan: AttemptPlan, responses: Mapping[str, object],
                    ) -> dict[str, Response]:
    """Canonical responses for the planned questions, or ResponseError listing every fault."""
    problems: list[str] = []
    planned = set(plan.question_ids)
    for qid in responses:
        if qid not in planned or quiz.question(qid) is None:
            problems.append(f"question '{qid}' is not part of this attempt")
    out: dict[str, Response] = {}
    for qid in plan.question_ids:
        question = quiz.question(qid)
        if question is None:
            continue  # removed from the quiz since the attempt started: not graded
        try:
            out[qid] = _canonical(question, responses.get(qid))
        except ValueError as exc:
            problems.append(f"question '{qid}': {exc}")
    if problems:
        raise ResponseError(problems)
    return out


def _canonical(q: Question, raw: object) -> Response:
    if raw is None or raw == "":
        return None
    kind = q.type
    if kind is QuestionType.DESCRIPTION:
        raise ValueError("a description takes no answer")
    if kind in (QuestionType.SHORT, QuestionType.NUMERIC, QuestionType.ESSAY):
        if not isinstance(raw, str):
            raise ValueError("expects typed text")
        return raw if raw.strip() else None
    if kind in (QuestionType.SINGLE, QuestionType.TRUEFALSE):
        if not isinstance(raw, str):
            raise ValueError("expects one choice")
        _known_choices(q, [raw])
        return raw
    if kind is QuestionType.MULTIPLE:
        ids = [raw] if isinstance(raw, str) else raw
        if isinstance(ids, Mapping) or not isinstance(ids, Iterable) \
                or not all(isinstance(i, str) for i in ids):
            raise ValueError("expects a set of choice ids")
        _known_choices(q, ids)
        return frozenset(ids) or None
    if not isinstance(raw, Mapping):
        raise ValueError("expects {pair id: answer}")
    options = set(q.match_options)
    chosen = {}
    for pair_id, answer in raw.items():
        pair = q.pair(pair_id) if isinstance(pair_id, str) else None
        if pair is None or pair.is_distractor:
            raise ValueError(f"has no prompt '{pair_id}'")
        if answer in (None, ""):
            continue
        if not isinstance(answer, str) or answer not in options:
            raise ValueError(f"'{answer}' is not one of the options")
        chosen[pair_id] = answer
    return chosen or None


def _known_choices(q: Question, ids: Iterable[str]) -> None:
    for choice_id in ids:
        if q.choice(choice_id) is None:
            raise ValueError(f"has no choice '{choice_id}'")


def normalise_text(text: str) -> str:
    """Case-, space- and Unicode-insensitive form: NFC, runs of spaces collapsed, casefolded."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    return unicodedata.normalize("NFC", text.casefold())


def short_answer_matches(answer: ShortAnswer, response: str) -> bool:
    """``*`` in the accepted answer stands for any run of characters (also none)."""
    pattern = ".*".join(re.escape(part) for part in normalise_text(answer.text).split("*"))
    return re.fullmatch(pattern, normalise_text(response), flags=re.DOTALL) is not None


def parse_number(text: str) -> float | None:
    """A typed number: spaces around it, ``3,5`` as 3.5, a Unicode minus; else None."""
    text = text.strip().replace("\u2212", "-")
    if not _NUMBER.match(text):
        return None
    return float(text.replace(",", "."))


def numeric_matches(answer: NumericAnswer, value: float) -> bool:
    """|value - answer| <= tolerance, edges included.

    The tiny allowance only absorbs binary rounding (3.142 - 3.1415 is not exactly 0.0005
    in floating point); it is a millionth of a millionth of the numbers involved.
    """
    if answer.value is None:
        return True
    slack = 1e-12 * max(1.0, abs(answer.value), abs(value))
    return abs(value - answer.value) <= answer.tolerance + slack
