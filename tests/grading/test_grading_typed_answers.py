"""Typed answers: the Unicode minus, the numeric catch-all, the rounding allowance at range
and tolerance edges, answers that match nothing, and the keys statistics group answers by."""
from __future__ import annotations

from textwrap import dedent

import pytest

from app.content.quiz_model import NumericAnswer, Question, ShortAnswer
from app.content.quiz_model import QuestionType as T
from app.content.quizzes import load_markdown_quiz
from app.grading import AttemptPlan, grade_attempt, grade_question, parse_number


def quiz_of(markdown: str):
    text = "---\ntitle: Typed answers\n---\n" + dedent(markdown)
    quiz = load_markdown_quiz(text.encode(), "quizzes/typed.md", "typed")
    assert not quiz.problems, quiz.problems
    return quiz


def graded(quiz, qid, response):
    return grade_attempt(quiz, AttemptPlan((qid,)), {qid: response}).question(qid)


TEMPERATURE = quiz_of("""\
    ## Lowest temperature in Sa Pa last winter, in °C {#cold}
    - number: -3 ± 1
      > Right.
    """)


@pytest.mark.parametrize("typed", ["−3", " −3 ", "−2", "−4", "−3,5", "-3"])
def test_a_unicode_minus_sign_counts_as_a_minus(typed):
    """Phones and copied text often give U+2212 instead of '-'."""
    result = graded(TEMPERATURE, "cold", typed)
    assert (result.score, result.status, result.feedback) == (1.0, "correct", ("Right.",))


def test_parse_number_reads_what_phones_type():
    assert parse_number("−3") == -3.0
    assert parse_number("−0,5") == -0.5
    assert parse_number(" +2 ") == 2.0
    assert parse_number("3 −") is None and parse_number("−") is None


def test_a_unicode_minus_number_is_keyed_like_a_typed_minus():
    assert graded(TEMPERATURE, "cold", "−3").response_key == "-3"
    assert graded(TEMPERATURE, "cold", "-3,0").response_key == "-3"


CATCH_ALL = quiz_of("""\
    ## How many members did the pilot group reach? {#members}
    - number: 560
    - number: {50%} 500..600
      > Close: it was 560.
    - number: {10%} *
      > Count again on the group's page.
    """)


@pytest.mark.parametrize("typed, score, feedback", [
    ("560", 1.0, ()),
    ("520", 0.5, ("Close: it was 560.",)),
    ("8", 0.1, ("Count again on the group's page.",)),  # any other number: the catch-all
    ("-1e3", 0.1, ("Count again on the group's page.",)),
    ("many", 0.0, ()),  # not a number: the catch-all is for numbers only
])
def test_the_numeric_catch_all_takes_every_other_number(typed, score, feedback):
    result = graded(CATCH_ALL, "members", typed)
    assert (result.score, result.feedback) == (score, feedback)
    assert result.correct_answers == ("560",)  # the catch-all is never shown as an answer


def test_without_a_catch_all_a_number_outside_every_range_scores_nothing():
    quiz = quiz_of("""\
        ## Posts a day {#posts}
        - number: 3 ± 1
          > Yes.
        """)
    result = graded(quiz, "posts", "9")
    assert (result.score, result.status, result.feedback) == (0.0, "wrong", ())
    assert result.response_key == "9"


@pytest.mark.parametrize("spec, typed", [
    ("81.7..83.1", "81.7"),  # (81.7 + 83.1) / 2 and its half-width are not exact in binary
    ("0.9..1.3", "0.9"),
    ("5.7..772.8", "5.7"),
    ("0.1..100000", "0.1"),  # a wide range: the allowance follows the answer's size
    ("3837.993 ± 0.032", "3838.025"),
    ("8.271 ± 0.78", "7.491"),
])
def test_the_edges_written_in_the_file_are_inside_despite_binary_rounding(spec, typed):
    quiz = quiz_of(f"## Q {{#q}}\n- number: {spec}\n")
    assert graded(quiz, "q", typed).score == 1.0


@pytest.mark.parametrize("spec, typed", [
    ("81.7..83.1", "81.69999"), ("81.7..83.1", "83.10001"),
    ("0.1..100000", "0.0999"), ("3837.993 ± 0.032", "3838.0251"),
])
def test_the_rounding_allowance_lets_nothing_typed_beyond_an_edge_through(spec, typed):
    quiz = quiz_of(f"## Q {{#q}}\n- number: {spec}\n")
    assert graded(quiz, "q", typed).score == 0.0


SHORT = quiz_of("""\
    ## The province's capital {#capital}
    - answer: Vĩnh Long
      > Right.
    - answer: {50%} Bến Tre
      > Bến Tre is a commune of the province now.
    """)


def test_a_short_answer_that_matches_nothing_scores_nothing_without_a_catch_all():
    result = graded(SHORT, "capital", "Cần Thơ")
    assert (result.score, result.status, result.feedback) == (0.0, "wrong", ())


def test_short_answer_keys_ignore_case_spacing_and_accent_encoding():
    """Statistics count 'Bến Tre' typed in three ways as one answer."""
    keys = {graded(SHORT, "capital", typed).response_key
            for typed in ("Bến Tre", "  bến   TRE ", "Be\u0302\u0301n Tre")}
    assert keys == {"bến tre"}


def test_only_the_best_short_answers_are_shown_as_right():
    assert graded(SHORT, "capital", "x").correct_answers == ("Vĩnh Long",)
    two_best = Question("q", T.SHORT, "Q", "", answers=(
        ShortAnswer("Zalo", 0.5), ShortAnswer("Facebook", 0.5), ShortAnswer("Email", 0.25)))
    assert grade_question(two_best, "x").correct_answers == ("Zalo", "Facebook")


def test_a_question_where_nothing_earns_credit_shows_no_right_answer():
    # only possible in a broken file (the check reports it), but grading must not invent one
    short = Question("s", T.SHORT, "S", "", answers=(ShortAnswer("*", 0.0, "Thanks."),))
    number = Question("n", T.NUMERIC, "N", "", numeric=(NumericAnswer(None, 0.0, 0.0),))
    for question in (short, number):
        result = grade_question(question, "anything")
        assert (result.score, result.correct_answers) == (0.0, ())
    for empty in (Question("s", T.SHORT, "S", ""), Question("n", T.NUMERIC, "N", "")):
        assert grade_question(empty, "1").correct_answers == ()


def test_numeric_answers_shown_as_right_are_the_best_ones_with_their_tolerance():
    assert graded(TEMPERATURE, "cold", "0").correct_answers == ("-3 ± 1",)
    partial_only = Question("n", T.NUMERIC, "N", "", numeric=(
        NumericAnswer(560.0, 0.0, 0.5), NumericAnswer(550.0, 50.0, 0.25)))
    assert grade_question(partial_only, "560").correct_answers == ("560",)


def test_a_wildcard_answer_matches_across_what_was_a_line_break():
    quiz = quiz_of("## Q {#q}\n- answer: two*step\n")
    assert graded(quiz, "q", "two-\nstep").score == 1.0
