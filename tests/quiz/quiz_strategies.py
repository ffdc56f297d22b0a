"""Hypothesis strategies for whole quizzes, for the GIFT and Markdown round trips.

``gift_questions`` uses every GIFT control character, formats, weights, tags and
categories; ``markdown_questions`` sticks to texts that are plain Markdown prose (the
Markdown format has no escape for a line that starts like an answer item).
"""
from __future__ import annotations

from hypothesis import assume
from hypothesis import strategies as st

from app.content.gift_text import MOODLE_GRADES
from app.content.quiz_format_rules import default_fractions
from app.content.quiz_markdown_syntax import letter_id
from app.content.quiz_model import (
    TEXT_FORMATS,
    Choice,
    MatchPair,
    NumericAnswer,
    Question,
    ShortAnswer,
)
from app.content.quiz_model import (
    QuestionType as T,
)

PHP_SPACE = " \t\n\r\0\x0b"
GRADES = sorted({g for grade in MOODLE_GRADES for g in (grade, -grade)})
POSITIVE = [g for g in GRADES if g > 0]
PARTIAL = [g for g in GRADES if g < 1]

# GIFT texts: control characters, brackets and percent signs included; no "<" (names lose
# tags), no ">" (GIFT cannot escape "->"), no "_" (the missing-word gap is tested apart).
_GIFT_CHARS = st.characters(codec="utf-8", categories=("L", "N"), include_characters=
                            " ~=#{}:\\%[]().,!?'\"/*\n-đăệ",
                            exclude_characters="\r\x0b\x00_<>")
_MD_CHARS = st.characters(codec="ascii", categories=("L", "N"), include_characters=" .,?!'")


def _text(chars, min_size=1, max_size=30, newlines=True):
    def clean(value: str) -> str:
        if not newlines:
            value = value.replace("\n", " ")
        return value.strip(PHP_SPACE)
    return st.text(chars, min_size=min_size, max_size=max_size).map(clean).filter(
        lambda t: len(t) >= min_size)


def _formatted(chars, default):
    """(text, format) where an empty text carries the default format (GIFT writes none)."""
    return st.tuples(_text(chars, 0), st.sampled_from(TEXT_FORMATS)).map(
        lambda tf: tf if tf[0] else ("", default))


def _normalised(choices):
    defaults = default_fractions([c.correct for c in choices])
    if all(abs(c.fraction - d) < 1e-5 for c, d in zip(choices, defaults, strict=True)):
        return [Choice(c.id, c.text, d, c.feedback, c.correct, c.text_format, c.feedback_format)
                for c, d in zip(choices, defaults, strict=True)]
    return choices


@st.composite
def gift_question(draw, qid):
    kind = draw(st.sampled_from(list(T)))
    fmt = draw(st.sampled_from(TEXT_FORMATS))
    text = draw(_text(_GIFT_CHARS))
    explanation, efmt = draw(_formatted(_GIFT_CHARS, fmt))
    feedback = _formatted(_GIFT_CHARS, fmt)
    q = dict(id=qid, type=kind, title=draw(_text(_GIFT_CHARS, newlines=False)), text=text,
             text_format=fmt, explanation=explanation, explanation_format=efmt,
             category=draw(st.sampled_from(["", "$course$/Facebook", "top/Groups"])),
             tags=tuple(draw(st.lists(st.sampled_from(["fb", "group", "post"]), max_size=2,
                                      unique=True))))
    if kind is T.DESCRIPTION:
        q.update(explanation="", explanation_format=fmt)
    elif kind in (T.SINGLE, T.MULTIPLE):
        count = draw(st.integers(2, 5))
        if kind is T.SINGLE:
            fractions = [1.0] + [draw(st.sampled_from(PARTIAL)) for _ in range(count - 1)]
            fractions = draw(st.permutations(fractions))
        else:
            fractions = [draw(st.sampled_from(POSITIVE))] + \
                [draw(st.sampled_from(GRADES)) for _ in range(count - 1)]
        choices = []
        for index, fraction in enumerate(fractions):
            (fb, ffmt) = draw(feedback)
            correct = fraction >= 1 if kind is T.SINGLE else fraction > 0
            choices.append(Choice(letter_id(index), draw(_text(_GIFT_CHARS)), fraction, fb,
                                  correct, draw(st.sampled_from(TEXT_FORMATS)), ffmt))
        q["choices"] = tuple(_normalised(choices) if kind is T.MULTIPLE else choices)
    elif kind is T.TRUEFALSE:
        right = draw(st.booleans())
        (fb_true, f1), (fb_false, f2) = draw(feedback), draw(feedback)
        q["choices"] = (Choice("true", "True", float(right), fb_true, right, fmt, f1),
                        Choice("false", "False", float(not right), fb_false, not right, fmt,
                               f2))
    elif kind is T.SHORT:
        fractions = [1.0] + draw(st.lists(st.sampled_from(GRADES), max_size=3))
        q["answers"] = tuple(ShortAnswer(draw(_text(_GIFT_CHARS, newlines=False)), f,
                                         *draw(feedback)) for f in fractions)
    elif kind is T.NUMERIC:
        numbers = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9,
                            max_value=1e9)
        answers = [NumericAnswer(draw(numbers), abs(draw(numbers)), f, *draw(feedback))
                   for f in [1.0] + draw(st.lists(st.sampled_from(GRADES), max_size=2))]
        if draw(st.booleans()):
            answers.append(NumericAnswer(None, 0.0, 0.0, *draw(feedback)))
        q["numeric"] = tuple(answers)
    elif kind is T.MATCHING:
        count = draw(st.integers(2, 4))
        pairs = [MatchPair(letter_id(i), draw(_text(_GIFT_CHARS)),
                           draw(_text(_GIFT_CHARS, newlines=False)),
                           draw(st.sampled_from(TEXT_FORMATS))) for i in range(count)]
        if draw(st.booleans()):
            pairs.append(MatchPair(letter_id(count), "", draw(_text(_GIFT_CHARS, newlines=False)),
                                   fmt))
        q["pairs"] = tuple(pairs)
    return Question(**q)


@st.composite
def gift_questions(draw):
    count = draw(st.integers(1, 6))
    return [draw(gift_question(f"q{i}")) for i in range(count)]


@st.composite
def markdown_question(draw, qid):
    kind = draw(st.sampled_from(list(T)))
    words = _text(_MD_CHARS, newlines=False)
    optional = _text(_MD_CHARS, 0, newlines=False)
    q = dict(id=qid, type=kind, title=draw(words), text=draw(optional),
             explanation="" if kind is T.DESCRIPTION else draw(optional))
    if kind in (T.ESSAY, T.DESCRIPTION):
        q["text"] = draw(words)
    elif kind in (T.SINGLE, T.MULTIPLE):
        count = draw(st.integers(2, 5))
        ticks = draw(st.lists(st.booleans(), min_size=count, max_size=count).filter(any))
        if kind is T.SINGLE:
            fractions = [1.0 if tick else draw(st.sampled_from([0.0, 0.5, -0.5]))
                         for tick in ticks]
        elif draw(st.booleans()):
            fractions = default_fractions(ticks)
        else:
            fractions = [draw(st.sampled_from(POSITIVE if tick else [0.0, -0.5, -1.0]))
                         for tick in ticks]
        choices = [Choice(letter_id(i), draw(words), f, draw(optional), tick)
                   for i, (tick, f) in enumerate(zip(ticks, fractions, strict=False))]
        q["choices"] = tuple(_normalised(choices) if kind is T.MULTIPLE else choices)
    elif kind is T.TRUEFALSE:
        right = draw(st.booleans())
        q["choices"] = (Choice("true", "True", float(right), draw(optional), right),
                        Choice("false", "False", float(not right), draw(optional), not right))
    elif kind is T.SHORT:
        texts = draw(st.lists(words.map(lambda t: " ".join(t.split())), min_size=1, max_size=3))
        q["answers"] = tuple(ShortAnswer(t, 1.0 if i == 0 else draw(st.sampled_from(GRADES)),
                                         draw(optional)) for i, t in enumerate(texts))
    elif kind is T.NUMERIC:
        numbers = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6, max_value=1e6)
        q["numeric"] = (NumericAnswer(draw(numbers), abs(draw(numbers)), 1.0, draw(optional)),
                        NumericAnswer(None, 0.0, draw(st.sampled_from([0.0, 0.5])),
                                      draw(optional)))
    elif kind is T.MATCHING:
        q["pairs"] = tuple(MatchPair(letter_id(i), draw(words), " ".join(draw(words).split()))
                           for i in range(draw(st.integers(2, 4))))
    return Question(**q)


@st.composite
def markdown_questions(draw):
    count = draw(st.integers(1, 6))
    questions = [draw(markdown_question(f"question-{i}")) for i in range(count)]
    # A quiz of descriptions and essays only is a content error (nothing to score).
    assume(any(question.graded for question in questions))
    return questions
