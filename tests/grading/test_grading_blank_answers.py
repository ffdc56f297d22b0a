"""Blank answers and empty selections are "unanswered" (never wrong, never an error), and
answers that could not have come from the paper are refused with what was wrong."""
from __future__ import annotations

import pytest

from app.content.quiz_model import Choice, MatchPair, Question, Quiz
from app.content.quiz_model import QuestionType as T
from app.grading import AttemptPlan, ResponseError, grade_attempt

QUIZ = Quiz("blank", "Blank", pass_mark=50, questions=(
    Question("single", T.SINGLE, "Single", "", choices=(
        Choice("a", "Members", 1.0, correct=True), Choice("b", "Anyone", 0.0))),
    Question("multi", T.MULTIPLE, "Habits", "", choices=(
        Choice("photo", "A photo", 0.5, correct=True), Choice("question", "A question", 0.5,
                                                              correct=True),
        Choice("spam", "Ten posts an hour", -1.0))),
    Question("short", T.SHORT, "Short", "", answers=()),
    Question("number", T.NUMERIC, "Number", ""),
    Question("essay", T.ESSAY, "Why", "Tell us."),
    Question("match", T.MATCHING, "Match", "", pairs=(
        MatchPair("a", "Page", "public"), MatchPair("b", "Group", "members"))),
))
PLAN = AttemptPlan(tuple(q.id for q in QUIZ.questions))


def result_of(qid, response):
    return grade_attempt(QUIZ, PLAN, {qid: response}).question(qid)


@pytest.mark.parametrize("qid", ["short", "number", "essay"])
@pytest.mark.parametrize("typed", ["", " ", "   ", "\t\n", "\u00a0"])
def test_blank_typed_answers_are_unanswered(qid, typed):
    result = result_of(qid, typed)
    assert result.response is None
    assert result.response_key == ""
    if qid != "essay":
        assert (result.status, result.score, result.feedback) == ("unanswered", 0.0, ())


@pytest.mark.parametrize("selection", [set(), frozenset(), [], (), None, ""])
def test_an_empty_selection_is_unanswered(selection):
    result = result_of("multi", selection)
    assert (result.status, result.score, result.response, result.response_key) == (
        "unanswered", 0.0, None, "")


def test_one_ticked_box_may_come_as_a_single_value():
    """A form with one box ticked sends one value, not a list."""
    result = result_of("multi", "photo")
    assert (result.response, result.score, result.response_key) == (
        frozenset({"photo"}), 0.5, "photo")


@pytest.mark.parametrize("chosen", [{}, {"a": ""}, {"a": None, "b": ""}])
def test_matching_with_every_drop_down_blank_is_unanswered(chosen):
    result = result_of("match", chosen)
    assert (result.status, result.response) == ("unanswered", None)


def test_a_blank_drop_down_leaves_the_others_counted():
    result = result_of("match", {"a": "", "b": "members"})
    assert result.response == {"b": "members"}
    assert (result.score, result.status, result.response_key) == (0.5, "partial", "b=members")


def test_unanswered_questions_count_in_the_total():
    result = grade_attempt(QUIZ, PLAN, {"single": "a"})
    assert result.max_points == 5.0  # five graded questions; the essay counts nothing
    assert (result.earned_points, result.percent, result.passed) == (1.0, 20.0, False)
    assert result.quiz_id == "blank"


@pytest.mark.parametrize("response, problem", [
    ([1, 2], "expects a set of choice ids"),
    ({"photo": "on"}, "expects a set of choice ids"),
    (42, "expects a set of choice ids"),
    (["photo", "video"], "has no choice 'video'"),
])
def test_selections_that_are_no_set_of_choices_are_refused(response, problem):
    with pytest.raises(ResponseError) as caught:
        grade_attempt(QUIZ, PLAN, {"multi": response})
    assert caught.value.problems == [f"question 'multi': {problem}"]


def test_a_refusal_names_every_fault_at_once():
    with pytest.raises(ResponseError) as caught:
        grade_attempt(QUIZ, PLAN, {"ghost": "x", "single": "z", "match": {"z": "public"}})
    problems = ["question 'ghost' is not part of this attempt",
                "question 'single': has no choice 'z'", "question 'match': has no prompt 'z'"]
    assert caught.value.problems == problems
    assert str(caught.value) == "; ".join(problems)


def test_a_question_removed_since_the_attempt_began_leaves_the_rest_graded():
    plan = AttemptPlan(("gone", "single", "multi"))
    result = grade_attempt(QUIZ, plan, {"single": "a", "multi": {"photo", "question"}})
    assert [r.question_id for r in result.questions] == ["single", "multi"]
    assert (result.percent, result.passed) == (100.0, True)
    assert result.question("gone") is None
