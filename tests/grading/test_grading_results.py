"""What a graded question carries to the result page and to statistics: essays shown but not
scored, scores kept inside [0, 1] and free of float noise, the response as graded."""
from __future__ import annotations

import pytest

from app.content.quiz_model import Choice, Question, Quiz
from app.content.quiz_model import QuestionType as T
from app.grading import AttemptPlan, grade_attempt, grade_question


def weighted(*fractions: float) -> Question:
    return Question("w", T.MULTIPLE, "W", "", explanation="Why.", choices=tuple(
        Choice(chr(ord("a") + i), f"choice {i}", f, f"feedback {i}", correct=f > 0)
        for i, f in enumerate(fractions)))


def test_an_essay_is_shown_with_her_text_but_scores_nothing():
    essay = Question("essay", T.ESSAY, "Why", "Tell us.", explanation="Any honest answer.")
    result = grade_question(essay, "Because members ask.")
    assert result.graded is False
    assert (result.score, result.max_points, result.earned_points) == (0.0, 0.0, 0.0)
    assert (result.status, result.response) == ("not_graded", "Because members ask.")
    assert (result.response_key, result.feedback) == ("", ())
    assert result.explanation == "Any honest answer."
    assert (result.correct_answers, result.correct_choice_ids) == ((), ())


def test_a_graded_question_keeps_the_response_it_was_graded_on():
    result = grade_question(weighted(0.5, 0.5, -1.0), frozenset({"a"}))
    assert result.graded is True
    assert (result.max_points, result.earned_points, result.score) == (1.0, 0.5, 0.5)
    assert result.response == frozenset({"a"})
    assert (result.feedback, result.explanation) == (("feedback 0",), "Why.")
    assert result.correct_choice_ids == ("a", "b")


def test_an_unanswered_question_has_no_response_key():
    """Statistics count a key as an answer given; a blank must not become one."""
    result = grade_question(weighted(0.5, 0.5, -1.0), None)
    assert (result.status, result.response_key, result.feedback) == ("unanswered", "", ())
    assert result.explanation == "Why."  # shown with the result when the policy allows


def test_weights_that_add_up_past_full_marks_give_one_point():
    result = grade_question(weighted(1.0, 1.0, 0.0), frozenset("ab"))
    assert (result.score, result.earned_points, result.status) == (1.0, 1.0, "correct")


def test_weights_that_cancel_out_score_zero_not_partly_right():
    # 0.1 + 0.2 - 0.3 is 5.6e-17 in floating point
    result = grade_question(weighted(0.1, 0.2, -0.3), frozenset("abc"))
    assert (result.score, result.status) == (0.0, "wrong")


def test_small_weights_that_add_up_to_one_are_fully_right():
    # ten times 0.1 is 0.9999999999999999 in floating point
    result = grade_question(weighted(*[0.1] * 10), frozenset("abcdefghij"))
    assert (result.score, result.status) == (1.0, "correct")
    quiz = Quiz("w", "W", questions=(weighted(*[0.1] * 10),), pass_mark=100)
    attempt = grade_attempt(quiz, AttemptPlan(("w",)), {"w": set("abcdefghij")})
    assert (attempt.percent, attempt.passed) == (100.0, True)


@pytest.mark.parametrize("ticks, score", [("abc", 0.5), ("c", 0.0), ("ab", 0.5)])
def test_partly_right_scores_stay_what_the_weights_say(ticks, score):
    result = grade_question(weighted(0.25, 0.25, 0.0, 0.5), frozenset(ticks))
    assert result.score == score
    assert result.status == ("partial" if score else "wrong")


def test_asking_for_a_question_not_on_the_paper_gives_none():
    quiz = Quiz("w", "W", questions=(weighted(1.0, 0.0),))
    result = grade_attempt(quiz, AttemptPlan(("w",)), {"w": {"a"}})
    assert result.question("w").score == 1.0
    assert result.question("other") is None
