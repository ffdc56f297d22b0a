"""Quizzes in our Markdown format (front matter settings, ``##`` questions).

Contract: the file becomes a quiz or problems with a line; a quiz that was read can be
written back as Markdown and as GIFT without failing.
"""
from __future__ import annotations

from app.content.gift import write_gift
from app.content.quiz_markdown import write_quiz_markdown
from app.content.quizzes import load_markdown_quiz

from .contract import problems_have_lines, within_budget
from .lines import line_bound

SEED_SUFFIXES = (".md",)


@within_budget
def check(data: bytes) -> None:
    """Load ``data`` as a Markdown quiz, then write it in both formats."""
    quiz = load_markdown_quiz(data, "quizzes/fuzz.md", "fuzz")
    problems_have_lines(quiz.problems, line_bound(data))
    if quiz.questions:
        write_quiz_markdown(quiz)
        write_gift(quiz)
