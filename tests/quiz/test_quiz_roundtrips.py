"""Import -> export -> import gives the same questions, for GIFT and for our Markdown."""
from __future__ import annotations

from dataclasses import replace

import pytest
from gift_corpus import CORPUS, corpus_files
from hypothesis import HealthCheck, given, settings
from quiz_strategies import gift_questions, markdown_questions

from app.content.gift import parse_gift, write_gift
from app.content.quiz_markdown import write_quiz_markdown
from app.content.quiz_model import Choice, Question, Quiz, ShowAnswers
from app.content.quiz_model import QuestionType as T
from app.content.quizzes import gift_to_markdown, load_markdown_quiz


def same(questions):
    """Questions without their line numbers (an export moves them)."""
    return [replace(q, line=0) for q in questions]


@pytest.mark.parametrize("path", corpus_files())
def test_corpus_file_survives_gift_export_and_reimport(path):
    questions, categories, problems = parse_gift(path.read_bytes(), "in.gift")
    if not questions:
        assert any(p.is_error for p in problems)  # the cp1252 file: nothing to export
        return
    text = write_gift(Quiz("corpus", "Corpus", questions=tuple(questions)))
    again, categories_again, problems_again = parse_gift(text, "out.gift")
    assert same(again) == same(questions)
    assert categories_again == categories
    assert not [p for p in problems_again if p.is_error]


@pytest.mark.parametrize("path", corpus_files())
def test_corpus_file_converts_to_a_clean_markdown_quiz(path):
    markdown, problems = gift_to_markdown(path.read_bytes(), "quizzes/in.gift", "in")
    if markdown is None:
        assert any(p.is_error for p in problems)
        return
    quiz = load_markdown_quiz(markdown.encode(), "quizzes/in.md", "in")
    original, _, _ = parse_gift(path.read_bytes(), "in.gift")
    if all(q.type in (T.DESCRIPTION, T.ESSAY) for q in original):
        # Converted whole, and refused as a quiz: with nothing scored, any answer would pass.
        assert [p.message for p in quiz.problems if p.is_error] == [
            "the quiz has no question that is scored: descriptions and essays never count, so any "
            "answer would pass; add a question with answers to choose, type or match"]
    else:
        assert not quiz.is_broken, [str(p) for p in quiz.problems]
    assert [(q.id, q.type) for q in quiz.questions] == [(q.id, q.type) for q in original]


def test_missing_word_gap_is_written_in_place_and_read_back():
    q = Question("grant", T.SINGLE, "Grant", "Grant is _____ in Grant's tomb.", choices=(
        Choice("a", "buried", 0.0), Choice("b", "entombed", 1.0, correct=True)))
    text = write_gift(Quiz("t", "T", questions=(q,)))
    assert "::Grant::[markdown]Grant is {\n\t~buried\n\t=entombed\n} in Grant's tomb." in text
    assert same(parse_gift(text, "x")[0]) == same([q])


def test_essays_descriptions_and_settings_survive_gift():
    quiz = Quiz("t", "Group basics", pass_mark=80, max_attempts=2, shuffle_choices=True,
                show_answers=ShowAnswers.AFTER_PASS, questions=(
                    Question("intro", T.DESCRIPTION, "Intro", "Read *this* {first}"),
                    Question("why", T.ESSAY, "Why", "Why post daily?", explanation="Reach."),
                    Question("ok", T.ESSAY, "Ok", "Anything?")))
    text = write_gift(quiz)
    assert text.startswith("// title: Group basics\n// pass_mark: 80\n// max_attempts: 2\n"
                           "// shuffle_choices: true\n// show_answers: after_pass\n\n")
    assert same(parse_gift(text, "x")[0]) == same(quiz.questions)


def test_texts_that_look_like_gift_syntax_are_protected():
    q = Question("odd", T.SINGLE, "Odd :: name", "[html] is a word here", choices=(
        Choice("a", "%25%off", 0.0), Choice("b", "[plain]x", 1.0, correct=True),
        Choice("c", "// not a comment", 0.5, "#1 = {best} ~ ok", text_format="plain")))
    text = write_gift(Quiz("t", "T", questions=(q,)))
    assert "~%0%%25%off" in text and "=[markdown][plain]x" in text
    assert same(parse_gift(text, "x")[0]) == same([q])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(gift_questions())
def test_generated_quizzes_survive_gift_export_and_reimport(questions):
    text = write_gift(Quiz("gen", "Generated", questions=tuple(questions)))
    again, _, problems = parse_gift(text, "gen.gift")
    assert not [str(p) for p in problems if p.is_error]
    assert same(again) == same(questions)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdown_questions())
def test_generated_quizzes_survive_markdown_export_and_reimport(questions):
    pool = 1 if any(q.type is not T.DESCRIPTION for q in questions) else None
    quiz = Quiz("gen", "Generated: a test", pass_mark=66.5, pool=pool, language="vi",
                questions=tuple(questions))
    again = load_markdown_quiz(write_quiz_markdown(quiz).encode(), "quizzes/gen.md", "gen")
    assert not [str(p) for p in again.problems if p.is_error]
    assert same(again.questions) == same(questions)
    assert (again.title, again.pass_mark, again.pool, again.language) == (
        "Generated: a test", 66.5, pool, "vi")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdown_questions())
def test_generated_markdown_quizzes_survive_gift(questions):
    """Markdown -> GIFT -> our model keeps every question (formats stay markdown)."""
    quiz = Quiz("gen", "Generated", questions=tuple(questions))
    again, _, problems = parse_gift(write_gift(quiz), "gen.gift")
    assert not [str(p) for p in problems if p.is_error]
    assert same(again) == same(questions)


def test_corpus_directory_is_found_relative_to_the_repository():
    assert CORPUS.name == "gift" and CORPUS.parent.name == "corpus"
