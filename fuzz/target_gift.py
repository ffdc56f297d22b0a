"""GIFT files, as ``flask quizzes import-gift`` and the quiz loader read them.

Contract: the file becomes a quiz and its Markdown, or problems with a line; exporting a
quiz that was read never fails either.
"""
from __future__ import annotations

from app.content.gift import write_gift
from app.content.quizzes import gift_to_markdown, load_gift_quiz

from .contract import problems_have_lines, within_budget
from .lines import line_bound

SEED_SUFFIXES = (".gift", ".txt")


@within_budget
def check(data: bytes) -> None:
    """Read ``data`` as a GIFT file, convert it to Markdown, and export it again as GIFT."""
    markdown, problems = gift_to_markdown(data, "fuzz.gift", "fuzz")
    problems_have_lines(problems, line_bound(data))
    quiz = load_gift_quiz(data, "fuzz.gift", "fuzz")
    if quiz.questions:
        write_gift(quiz)
