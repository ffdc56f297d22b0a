"""Conventions every quiz file format shares (GIFT and our Markdown), readers and writers alike:
how numbers and settings are written, ids from headings, the default fractions of a multiple
answer, and what makes a question impossible to grade."""
from __future__ import annotations

import re
import unicodedata

from .problems import N_, Message
from .quiz_model import Question, QuestionType, ShowAnswers


def format_number(value: float) -> str:
    """Shortest text that reads back as the same float: 42, 3.5, 0.000499999999999723."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def setting_text(value) -> str:
    """A quiz setting as written in a file (front matter or GIFT comment): ``true``,
    ``after_pass``, ``70``."""
    if isinstance(value, ShowAnswers):
        return value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return format_number(value)
    return str(value)


def slugify(text: str) -> str:
    """ASCII id from a heading: 'Đăng bài: ảnh?' -> 'dang-bai-anh'."""
    text = text.replace("đ", "d").replace("Đ", "D")
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def default_fractions(correct: list[bool]) -> list[float]:
    """Multiple answer without weights: each right tick earns 1/(number right), each wrong
    tick costs 1/(number wrong). All right ticks score 1; ticking everything scores 0."""
    right = sum(correct)
    wrong = len(correct) - right
    return [1 / right if ok else (-1 / wrong) for ok in correct]


def question_defects(question: Question) -> list[Message]:
    """What makes a question impossible to grade, whatever file format it came from."""
    kind = question.type
    if kind in (QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.TRUEFALSE):
        if len(question.choices) < 2:
            return [Message.of(N_("needs at least 2 choices"))]
        if not any(c.correct for c in question.choices):
            return [Message.of(N_("has no correct answer: mark at least one choice as right"))]
    elif kind is QuestionType.SHORT:
        if not any(a.fraction > 0 for a in question.answers):
            return [Message.of(N_("has no correct answer: no accepted answer earns credit"))]
    elif kind is QuestionType.NUMERIC:
        if not any(n.fraction > 0 for n in question.numeric):
            return [Message.of(N_("has no correct answer: no number earns credit"))]
    elif kind is QuestionType.MATCHING and sum(not p.is_distractor for p in question.pairs) < 2:
        return [Message.of(N_("needs at least 2 pairs 'prompt -> answer'"))]
    return []
