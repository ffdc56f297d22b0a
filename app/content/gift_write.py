"""Write a Quiz as Moodle GIFT, in the layout of Moodle's own exporter.

Differences from Moodle's ``writequestion``, each so that re-importing gives the same
question back: the id and tags go into a ``// [id:...] [tag:...]`` comment; a text that
itself starts with ``[`` gets an explicit format prefix; a choice text that starts
like a ``%weight%`` gets an explicit weight; a "missing word" gap is written in place.
Settings that differ from the defaults go into a leading comment block, which Moodle
ignores and our loader reads.
"""
from __future__ import annotations

from .gift_text import WEIGHT_RE, escape_text, percent_text
from .quiz_format_rules import format_number, setting_text
from .quiz_model import BLANK, MOODLE, Question, QuestionType, Quiz

_INLINE_GAP = (QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.TRUEFALSE,
               QuestionType.SHORT, QuestionType.NUMERIC)
_DEFAULTS = Quiz(id="", title="")


def write_gift(quiz: Quiz) -> str:
    """The quiz as GIFT text (UTF-8 when encoded), one blank-line-separated block each."""
    out = [f"// title: {' '.join(quiz.title.split())}"]
    for key in ("pass_mark", "max_attempts", "shuffle_questions", "shuffle_choices",
                "show_answers", "pool", "language"):
        value = getattr(quiz, key)
        if value != getattr(_DEFAULTS, key):
            out.append(f"// {key}: {setting_text(value)}")
    out.append("")
    category = ""
    for question in quiz.questions:
        if question.category != category:
            category = question.category
            out += [f"$CATEGORY: {category}", ""]
        out += [write_question(question), ""]
    return "\n".join(out)


def write_question(q: Question) -> str:
    """One question block (without the blank line that ends it)."""
    tags = "".join(f" [tag:{tag.replace(']', chr(92) + ']')}]" for tag in q.tags)
    head = f"// [id:{q.id}]{tags}\n::{escape_text(q.title)}::"
    text = _text(q.text, q.text_format, MOODLE)
    if not q.text and q.text_format != MOODLE:
        text = f"[{q.text_format}]"  # an empty text keeps its format too
    if q.type is QuestionType.DESCRIPTION:
        return head + text
    block = _block(q)
    before, gap, after = text.partition(BLANK)
    if q.type in _INLINE_GAP and gap and after.strip():
        return head + before + block + after
    return head + text + block


def _block(q: Question) -> str:
    general = _text(q.explanation, q.explanation_format, q.text_format)
    general = "####" + general if general else ""
    kind = q.type
    if kind is QuestionType.ESSAY:
        return "{" + general + "}"
    if kind is QuestionType.TRUEFALSE:
        return _truefalse(q, general)
    rows: list[str] = []
    if kind in (QuestionType.SINGLE, QuestionType.MULTIPLE):
        # GIFT needs a "~" to read choices (all "=" would be a short answer): when every
        # choice is right, the last one is written as ~%100%, which reads back the same
        all_right = all(c.fraction == 1 for c in q.choices)
        for index, c in enumerate(q.choices):
            last = index == len(q.choices) - 1
            if kind is QuestionType.SINGLE and c.fraction == 1 and not (all_right and last):
                mark = "="
            elif c.fraction == 0 and not WEIGHT_RE.match(c.text):
                mark = "~"
            else:  # also when the text itself starts like "%50%": keep it text
                mark = f"~%{percent_text(c.fraction)}%"
            row = mark + _text(c.text, c.text_format, q.text_format)
            if c.feedback:
                row += "#" + _text(c.feedback, c.feedback_format, q.text_format)
            rows.append(row)
    elif kind is QuestionType.SHORT:
        # Moodle drops an answer's [format]; one is written only to protect a leading "["
        rows = [f"=%{percent_text(a.fraction)}%{_text(a.text, q.text_format, q.text_format)}#"
                + _text(a.feedback, a.feedback_format, q.text_format) for a in q.answers]
    elif kind is QuestionType.NUMERIC:
        rows = _numeric_rows(q)
    elif kind is QuestionType.MATCHING:
        rows = [("=" + _text(p.prompt, p.prompt_format, q.text_format) + " -> "
                 if p.prompt else "= -> ") + escape_text(p.answer) for p in q.pairs]
    if general:
        rows.append(general)
    opening = "{#\n" if kind is QuestionType.NUMERIC else "{\n"
    return opening + "".join(f"\t{row}\n" for row in rows) + "}"


def _truefalse(q: Question, general: str) -> str:
    true, false = q.choice("true"), q.choice("false")
    assert true is not None and false is not None  # a true/false question has both choices
    right, wrong = (true, false) if true.correct else (false, true)
    right_fb = _text(right.feedback, right.feedback_format, q.text_format)
    wrong_fb = _text(wrong.feedback, wrong.feedback_format, q.text_format)
    out = "{" + ("TRUE" if true.correct else "FALSE")
    if wrong_fb or right_fb:
        out += "#" + wrong_fb
    if right_fb:
        out += "#" + right_fb
    return out + general + "}"


def _numeric_rows(q: Question) -> list[str]:
    rows = []
    for index, n in enumerate(q.numeric):
        feedback = _text(n.feedback, n.feedback_format, q.text_format)
        last = index == len(q.numeric) - 1
        if n.value is None and n.fraction == 0 and last:
            rows.append("~#" + feedback)  # Moodle's "any other answer" line
            continue
        value = "*" if n.value is None else \
            f"{format_number(n.value)}:{format_number(n.tolerance)}"
        rows.append(f"=%{percent_text(n.fraction)}%{value}#{feedback}")
    return rows


def _text(text: str, text_format: str, default: str) -> str:
    """``write_questiontext``: ``[format]`` when it differs from the default (or when the
    text would otherwise be mistaken for one), then the escaped text."""
    prefix = ""
    if text and (text_format != default or text.startswith("[")):
        prefix = f"[{text_format}]"
    return prefix + escape_text(text)
