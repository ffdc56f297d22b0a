"""Write a Quiz in our Markdown quiz format (the reverse of ``quiz_markdown``).

Used to turn GIFT files into Markdown (``flask quizzes import-gift``). Reading the output
back gives the same questions: weights and ``{#id}``/``{.multiple}`` attributes are written
exactly when the reader would otherwise infer something different.
"""
from __future__ import annotations

import json
import re

import yaml

from .quiz_format_rules import default_fractions, format_number, setting_text, slugify
from .quiz_markdown_syntax import parse_number_spec
from .quiz_model import Question, QuestionType, Quiz, ShowAnswers, to_markdown

_ATTR_LIKE = re.compile(r"\{[^{}]*\}\s*$")
_DEFAULTS = Quiz(id="", title="")


def write_quiz_markdown(quiz: Quiz) -> str:
    """The quiz as a Markdown quiz file: front matter, intro, one ``##`` per question."""
    out = ["---", f"title: {_yaml_text(quiz.title)}"]
    for key in ("pass_mark", "max_attempts", "shuffle_questions", "shuffle_choices",
                "show_answers", "pool", "language"):
        value = getattr(quiz, key)
        if value != getattr(_DEFAULTS, key):
            out.append(f"{key}: {_yaml_value(value)}")
    out += ["---", ""]
    if quiz.intro:
        out += [quiz.intro, ""]
    for question in quiz.questions:
        out += _question(question)
    return "\n".join(out).rstrip("\n") + "\n"


def _question(q: Question) -> list[str]:
    title = re.sub(r"\s*\n\s*", " ", q.title.strip())  # a GIFT name may span lines
    if _ATTR_LIKE.search(title):
        title = title.replace("{", "\\{").replace("}", "\\}")
    if title.endswith("#"):
        title = title[:-1] + "\\#"
    attrs = [] if q.id == (slugify(title) or None) else [f"#{q.id}"]
    kind = q.type
    if kind in (QuestionType.ESSAY, QuestionType.DESCRIPTION):
        attrs.append("." + kind.value)
    right = sum(c.correct for c in q.choices)
    if kind is QuestionType.MULTIPLE and right <= 1:
        attrs.append(".multiple")
    if kind is QuestionType.SINGLE and (right != 1 or _reads_as_truefalse(q)):
        attrs.append(".single")
    out = [f"## {title}" + (" {" + " ".join(attrs) + "}" if attrs else ""), ""]
    if q.text:
        out += [to_markdown(q.text, q.text_format), ""]
    if kind in (QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.TRUEFALSE):
        out += _choices(q)
    for a in q.answers:
        default = 0.0 if a.text == "*" else 1.0
        out += _item("answer: " + _weight(a.fraction, default), " ".join(a.text.split()),
                     to_markdown(a.feedback, a.feedback_format))
    for n in q.numeric:
        default = 0.0 if n.value is None else 1.0
        out += _item("number: " + _weight(n.fraction, default), number_label(n.value, n.tolerance),
                     to_markdown(n.feedback, n.feedback_format))
    for p in q.pairs:
        prompt = to_markdown(p.prompt, p.prompt_format) + " " if p.prompt else ""
        out += _item("match: ", f"{prompt}-> {p.answer}", "")
    if out[-1] != "":
        out.append("")
    if q.explanation and kind is not QuestionType.DESCRIPTION:
        out += [_quote(to_markdown(q.explanation, q.explanation_format), ""), ""]
    return out


def number_label(value: float | None, tolerance: float) -> str:
    """Exact text for a numeric answer: ``42``, ``42 ± 0.5``; a range such as ``3.141..3.142``
    instead of a long ``± 0.000500000000000167`` when it reads back exactly the same."""
    if value is None:
        return "*"
    if not tolerance:
        return format_number(value)
    label = f"{format_number(value)} ± {format_number(tolerance)}"
    for digits in range(13):
        low, high = round(value - tolerance, digits), round(value + tolerance, digits)
        candidate = f"{format_number(low)}..{format_number(high)}"
        if parse_number_spec(candidate) == (value, tolerance) and len(label) > 20:
            return candidate
    return label


def _choices(q: Question) -> list[str]:
    correct = [c.correct for c in q.choices]
    if q.type is QuestionType.MULTIPLE:  # weights on every choice, or on none
        computed = default_fractions(correct) if any(correct) else [0.0] * len(correct)
        defaults: list[float | None]
        if any(abs(c.fraction - d) > 1e-6 for c, d in zip(q.choices, computed, strict=True)):
            defaults = [None] * len(correct)
        else:
            defaults = [c.fraction for c in q.choices]
    else:
        defaults = [float(ok) for ok in correct]
    out = []
    for c, default in zip(q.choices, defaults, strict=True):
        box = ("[x] " if c.correct else "[ ] ") + _weight(c.fraction, default)
        out += _item(box, to_markdown(c.text, c.text_format),
                     to_markdown(c.feedback, c.feedback_format))
    return out


def _reads_as_truefalse(q: Question) -> bool:
    return (len(q.choices) == 2 and {c.text.casefold() for c in q.choices} == {"true", "false"}
            and all(c.fraction == float(c.correct) for c in q.choices))


def _weight(fraction: float, default: float | None) -> str:
    if default is not None and abs(fraction - default) < 1e-9:
        return ""
    return "{" + format_number(round(fraction * 100, 5)) + "%} "


def _item(marker: str, text: str, feedback: str) -> list[str]:
    first, *rest = (text or "").split("\n")
    if first.startswith("{"):
        first = "\\" + first  # else it would read as a weight
    out = [f"- {marker}{first}".rstrip()] + [f"  {row}".rstrip() for row in rest]
    if feedback:
        out.append(_quote(feedback, "  "))
    return out


def _quote(text: str, indent: str) -> str:
    return "\n".join(f"{indent}> {row}".rstrip() for row in text.split("\n"))


def _yaml_text(text: str) -> str:
    try:
        plain = yaml.safe_load(text) == text and not re.search(r"[:#\n]", text)
    except yaml.YAMLError:
        plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)


def _yaml_value(value) -> str:
    if isinstance(value, str) and not isinstance(value, ShowAnswers):
        return _yaml_text(value)
    return setting_text(value)
