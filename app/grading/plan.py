"""Drawing an attempt: which questions, in which order, with which choice order.

The plan is drawn once when an attempt starts and stored with it (as JSON), so a reload
shows the same paper and grading uses exactly what the member saw.
"""
from __future__ import annotations

import json
import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from app.content.quiz_model import Question, QuestionType, Quiz

_PLAN_VERSION = 1


def _frozen(mapping: Mapping[str, tuple[str, ...]] | None = None) -> Mapping[str, tuple[str, ...]]:
    return MappingProxyType({key: tuple(value) for key, value in (mapping or {}).items()})


@dataclass(frozen=True)
class AttemptPlan:
    """The paper of one attempt.

    ``question_ids``: the questions shown, in order (descriptions included).
    ``choice_orders``: for single, multiple and true/false questions, the choice ids in
    display order. ``match_orders``: for matching questions, the drop-down options in
    display order, each named by the id of the first pair that has that answer (look the
    text up with ``question.pair(id).answer``). Prompts keep their file order.
    """

    question_ids: tuple[str, ...]
    choice_orders: Mapping[str, tuple[str, ...]] = field(default_factory=_frozen)
    match_orders: Mapping[str, tuple[str, ...]] = field(default_factory=_frozen)

    def __post_init__(self) -> None:
        object.__setattr__(self, "question_ids", tuple(self.question_ids))
        object.__setattr__(self, "choice_orders", _frozen(self.choice_orders))
        object.__setattr__(self, "match_orders", _frozen(self.match_orders))

    def to_json(self) -> str:
        return json.dumps({"version": _PLAN_VERSION, "questions": list(self.question_ids),
                           "choices": {k: list(v) for k, v in self.choice_orders.items()},
                           "matches": {k: list(v) for k, v in self.match_orders.items()}},
                          sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> AttemptPlan:
        """Read a stored plan; ValueError if it is not one (never half a plan)."""
        try:
            data = json.loads(text)
        except (TypeError, json.JSONDecodeError) as exc:
            raise ValueError(f"attempt plan is not JSON: {exc}") from None
        if not isinstance(data, dict) or data.get("version") != _PLAN_VERSION:
            raise ValueError("attempt plan has an unknown layout")
        questions = data.get("questions")
        if not _strings(questions):
            raise ValueError("attempt plan: 'questions' must be a list of ids")
        orders = {}
        for key in ("choices", "matches"):
            value = data.get(key)
            if not isinstance(value, dict) or not all(
                    isinstance(k, str) and _strings(v) for k, v in value.items()):
                raise ValueError(f"attempt plan: '{key}' must map ids to lists of ids")
            orders[key] = value
        return cls(tuple(questions), orders["choices"], orders["matches"])


def _strings(value) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def draw_attempt(quiz: Quiz, rng: random.Random) -> AttemptPlan:
    """Apply the quiz's pool and shuffle settings; the same seed gives the same plan.

    With ``pool: N``, N of the questions (descriptions never count) are drawn for each
    attempt. Descriptions keep their place in the file order; with ``shuffle_questions``
    the other questions are shuffled around them. Matching options are always shuffled,
    because in file order they would line up with their prompts.
    """
    drawable = [q.id for q in quiz.questions if q.type is not QuestionType.DESCRIPTION]
    if quiz.pool is not None and quiz.pool < len(drawable):
        chosen = set(rng.sample(drawable, quiz.pool))
        drawn = [qid for qid in drawable if qid in chosen]
    else:
        drawn = list(drawable)
    if quiz.shuffle_questions:
        rng.shuffle(drawn)
    picks = iter(drawn)
    order: list[str] = []
    for q in quiz.questions:
        if q.type is QuestionType.DESCRIPTION:
            order.append(q.id)
        elif (qid := next(picks, None)) is not None:
            order.append(qid)
    choices: dict[str, tuple[str, ...]] = {}
    matches: dict[str, tuple[str, ...]] = {}
    for qid in order:
        q = quiz.question(qid)
        if q.type in (QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.TRUEFALSE):
            ids = [c.id for c in q.choices]
            if quiz.shuffle_choices and q.type is not QuestionType.TRUEFALSE:
                rng.shuffle(ids)
            choices[qid] = tuple(ids)
        elif q.type is QuestionType.MATCHING:
            options = option_ids(q)
            rng.shuffle(options)
            matches[qid] = tuple(options)
    return AttemptPlan(tuple(order), choices, matches)


def option_ids(question: Question) -> list[str]:
    """One pair id per distinct answer text (the first pair with it), in file order."""
    first: dict[str, str] = {}
    for pair in question.pairs:
        first.setdefault(pair.answer, pair.id)
    return list(first.values())
