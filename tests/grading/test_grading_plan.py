"""Drawing attempts: pool, shuffles, random choice values, determinism with a seed, and
the stored JSON form (the old layout included)."""
from __future__ import annotations

import json
import random
import re
from collections import Counter
from dataclasses import replace

import pytest

from app.content.quiz_model import Choice, MatchPair, Question, Quiz
from app.content.quiz_model import QuestionType as T
from app.grading import AttemptPlan, draw_attempt, grade_attempt, keyed_for


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
    "not json", "[]", '{"version": 2}', '{"version": 3, "questions": [], "choices": {}, "matches": {}}',
    '{"version": 2, "questions": ["q1"], "choices": {"q1": ["a"]}, "matches": {}}',
    '{"version": 2, "questions": ["q1"], "choices": {"q1": ["a", "b"]}, "matches": {}, '
    '"values": {"q1": ["x"]}}',
    '{"version": 2, "questions": ["q1"], "choices": {"q1": ["a", "b"]}, "matches": {}, '
    '"values": {"q1": ["x", "x"]}}',
    '{"version": 2, "questions": ["q1"], "choices": {}, "matches": {}, "values": {"q1": ["x"]}}',
    '{"version": 1, "questions": "q1", "choices": {}, "matches": {}}',
    '{"version": 1, "questions": ["q1"], "choices": {"q1": [1]}, "matches": {}}',
    '{"version": 1, "questions": ["q1"], "choices": {}}',
])
def test_broken_stored_plans_are_refused(text):
    with pytest.raises(ValueError):
        AttemptPlan.from_json(text)


VALUE = re.compile(r"[0-9a-f]{10}")
CHOICE_QUESTIONS = [f"q{i}" for i in range(1, 7)] + ["tf"]


def test_every_choice_gets_a_random_value_that_is_no_choice_id():
    plan = draw_attempt(QUIZ, random.Random(3))
    for qid in CHOICE_QUESTIONS:
        shown = plan.displayed_choices(qid)
        values = [value for value, _ in shown]
        assert [cid for _, cid in shown] == list(plan.choice_orders[qid])
        assert len(set(values)) == len(values) == len(QUIZ.question(qid).choices)
        assert all(VALUE.fullmatch(v) for v in values)
        assert not set(values) & {c.id for c in QUIZ.question(qid).choices}
    assert plan.keyed


def test_values_are_new_for_every_attempt():
    first, second = (draw_attempt(QUIZ, random.Random(seed)) for seed in (1, 2))
    assert first.choice_orders == second.choice_orders  # no shuffling: the same order ...
    values = lambda plan: {v for qid in CHOICE_QUESTIONS for v, _ in plan.displayed_choices(qid)}  # noqa: E731
    assert not values(first) & values(second)  # ... under other values


def test_choice_for_maps_values_back_and_nothing_else():
    plan = draw_attempt(QUIZ, random.Random(5))
    for qid in CHOICE_QUESTIONS:
        for value, cid in plan.displayed_choices(qid):
            assert plan.choice_for(qid, value) == cid
    other = plan.displayed_choices("q2")[0][0]
    for stale in ("a", "true", "", other, "q1"):
        assert plan.choice_for("q1", stale) is None
    assert plan.choice_for("unknown", other) is None


@pytest.mark.parametrize("shuffle", [True, False])
def test_right_answers_sit_at_any_place_and_under_any_value_rank(shuffle):
    """Counted over 2,000 seeded draws: each of the five places (on the page, and among
    the values sorted) holds the right answer about a fifth of the time when choices are
    shuffled; without shuffling the page keeps the file's order, but the values still do
    not follow it."""
    quiz = replace(QUIZ, shuffle_choices=shuffle)
    places, ranks = Counter(), Counter()
    for seed in range(2000):
        plan = draw_attempt(quiz, random.Random(seed))
        shown = plan.displayed_choices("q1")  # "a" is the right answer
        places[[cid for _, cid in shown].index("a")] += 1
        ranks[sorted(shown).index(next(pair for pair in shown if pair[1] == "a"))] += 1
    for counter in ([places, ranks] if shuffle else [ranks]):
        assert sorted(counter) == [0, 1, 2, 3, 4]
        assert all(320 <= n <= 480 for n in counter.values()), counter  # 400 +- 4.5 sd
    if not shuffle:
        assert places == {0: 2000}


LEGACY = json.dumps({"version": 1, "questions": ["q1", "tf", "m"],
                     "choices": {"q1": ["c", "a", "b", "d", "e"], "tf": ["true", "false"]},
                     "matches": {"m": ["b", "a", "d"]}})


def test_a_plan_from_before_random_values_still_reads_and_grades():
    plan = AttemptPlan.from_json(LEGACY)
    assert not plan.keyed
    assert plan.displayed_choices("q1")[:2] == (("c", "c"), ("a", "a"))
    assert plan.choice_for("tf", "true") == "true"
    result = grade_attempt(QUIZ, plan, {"q1": "a", "tf": "false", "m": {"a": "public"}})
    assert [r.score for r in result.questions] == [1.0, 0.0, pytest.approx(1 / 3)]


def test_an_old_plan_gets_values_and_keeps_its_paper():
    old = AttemptPlan.from_json(LEGACY)
    keyed = keyed_for(QUIZ, old, random.Random(9))
    assert keyed.keyed and keyed != old
    assert (keyed.question_ids, keyed.choice_orders, keyed.match_orders) == (
        old.question_ids, old.choice_orders, old.match_orders)
    assert all(VALUE.fullmatch(v) for v, _ in keyed.displayed_choices("q1"))
    assert AttemptPlan.from_json(keyed.to_json()) == keyed
    assert keyed_for(QUIZ, keyed, random.Random(10)) is keyed  # nothing missing: unchanged


def test_values_follow_a_quiz_edited_during_the_attempt():
    plan = draw_attempt(QUIZ, random.Random(4))
    q1 = QUIZ.question("q1")
    edited_q1 = replace(q1, choices=q1.choices[1:] + (Choice("f", "f", 0.0),))  # "a" gone, "f" new
    edited = replace(QUIZ, questions=tuple(edited_q1 if q.id == "q1" else q for q in QUIZ.questions))
    keyed = keyed_for(edited, plan, random.Random(11))
    before = {cid: value for value, cid in plan.displayed_choices("q1")}
    after = {cid: value for value, cid in keyed.displayed_choices("q1")}
    assert list(after) == ["b", "c", "d", "e", "f"]
    assert all(after[cid] == before[cid] for cid in "bcde")  # the page she has still works
    assert VALUE.fullmatch(after["f"]) and after["f"] not in before.values()
    assert keyed.choice_orders["q2"] == plan.choice_orders["q2"]
