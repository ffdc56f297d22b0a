"""Drawing an attempt: which questions, in which order, with which choice order and values.

The plan is drawn once when an attempt starts and stored with it (as JSON), so a reload
shows the same paper and grading uses exactly what the member saw.

A choice is sent to the browser under a value drawn at random for this attempt, never
under its id: ids follow the file (a, b, c, ...), and trainers put right answers in
habitual places (the second choice, the first ones of a multiple-answer question), so
an id would give the answer away even when the display is shuffled. ``choice_for`` maps
a posted value back to the choice; everything after that (grading, stored responses,
statistics) speaks of choice ids only.

Layouts: version 1 (before random values) has no ``values``; such a plan still grades,
with each choice's value being its id, until ``keyed_for`` gives it values.
"""
from __future__ import annotations

import json
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import TypeGuard

from app.content.quiz_model import Question, QuestionType, Quiz

_PLAN_VERSION = 2
_READABLE_VERSIONS = (1, 2)
_CHOICE_TYPES = (QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.TRUEFALSE)
#: Random bits per choice value: enough that a value is never guessed or repeated.
_VALUE_BITS = 40


def _frozen(mapping: Mapping[str, Sequence[str]] | None = None) -> Mapping[str, tuple[str, ...]]:
    return MappingProxyType({key: tuple(value) for key, value in (mapping or {}).items()})


@dataclass(frozen=True)
class AttemptPlan:
    """The paper of one attempt.

    ``question_ids``: the questions shown, in order (descriptions included).
    ``choice_orders``: for single, multiple and true/false questions, the choice ids in
    display order. ``choice_values``: for the same questions, the random form value of each
    of those choices, position by position. ``match_orders``: for matching questions, the
    drop-down options in display order, each named by the id of the first pair that has
    that answer (look the text up with ``question.pair(id).answer``); the form sends the
    position in this shuffled list. Prompts keep their file order.
    """

    question_ids: tuple[str, ...]
    choice_orders: Mapping[str, tuple[str, ...]] = field(default_factory=_frozen)
    match_orders: Mapping[str, tuple[str, ...]] = field(default_factory=_frozen)
    choice_values: Mapping[str, tuple[str, ...]] = field(default_factory=_frozen)

    def __post_init__(self) -> None:
        object.__setattr__(self, "question_ids", tuple(self.question_ids))
        object.__setattr__(self, "choice_orders", _frozen(self.choice_orders))
        object.__setattr__(self, "match_orders", _frozen(self.match_orders))
        object.__setattr__(self, "choice_values", _frozen(self.choice_values))

    @property
    def keyed(self) -> bool:
        """Every choice question has random values (False for a version-1 plan)."""
        return all(qid in self.choice_values for qid in self.choice_orders)

    def displayed_choices(self, question_id: str) -> tuple[tuple[str, str], ...]:
        """(form value, choice id) pairs in display order; a question without random
        values (an old plan) uses the choice ids as values."""
        order = self.choice_orders.get(question_id, ())
        return tuple(zip(self.choice_values.get(question_id, order), order, strict=False))

    def choice_for(self, question_id: str, value: str) -> str | None:
        """The choice id sent as ``value``; None for a value not on this paper."""
        return next((cid for shown, cid in self.displayed_choices(question_id) if shown == value), None)

    def to_json(self) -> str:
        return json.dumps({"version": _PLAN_VERSION, "questions": list(self.question_ids),
                           "choices": {k: list(v) for k, v in self.choice_orders.items()},
                           "values": {k: list(v) for k, v in self.choice_values.items()},
                           "matches": {k: list(v) for k, v in self.match_orders.items()}},
                          sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> AttemptPlan:
        """Read a stored plan of either layout; ValueError if it is not one (never half a plan)."""
        try:
            data = json.loads(text)
        except (TypeError, json.JSONDecodeError) as exc:
            raise ValueError(f"attempt plan is not JSON: {exc}") from None
        if not isinstance(data, dict) or data.get("version") not in _READABLE_VERSIONS:
            raise ValueError("attempt plan has an unknown layout")
        questions = data.get("questions")
        if not _strings(questions):
            raise ValueError("attempt plan: 'questions' must be a list of ids")
        keys = ("choices", "matches") + (("values",) if data["version"] >= 2 else ())
        lists: dict[str, dict[str, list[str]]] = {"values": {}}
        for key in keys:
            value = data.get(key)
            if not isinstance(value, dict) or not all(
                    isinstance(k, str) and _strings(v) for k, v in value.items()):
                raise ValueError(f"attempt plan: '{key}' must map ids to lists of ids")
            lists[key] = value
        for qid, values in lists["values"].items():
            if len(values) != len(lists["choices"].get(qid, ())) or len(set(values)) != len(values):
                raise ValueError(f"attempt plan: the values of '{qid}' do not fit its choices")
        return cls(tuple(questions), _frozen(lists["choices"]), _frozen(lists["matches"]), _frozen(lists["values"]))


def _strings(value: object) -> TypeGuard[list[str]]:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def draw_attempt(quiz: Quiz, rng: random.Random) -> AttemptPlan:
    """Apply the quiz's pool and shuffle settings; the same seed gives the same plan.

    With ``pool: N``, N of the questions (descriptions never count) are drawn for each
    attempt. Descriptions keep their place in the file order; with ``shuffle_questions``
    the other questions are shuffled around them. Matching options are always shuffled,
    because in file order they would line up with their prompts. Choices are shuffled
    with ``shuffle_choices`` (true/false never: "True" comes first); without it the order
    is the trainer's own (ranges in order, "All of the above" last), but the values sent
    for them are random either way.
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
        question = quiz.question(qid)
        assert question is not None  # every id in the order is one of the quiz's questions
        if question.type in _CHOICE_TYPES:
            choices[qid] = _choice_order(quiz, question, rng)
        elif question.type is QuestionType.MATCHING:
            options = option_ids(question)
            rng.shuffle(options)
            matches[qid] = tuple(options)
    return keyed_for(quiz, AttemptPlan(tuple(order), choices, matches), rng)


def _choice_order(quiz: Quiz, q: Question, rng: random.Random) -> tuple[str, ...]:
    ids = [c.id for c in q.choices]
    if quiz.shuffle_choices and q.type is not QuestionType.TRUEFALSE:
        rng.shuffle(ids)
    return tuple(ids)


def keyed_for(quiz: Quiz, plan: AttemptPlan, rng: random.Random) -> AttemptPlan:
    """``plan`` with a random value for every choice the member can be shown.

    Kept as they are: the question order, the choice orders and the values already drawn.
    Added: values for an old plan, and for a question that gained choices or became a
    choice question since the attempt began (its new choices go last). Choices the quiz
    no longer has are dropped. Returns ``plan`` itself when nothing was missing, so the
    caller stores a plan only when it changed.
    """
    orders: dict[str, tuple[str, ...]] = {}
    values: dict[str, tuple[str, ...]] = {}
    for qid in plan.question_ids:
        q = quiz.question(qid)
        if q is None or q.type not in _CHOICE_TYPES:
            continue
        if qid in plan.choice_orders:
            kept = [pair for pair in plan.displayed_choices(qid) if q.choice(pair[1])]
            known = {cid for _, cid in kept}
            added = [c.id for c in q.choices if c.id not in known]
        else:
            kept, added = [], list(_choice_order(quiz, q, rng))
        had_values = qid in plan.choice_values
        used = {value for value, _ in kept} if had_values else set()
        fresh = [(value if had_values else _new_value(rng, used), cid) for value, cid in kept]
        fresh += [(_new_value(rng, used), cid) for cid in added]
        orders[qid] = tuple(cid for _, cid in fresh)
        values[qid] = tuple(value for value, _ in fresh)
    if orders == dict(plan.choice_orders) and values == dict(plan.choice_values):
        return plan
    return replace(plan, choice_orders=orders, choice_values=values)


def _new_value(rng: random.Random, used: set[str]) -> str:
    """A random value, distinct from the others of its question; it says nothing about
    the choice (same length and alphabet for every choice)."""
    while True:
        value = f"{rng.getrandbits(_VALUE_BITS):0{_VALUE_BITS // 4}x}"
        if value not in used:
            used.add(value)
            return value


def option_ids(question: Question) -> list[str]:
    """One pair id per distinct answer text (the first pair with it), in file order."""
    first: dict[str, str] = {}
    for pair in question.pairs:
        first.setdefault(pair.answer, pair.id)
    return list(first.values())
