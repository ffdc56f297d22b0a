"""A plan as stored with the attempt: its exact layout, the version check and what each refusal
says, a paper that cannot change after it is drawn, and values that never repeat."""
from __future__ import annotations

import json
import random
from dataclasses import replace

import pytest

from app.content.quiz_model import Choice, MatchPair, Question, Quiz
from app.content.quiz_model import QuestionType as T
from app.grading import AttemptPlan, draw_attempt, keyed_for

PLAN = AttemptPlan(("q1", "m"), {"q1": ("b", "a")}, {"m": ("b", "a")},
                   {"q1": ("0000000001", "00000000ff")})


def test_the_stored_layout_is_compact_sorted_json_of_version_2():
    assert PLAN.to_json() == (
        '{"choices":{"q1":["b","a"]},"matches":{"m":["b","a"]},"questions":["q1","m"],'
        '"values":{"q1":["0000000001","00000000ff"]},"version":2}')


def test_equal_plans_are_stored_as_equal_text():
    one = AttemptPlan(("q1", "q2"), {"q1": ("a", "b"), "q2": ("c", "d")})
    other = AttemptPlan(("q1", "q2"), {"q2": ("c", "d"), "q1": ("a", "b")})
    assert one == other and one.to_json() == other.to_json()


def test_a_stored_plan_reads_back_whole():
    plan = AttemptPlan.from_json(PLAN.to_json())
    assert plan == PLAN
    assert plan.match_orders["m"] == ("b", "a")
    assert plan.choice_for("q1", "00000000ff") == "a"


def test_a_version_1_plan_keeps_its_matching_order():
    old = json.dumps({"version": 1, "questions": ["m"], "choices": {},
                      "matches": {"m": ["c", "a"]}})
    assert AttemptPlan.from_json(old).match_orders == {"m": ("c", "a")}


@pytest.mark.parametrize("text, message", [
    ("not json", "attempt plan is not JSON: Expecting value"),
    (None, "attempt plan is not JSON"),
    ("[]", "attempt plan has an unknown layout"),
    ('{"version": 3, "questions": [], "choices": {}, "matches": {}}',
     "attempt plan has an unknown layout"),
    ('{"questions": [], "choices": {}, "matches": {}}', "attempt plan has an unknown layout"),
    ('{"version": 2, "questions": "q1"}', "attempt plan: 'questions' must be a list of ids"),
    ('{"version": 1, "questions": ["q1"], "choices": {"q1": [1]}, "matches": {}}',
     "attempt plan: 'choices' must map ids to lists of ids"),
    ('{"version": 1, "questions": ["q1"], "choices": {}}',
     "attempt plan: 'matches' must map ids to lists of ids"),
    ('{"version": 2, "questions": ["q1"], "choices": {"q1": ["a"]}, "matches": {}}',
     "attempt plan: 'values' must map ids to lists of ids"),
    ('{"version": 2, "questions": ["q1"], "choices": {"q1": ["a", "b"]}, "matches": {}, '
     '"values": {"q1": ["x", "x"]}}', "attempt plan: the values of 'q1' do not fit its choices"),
])
def test_a_broken_stored_plan_is_refused_with_what_is_wrong(text, message):
    with pytest.raises(ValueError) as caught:
        AttemptPlan.from_json(text)
    assert str(caught.value).startswith(message)


def test_a_version_1_plan_needs_no_values():
    old = '{"version": 1, "questions": ["q1"], "choices": {"q1": ["a"]}, "matches": {}}'
    assert AttemptPlan.from_json(old).choice_values == {}


def test_a_plan_does_not_change_when_what_it_was_made_from_does():
    questions, order, options = ["q1", "m"], ["b", "a"], ["b", "a"]
    values = ["0000000001", "00000000ff"]
    plan = AttemptPlan(questions, {"q1": order}, {"m": options}, {"q1": values})
    for mutable in (questions, order, options, values):
        mutable.append("x")
    assert plan == PLAN
    assert plan.question_ids == ("q1", "m")
    with pytest.raises(TypeError):
        plan.match_orders["m"] = ("a",)


class RepeatingRandom(random.Random):
    """A generator that draws the same bits again and again before it moves on."""

    def __init__(self, bits):
        super().__init__(0)
        self.bits = list(bits)

    def getrandbits(self, k):
        return self.bits.pop(0) if self.bits else super().getrandbits(k)


QUIZ = Quiz("q", "Q", questions=(
    Question("q1", T.SINGLE, "Q1", "", choices=tuple(
        Choice(c, c, float(c == "a"), correct=c == "a") for c in "abc")),
    Question("m", T.MATCHING, "M", "", pairs=(
        MatchPair("a", "Page", "public"), MatchPair("b", "Group", "members"))),
))
CHOICES_ONLY = replace(QUIZ, questions=QUIZ.questions[:1])


def test_values_of_one_question_never_repeat_even_when_the_generator_does():
    plan = draw_attempt(CHOICES_ONLY, RepeatingRandom([7, 7, 7, 9]))
    values = [value for value, _ in plan.displayed_choices("q1")]
    assert len(set(values)) == 3 and values[:2] == ["0000000007", "0000000009"]


def test_a_choice_added_during_the_attempt_gets_a_value_no_other_choice_has():
    plan = draw_attempt(CHOICES_ONLY, RepeatingRandom([1, 2, 3]))
    q1 = QUIZ.question("q1")
    grown = replace(q1, choices=q1.choices + (Choice("d", "d", 0.0),))
    edited = replace(CHOICES_ONLY, questions=(grown,))
    keyed = keyed_for(edited, plan, RepeatingRandom([2, 3, 1, 4]))
    assert keyed.displayed_choices("q1") == (
        ("0000000001", "a"), ("0000000002", "b"), ("0000000003", "c"), ("0000000004", "d"))


def test_a_question_that_became_a_choice_question_during_the_attempt_gets_its_choices():
    before = replace(QUIZ, questions=(Question("q1", T.SHORT, "Q1", ""), QUIZ.questions[1]))
    plan = draw_attempt(before, random.Random(1))
    assert "q1" not in plan.choice_orders
    keyed = keyed_for(QUIZ, plan, random.Random(2))
    assert keyed.choice_orders["q1"] == ("a", "b", "c")  # the trainer's order: no shuffling
    assert keyed.keyed and len(set(dict(keyed.displayed_choices("q1")))) == 3
    shuffled = keyed_for(replace(QUIZ, shuffle_choices=True), plan, random.Random(2))
    orders = {keyed_for(replace(QUIZ, shuffle_choices=True), plan, random.Random(seed))
              .choice_orders["q1"] for seed in range(20)}
    assert sorted(shuffled.choice_orders["q1"]) == ["a", "b", "c"] and len(orders) > 1


def test_an_old_plan_gets_fresh_values_that_are_not_its_choice_ids():
    old = AttemptPlan(("q1",), {"q1": ("c", "a", "b")})
    keyed = keyed_for(QUIZ, old, RepeatingRandom([5, 5, 6, 7]))
    assert keyed.displayed_choices("q1") == (
        ("0000000005", "c"), ("0000000006", "a"), ("0000000007", "b"))
