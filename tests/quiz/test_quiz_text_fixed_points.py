"""Text -> quiz -> text: once a quiz has been written, reading and writing it again gives
the very same file, in GIFT and in our Markdown; and every quiz of the repository keeps
every question, answer, weight and feedback through both formats.

(``test_quiz_roundtrips.py`` checks quiz -> text -> quiz on generated quizzes.)
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from gift_corpus import corpus_files
from hypothesis import HealthCheck, given, settings
from quiz_strategies import gift_questions, markdown_questions

from app.content.gift import parse_gift, write_gift
from app.content.quiz_markdown import write_quiz_markdown
from app.content.quiz_model import Quiz
from app.content.quizzes import load_markdown_quiz

QUIZZES = Path(__file__).resolve().parents[2] / "quizzes"
QUICK = settings(max_examples=60, deadline=None, derandomize=True,
                 suppress_health_check=[HealthCheck.too_slow])


def same(questions):
    return [replace(q, line=0) for q in questions]


def gift_again(text: str) -> str:
    questions, _, problems = parse_gift(text, "in.gift")
    assert not [str(p) for p in problems if p.is_error]
    return write_gift(Quiz("q", "Q", questions=tuple(questions)))


@QUICK
@given(gift_questions())
def test_written_gift_reads_and_writes_back_to_the_same_text(questions):
    text = write_gift(Quiz("q", "Q", questions=tuple(questions)))
    assert gift_again(text) == text


@QUICK
@given(markdown_questions())
def test_written_markdown_reads_and_writes_back_to_the_same_text(questions):
    text = write_quiz_markdown(Quiz("q", "A quiz", questions=tuple(questions)))
    again = load_markdown_quiz(text.encode(), "quizzes/q.md", "q")
    assert not [str(p) for p in again.problems if p.is_error]
    assert write_quiz_markdown(again) == text


@pytest.mark.parametrize("path", corpus_files())
def test_corpus_gift_is_a_fixed_point_after_one_export(path):
    questions, _, _ = parse_gift(path.read_bytes(), "in.gift")
    if not questions:
        return  # the file Moodle cannot read either (not UTF-8)
    once = write_gift(Quiz("q", "Q", questions=tuple(questions)))
    assert gift_again(once) == once


@pytest.mark.parametrize("path", sorted(p for p in QUIZZES.glob("*.md") if p.name != "README.md"),
                         ids=lambda p: p.name)
def test_repository_quiz_keeps_every_question_through_markdown_and_gift(path):
    quiz = load_markdown_quiz(path.read_bytes(), path.name, path.stem)
    assert quiz.questions and not quiz.is_broken
    markdown = write_quiz_markdown(quiz)
    from_markdown = load_markdown_quiz(markdown.encode(), path.name, path.stem)
    assert same(from_markdown.questions) == same(quiz.questions)
    assert write_quiz_markdown(from_markdown) == markdown
    from_gift, _, problems = parse_gift(write_gift(quiz), "out.gift")
    assert not [str(p) for p in problems if p.is_error]
    assert same(from_gift) == same(quiz.questions)
