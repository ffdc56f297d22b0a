"""Scoring every question type, partial credit, tolerance edges and the pass mark."""
from __future__ import annotations

import random
from dataclasses import replace
from textwrap import dedent

import pytest

from app.content.quiz_model import Choice, Question, Quiz
from app.content.quiz_model import QuestionType as T
from app.content.quizzes import load_markdown_quiz
from app.grading import (
    AttemptPlan,
    ResponseError,
    draw_attempt,
    grade_attempt,
    grade_question,
    score_percent,
)

QUIZ = dedent("""\
    ---
    title: Every type
    ---
    ## Private {#single}
    - [ ] Anyone
      > No: anyone means public.
    - [x] Members
      > Right.
    - [ ] Admins

    > Private groups show posts to members only.

    ## Good habits {#multi}
    - [x] Photo
    - [x] Question
    - [x] Short text
    - [ ] Post at 3am
    - [ ] Copy others

    ## Weighted {#weighted}
    - [x] {50%} a
    - [x] {50%} b
    - [ ] {-100%} c

    ## Free {#tf}
    - [x] True
    - [ ] False
      > It is free.

    ## Capital {#short}
    - answer: Hà Nội
    - answer: {50%} Sai*
      > Saigon is not the capital.
    - answer: *
      > Try again.

    ## Members {#number}
    - number: 42 ± 0.5
    - number: {50%} 30..50
    - number: *
      > Count again.

    ## Pairs {#match}
    - match: Page -> public
    - match: Group -> members
    - match: Event -> date
    - match: Poll -> members
    - match: -> nobody

    ## Why {#essay .essay}
    Tell us.

    ## Note {#note .description}
    Read this.
    """)


@pytest.fixture(scope="module")
def quiz():
    quiz = load_markdown_quiz(QUIZ.encode(), "quizzes/every.md", "every")
    assert not quiz.problems
    return quiz


@pytest.fixture(scope="module")
def plan(quiz):
    return draw_attempt(quiz, random.Random(0))


def grade(quiz, plan, qid, response):
    return grade_attempt(quiz, plan, {qid: response}).question(qid)


@pytest.mark.parametrize("response, score, status, feedback", [
    ("b", 1.0, "correct", ("Right.",)),
    ("a", 0.0, "wrong", ("No: anyone means public.",)),
    ("c", 0.0, "wrong", ()),
    (None, 0.0, "unanswered", ()),
    ("", 0.0, "unanswered", ()),
])
def test_single_choice(quiz, plan, response, score, status, feedback):
    result = grade(quiz, plan, "single", response)
    assert (result.score, result.status, result.feedback) == (score, status, feedback)
    assert result.explanation == "Private groups show posts to members only."
    assert (result.correct_answers, result.correct_choice_ids) == (("Members",), ("b",))


@pytest.mark.parametrize("ticks, score", [
    ({"a", "b", "c"}, 1.0),  # all right ticks
    ({"a", "b"}, 2 / 3),
    ({"a"}, 1 / 3),
    ({"a", "b", "c", "d"}, 0.5),  # one of two wrong ticks costs half
    ({"a", "b", "c", "d", "e"}, 0.0),  # ticking everything scores nothing
    ({"a", "d", "e"}, 0.0),  # clamped at zero, never negative
    ({"d"}, 0.0),
])
def test_multiple_answer_default_partial_credit(quiz, plan, ticks, score):
    assert grade(quiz, plan, "multi", ticks).score == pytest.approx(score)


def test_multiple_answer_status_and_key(quiz, plan):
    result = grade(quiz, plan, "multi", ["c", "a"])
    assert (result.status, result.response_key) == ("partial", "a+c")
    assert grade(quiz, plan, "multi", {"a", "b", "c"}).status == "correct"


@pytest.mark.parametrize("ticks, score", [
    ({"a", "b"}, 1.0), ({"a"}, 0.5), ({"a", "c"}, 0.0), ({"a", "b", "c"}, 0.0)])
def test_multiple_answer_explicit_weights(quiz, plan, ticks, score):
    assert grade(quiz, plan, "weighted", ticks).score == score


def test_true_false(quiz, plan):
    assert grade(quiz, plan, "tf", "true").score == 1.0
    wrong = grade(quiz, plan, "tf", "false")
    assert (wrong.score, wrong.feedback, wrong.correct_choice_ids) == (0.0, ("It is free.",),
                                                                       ("true",))


@pytest.mark.parametrize("response, score, feedback", [
    ("Hà Nội", 1.0, ()),
    ("  hà   NỘI ", 1.0, ()),  # case and spaces do not matter
    ("Ha\u0300 N\u00f4\u0323i", 1.0, ()),  # decomposed accents: Unicode-normalised
    ("Saigon", 0.5, ("Saigon is not the capital.",)),  # wildcard: Sai*
    ("sai", 0.5, ("Saigon is not the capital.",)),  # * also matches nothing
    ("Huế", 0.0, ("Try again.",)),  # the final * catches the rest
])
def test_short_answer(quiz, plan, response, score, feedback):
    result = grade(quiz, plan, "short", response)
    assert (result.score, result.feedback) == (score, feedback)


@pytest.mark.parametrize("response, score", [
    ("42", 1.0), (" 42 ", 1.0), ("42.5", 1.0), ("41.5", 1.0),  # edges are inside
    ("42.50001", 0.5), ("41.49999", 0.5),  # just outside: the 50% range 30..50
    ("42,3", 1.0), ("30", 0.5), ("50", 0.5), ("50.000001", 0.0), ("29.9999", 0.0),
    ("abc", 0.0), ("4 2", 0.0), ("1e1", 0.0), ("−42", 0.0),
])
def test_numeric_tolerance_edges(quiz, plan, response, score):
    assert grade(quiz, plan, "number", response).score == score


def test_numeric_range_edges_survive_binary_rounding():
    # 3.141..3.142 becomes 3.1415 ± 0.000499999999999723 in floating point
    quiz = load_markdown_quiz(b"## Pi\n- number: 3.141..3.142\n", "q.md", "pi")
    plan = AttemptPlan(("pi",))
    for response, score in [("3.141", 1.0), ("3.142", 1.0), ("3.1421", 0.0), ("3.1409", 0.0)]:
        assert grade_attempt(quiz, plan, {"pi": response}).question("pi").score == score


def test_non_number_is_wrong_not_an_error(quiz, plan):
    result = grade(quiz, plan, "number", "forty-two")
    assert (result.score, result.status, result.feedback) == (0.0, "wrong", ())


def test_matching_scores_the_share_of_right_prompts(quiz, plan):
    right = {"a": "public", "b": "members", "c": "date", "d": "members"}
    assert grade(quiz, plan, "match", right).score == 1.0
    result = grade(quiz, plan, "match", {**right, "c": "nobody", "d": ""})
    assert (result.score, result.status) == (0.5, "partial")
    assert result.response_key == "a=public;b=members;c=nobody"
    assert result.correct_answers == ("Page → public", "Group → members", "Event → date",
                                      "Poll → members")


def test_essay_and_description_are_not_graded(quiz, plan):
    result = grade_attempt(quiz, plan, {"essay": "Because."})
    essay, note = result.question("essay"), result.question("note")
    assert (essay.status, essay.max_points, essay.response) == ("not_graded", 0.0, "Because.")
    assert (note.status, note.max_points) == ("not_graded", 0.0)
    assert result.max_points == 7.0  # seven graded questions, one point each


def test_whole_attempt_points_and_percent(quiz, plan):
    result = grade_attempt(quiz, plan, {
        "single": "b", "multi": {"a", "b", "c"}, "weighted": {"a"}, "tf": "false",
        "short": "Hanoi", "number": "42", "match": {"a": "public", "b": "members"}})
    assert result.earned_points == pytest.approx(1 + 1 + 0.5 + 0 + 0 + 1 + 0.5)
    assert (result.percent, result.passed, result.pass_mark) == (57.14, False, 70)


@pytest.mark.parametrize("responses, pass_mark, percent, passed", [
    (["a"] * 7 + ["b"] * 3, 70, 70.0, True),  # exactly the mark passes
    (["a"] * 6 + ["b"] * 4, 70, 60.0, False),
    (["a"] * 7 + ["b"] * 3, 70.01, 70.0, False),
    (["a"] * 10, 100, 100.0, True),
    (["b"] * 10, 0, 0.0, True),  # a 0 mark passes everyone
])
def test_pass_mark_boundary(responses, pass_mark, percent, passed):
    questions = tuple(Question(f"q{i}", T.SINGLE, f"Q{i}", "", choices=(
        Choice("a", "right", 1.0, correct=True), Choice("b", "wrong", 0.0)))
        for i in range(len(responses)))
    quiz = Quiz("ten", "Ten", questions=questions, pass_mark=pass_mark)
    plan = AttemptPlan(tuple(q.id for q in questions))
    result = grade_attempt(quiz, plan, {f"q{i}": r for i, r in enumerate(responses)})
    assert (result.percent, result.passed) == (percent, passed)


def test_percent_removes_float_noise_but_never_rounds_up():
    assert 0.1 * 7 != 0.7 and score_percent(0.1 * 7, 1) == 70.0  # 70.00000000000001
    assert score_percent(sum([0.1] * 7), 1) == 70.0  # 0.7 as 0.6999999999999999
    assert score_percent(69.999, 100) == 69.99  # a real 69.999 does not become 70
    assert score_percent(2, 3) == 66.66
    assert score_percent(0, 0) == 100.0  # nothing to score


def test_three_thirds_make_a_correct_answer():
    q = Question("q", T.MULTIPLE, "Q", "", choices=tuple(
        Choice(c, c, 1 / 3, correct=True) for c in "abc") + (Choice("d", "d", -1.0),))
    result = grade_question(q, frozenset("abc"))
    assert (result.score, result.status) == (1.0, "correct")


@pytest.mark.parametrize("responses, problem", [
    ({"ghost": "a"}, "question 'ghost' is not part of this attempt"),
    ({"single": "z"}, "question 'single': has no choice 'z'"),
    ({"single": ["a"]}, "question 'single': expects one choice"),
    ({"multi": {"a", "zz"}}, "question 'multi': has no choice 'zz'"),
    ({"tf": "yes"}, "question 'tf': has no choice 'yes'"),
    ({"short": 42}, "question 'short': expects typed text"),
    ({"match": {"e": "nobody"}}, "question 'match': has no prompt 'e'"),
    ({"match": {"a": "Paris"}}, "question 'match': 'Paris' is not one of the options"),
    ({"match": "public"}, "question 'match': expects {pair id: answer}"),
    ({"note": "hello"}, "question 'note': a description takes no answer"),
])
def test_responses_that_do_not_fit_the_paper_are_refused(quiz, plan, responses, problem):
    with pytest.raises(ResponseError) as caught:
        grade_attempt(quiz, plan, {"single": "b", **responses})
    assert caught.value.problems == [problem]


def test_answers_to_questions_outside_the_pool_are_refused(quiz):
    pooled = replace(quiz, pool=2)
    plan = draw_attempt(pooled, random.Random(3))
    outside = next(q.id for q in quiz.graded_questions if q.id not in plan.question_ids)
    with pytest.raises(ResponseError, match=f"question '{outside}' is not part of"):
        grade_attempt(pooled, plan, {outside: "x"})


def test_questions_removed_since_the_attempt_started_are_skipped(quiz):
    plan = AttemptPlan(("single", "gone"))
    result = grade_attempt(quiz, plan, {"single": "b"})
    assert [r.question_id for r in result.questions] == ["single"]
    assert (result.percent, result.passed) == (100.0, True)
