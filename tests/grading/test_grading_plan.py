"""Drawing attempts: pool, shuffles, determinism with a seed, and the stored JSON form."""
from __future__ import annotations

import random
from dataclasses import replace

import pytest

from app.content.quiz_model import Choice, MatchPair, Question, Quiz
from app.content.quiz_model import QuestionType as T
from app.grading import AttemptPlan, draw_attempt


def choice_question(qid):
    return Question(qid, T.SINGLE, qid, "", choices=tuple(
        Choice(c, c, float(c == "a"), correct=c == "a") for c in "abcde"))


QUIZ = Quiz("q", "Q", questions=(
    Question("intro", T.DESCRIPTION, "Intro", "Read me."),
    *(choice_question(f"q{i}") for i in range(1, 7)),
    Question("tf", T.TRUEFALSE, "TF", "", choices=(
        Choice("true", "True", 1.0, correct=True), Choice("false", "False", 0.0))),
    Question("m", T.MATCHING, "M", "", pairs=(
        MatchPair("a", "Page", "public"), MatchPair("b", "Group", "members"),
        MatchPair("c", "Event", "members"), MatchPair("d", "", "nobody"))),
    Question("outro", T.DESCRIPTION, "Outro", "Thanks."),
))


def test_without_settings_the_paper_is_the_file_order():
    plan = draw_attempt(QUIZ, random.Random(1))
    assert plan.question_ids == tuple(q.id for q in QUIZ.questions)
    assert plan.choice_orders["q1"] == ("a", "b", "c", "d", "e")
    assert plan.choice_orders["tf"] == ("true", "false")


def test_matching_options_are_one_per_answer_and_always_shuffled():
    orders = {draw_attempt(QUIZ, random.Random(seed)).match_orders["m"] for seed in range(20)}
    assert all(sorted(order) == ["a", "b", "d"] for order in orders)  # "members" once
    assert len(orders) > 1


def test_same_seed_same_plan_other_seed_other_plan():
    quiz = replace(QUIZ, shuffle_questions=True, shuffle_choices=True, pool=4)
    first = draw_attempt(quiz, random.Random(42))
    assert draw_attempt(quiz, random.Random(42)) == first
    assert any(draw_attempt(quiz, random.Random(seed)) != first for seed in range(5))


def test_pool_draws_that_many_and_keeps_descriptions_in_place():
    quiz = replace(QUIZ, pool=3)
    for seed in range(30):
        ids = draw_attempt(quiz, random.Random(seed)).question_ids
        drawn = [qid for qid in ids if qid not in ("intro", "outro")]
        assert len(drawn) == 3 and len(set(drawn)) == 3
        assert ids[0] == "intro" and ids[-1] == "outro"
        assert drawn == sorted(drawn, key=[q.id for q in QUIZ.questions].index)  # no shuffle


def test_pool_eventually_draws_every_question():
    quiz = replace(QUIZ, pool=2)
    seen = set()
    for seed in range(200):
        seen.update(draw_attempt(quiz, random.Random(seed)).question_ids)
    assert seen == {q.id for q in QUIZ.questions}


def test_shuffles_move_questions_and_choices_but_never_true_false():
    quiz = replace(QUIZ, shuffle_questions=True, shuffle_choices=True)
    plans = [draw_attempt(quiz, random.Random(seed)) for seed in range(20)]
    assert len({p.question_ids for p in plans}) > 1
    assert len({p.choice_orders["q1"] for p in plans}) > 1
    assert {p.choice_orders["tf"] for p in plans} == {("true", "false")}
    assert all(p.question_ids[0] == "intro" and p.question_ids[-1] == "outro" for p in plans)
    assert all(sorted(p.question_ids) == sorted(q.id for q in QUIZ.questions) for p in plans)


def test_plan_survives_json():
    plan = draw_attempt(replace(QUIZ, shuffle_choices=True, pool=4), random.Random(7))
    text = plan.to_json()
    assert AttemptPlan.from_json(text) == plan
    assert isinstance(text, str) and text == AttemptPlan.from_json(text).to_json()


@pytest.mark.parametrize("text", [
    "not json", "[]", '{"version": 2}',
    '{"version": 1, "questions": "q1", "choices": {}, "matches": {}}',
    '{"version": 1, "questions": ["q1"], "choices": {"q1": [1]}, "matches": {}}',
    '{"version": 1, "questions": ["q1"], "choices": {}}',
])
def test_broken_stored_plans_are_refused(text):
    with pytest.raises(ValueError):
        AttemptPlan.from_json(text)
