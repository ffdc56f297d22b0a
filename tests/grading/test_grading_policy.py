"""When a result page may show answers, feedback and explanations."""
from __future__ import annotations

from dataclasses import replace

import pytest

from app.content.quiz_model import Choice, Question, Quiz, ShowAnswers
from app.content.quiz_model import QuestionType as T
from app.grading import AttemptPlan, grade_attempt, redact, visible_feedback

QUIZ = Quiz("q", "Q", max_attempts=3, questions=(
    Question("q1", T.SINGLE, "Q1", "", explanation="Because.", choices=(
        Choice("a", "right", 1.0, "Yes!", True), Choice("b", "wrong", 0.0, "No."))),))


@pytest.mark.parametrize("policy, attempt, passed_any, shown", [
    (ShowAnswers.NEVER, 3, True, False),
    (ShowAnswers.AFTER_ATTEMPT, 1, False, True),
    (ShowAnswers.AFTER_PASS, 2, False, False),
    (ShowAnswers.AFTER_PASS, 2, True, True),
    (ShowAnswers.AFTER_LAST_ATTEMPT, 2, True, False),
    (ShowAnswers.AFTER_LAST_ATTEMPT, 3, False, True),
])
def test_policies(policy, attempt, passed_any, shown):
    visibility = visible_feedback(replace(QUIZ, show_answers=policy), attempt, passed_any)
    assert visibility.score is True
    assert (visibility.marks, visibility.feedback, visibility.correct_answers) == (
        shown, shown, shown)


def test_after_last_attempt_never_shows_while_attempts_are_unlimited():
    quiz = replace(QUIZ, show_answers=ShowAnswers.AFTER_LAST_ATTEMPT, max_attempts=0)
    assert not visible_feedback(quiz, 50, True).details


def test_redact_removes_everything_that_could_give_the_answer_away():
    result = grade_attempt(QUIZ, AttemptPlan(("q1",)), {"q1": "b"})
    hidden = redact(result, visible_feedback(replace(QUIZ, show_answers=ShowAnswers.NEVER),
                                             1, False))
    (q,) = hidden.questions
    assert (q.status, q.feedback, q.explanation, q.correct_answers, q.correct_choice_ids) == (
        "hidden", (), "", (), ())
    assert (hidden.percent, hidden.passed) == (0.0, False)  # the score itself stays
    shown = redact(result, visible_feedback(QUIZ, 1, False))
    assert shown == result


def test_hidden_marks_hide_the_points_of_each_question_too():
    """A right answer's point would tell her which question she got right."""
    two = replace(QUIZ, show_answers=ShowAnswers.NEVER, questions=QUIZ.questions + (
        Question("q2", T.SINGLE, "Q2", "", choices=(
            Choice("a", "right", 1.0, correct=True), Choice("b", "wrong", 0.0))),))
    result = grade_attempt(two, AttemptPlan(("q1", "q2")), {"q1": "a", "q2": "b"})
    hidden = redact(result, visible_feedback(two, 1, True))
    assert [(q.status, q.score, q.earned_points) for q in hidden.questions] == [
        ("hidden", 0.0, 0.0), ("hidden", 0.0, 0.0)]
    assert (hidden.percent, hidden.earned_points, hidden.passed) == (50.0, 1.0, False)
    assert [q.max_points for q in hidden.questions] == [1.0, 1.0]


def test_marks_shown_keep_each_question_s_points():
    result = grade_attempt(QUIZ, AttemptPlan(("q1",)), {"q1": "a"})
    (q,) = redact(result, visible_feedback(QUIZ, 1, True)).questions
    assert (q.status, q.score, q.earned_points, q.feedback) == ("correct", 1.0, 1.0, ("Yes!",))


def test_a_single_attempt_quiz_shows_the_answers_after_it():
    quiz = replace(QUIZ, show_answers=ShowAnswers.AFTER_LAST_ATTEMPT, max_attempts=1)
    assert visible_feedback(quiz, 1, False).details
