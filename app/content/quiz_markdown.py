"""Our Markdown quiz format: one ``##`` heading per question, answers as a list.

This module reads the body (after the front matter, which ``quizzes.py`` checks) into
``Question`` objects; ``quiz_markdown_write.py`` writes it back. The syntax is documented
for trainers in ``quizzes/README.md``. Every defect becomes a ``path:line: message``
problem; the parser never raises on bad input.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from .gift_text import snap_grade
from .problems import N_, Message, Problem, Value, error, warning
from .quiz_format_rules import default_fractions, question_defects, slugify
from .quiz_markdown_syntax import (
    HEADING,
    QUOTE,
    Lines,
    dedent,
    fence_state,
    join,
    letter_id,
    parse_number_spec,
    split_items,
    trailing_quote,
)
from .quiz_model import Choice, MatchPair, NumericAnswer, Question, QuestionType, ShortAnswer

_ATTRS = re.compile(r"\s*(?<!\\)\{:?([^{}]*)(?<!\\)\}\s*$")
_WEIGHT = re.compile(r"^\{\s*([+-]?\d+(?:\.\d+)?)\s*%\s*\}\s*")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
CLASSES = ("essay", "description", "multiple", "single")


@dataclass
class _Item:
    line: int
    kind: str  # "choice", "answer", "number" or "match"
    ticked: bool
    weight: float | None
    text: str
    feedback: str = ""


class _Parser:
    def __init__(self, path: str, translation: bool) -> None:
        self.path = path
        self.translation = translation  # texts only: marks, weights and checks come from the source
        self.problems: list[Problem] = []

    def error(self, line: int, message: str, /, **values: Value) -> None:
        self.problems.append(error(self.path, line, message, **values))

    def warning(self, line: int, message: str, /, **values: Value) -> None:
        self.problems.append(warning(self.path, line, message, **values))

    # -- sections -------------------------------------------------------------------------
    def parse(self, body: str, first_line: int) -> tuple[str, list[Question]]:
        lines = [(first_line + i, text) for i, text in enumerate(body.split("\n"))]
        sections: list[Lines] = [[]]
        fence = None
        for number, text in lines:
            fence = fence_state(text, fence)
            if fence is None and HEADING.match(text):
                sections.append([])
            sections[-1].append((number, text))
        intro = join(sections[0])
        questions: list[Question] = []
        seen: dict[str, int] = {}
        for index, section in enumerate(sections[1:], start=1):
            question = self.question(section, index)
            if question is None:
                continue
            if question.id and question.id in seen:
                self.error(question.line, N_("duplicate question id '%(question)s' (also on line %(other)d); "
                                             "give one of them an explicit {#id}"),
                           question=question.id, other=seen[question.id])
                continue
            seen[question.id] = question.line
            questions.append(question)
        return intro, questions

    def question(self, section: Lines, index: int) -> Question | None:
        line, heading = section[0]
        heading_match = HEADING.match(heading)
        assert heading_match is not None  # a section starts at its heading
        title = heading_match.group(1).strip()
        classes, qid = set(), ""
        match = _ATTRS.search(title)
        if match:
            title = title[: match.start()].rstrip()
            for token in match.group(1).split():
                if token.startswith("#") and _ID.match(token[1:]):
                    qid = token[1:]
                elif token.startswith(".") and token[1:] in CLASSES:
                    classes.add(token[1:])
                else:
                    self.error(line, N_("unknown heading attribute '%(token)s': use {#id} or one of "
                                        "%(classes)s"), token=token, classes=", ".join("." + c for c in CLASSES))
        title = re.sub(r"\s+#+$", "", title)
        if not title:
            self.error(line, N_("question heading has no text"))
        if not qid and not self.translation:
            qid = slugify(title) or f"q{index}"
        text_lines, items, after = split_items(section[1:])
        q = Question(qid, QuestionType.SINGLE, title or qid, "", line=line)
        if "essay" in classes or "description" in classes:
            return self.textual(q, classes, text_lines + after, items)
        if not items:
            self.error(line, N_("question '%(question)s' has no answers: add choices '- [x]', '- answer:', "
                                "'- number:' or '- match:' lines, or mark the heading {.essay} or "
                                "{.description}"), question=qid)
            return None
        parsed = [self.item(number, match_, cont) for number, match_, cont in items]
        kinds = [item.kind for item in parsed]
        other = next((item for item in parsed if item.kind != kinds[0]), None)
        if other is not None:
            self.error(other.line, N_("question '%(question)s' mixes answer kinds (%(first)s and %(other)s); "
                                      "use one kind per question"), question=qid, first=kinds[0], other=other.kind)
            return None
        q = replace(q, text=join(text_lines), explanation=self.explanation(after, qid))
        build = {"choice": self.choices, "answer": self.short, "number": self.numbers,
                 "match": self.matching}[kinds[0]]
        q = build(q, parsed, classes)
        if q is not None and not self.translation:
            for defect in question_defects(q):
                self.error(line, N_("question '%(question)s' %(defect)s"), question=qid, defect=defect)
        return q

    def textual(self, q: Question, classes: set[str], lines: Lines, items) -> Question:
        """Essay or description: no answer list; an essay's closing blockquote explains."""
        kind = QuestionType.ESSAY if "essay" in classes else QuestionType.DESCRIPTION
        if items:
            template = N_("question '%(question)s' is an essay and takes no answer list") \
                if kind is QuestionType.ESSAY else \
                N_("question '%(question)s' is a description and takes no answer list")
            self.error(items[0][0], template, question=q.id)
        explanation = ""
        if kind is QuestionType.ESSAY:
            lines, quote = trailing_quote(lines)
            explanation = join(quote)
        return replace(q, type=kind, text=join(lines), explanation=explanation)

    def explanation(self, after: Lines, qid: str) -> str:
        quote = []
        for number, text in after:
            if QUOTE.match(text):
                quote.append((number, QUOTE.sub("", text, count=1)))
            elif text.strip():
                self.error(number, N_("question '%(question)s': text after the answer list must be a '>' "
                                      "blockquote (the explanation); move other text above the list"),
                           question=qid)
                break
            elif quote:
                quote.append((number, ""))
        return join(quote)

    # -- items ----------------------------------------------------------------------------
    def item(self, line: int, match: re.Match, cont: list[str]) -> _Item:
        kind = "choice" if match.group("box") else match.group("kind").lower()
        rest = match.group("rest").strip()
        weight = None
        found = _WEIGHT.match(rest)
        if found:
            weight, rest = float(found.group(1)), rest[found.end():]
            if not -100 <= weight <= 100:
                self.error(line, N_("weight %(weight)s is outside -100%%..100%%"), weight=f"{found.group(1)}%")
            elif snap_grade(percent(weight)) is None and not self.translation:
                self.warning(line, N_("weight %(weight)s is not one of Moodle's grades; this quiz cannot be "
                                      "exported to Moodle (GIFT) as it is"), weight=f"{found.group(1)}%")
        text = [rest] if rest else []
        feedback: list[str] = []
        for row in dedent(cont):
            if feedback or QUOTE.match(row):
                feedback.append(QUOTE.sub("", row, count=1))
            else:
                text.append(row)
        return _Item(line, kind, (match.group("box") or " ") in "xX", weight,
                     "\n".join(text).strip(), "\n".join(feedback).strip())

    def choices(self, q: Question, items: list[_Item], classes: set[str]) -> Question:
        ticked = [item.ticked for item in items]
        texts = {item.text.casefold() for item in items}
        weighted = [item.weight is not None for item in items]
        if "multiple" in classes:
            kind = QuestionType.MULTIPLE
        elif "single" in classes:
            kind = QuestionType.SINGLE
        elif len(items) == 2 and texts == {"true", "false"} and sum(ticked) == 1 \
                and not any(weighted):
            kind = QuestionType.TRUEFALSE
        else:
            kind = QuestionType.MULTIPLE if sum(ticked) > 1 else QuestionType.SINGLE
        if kind is QuestionType.MULTIPLE:
            fractions = self.multiple_fractions(q.id, items)
        else:
            fractions = [(percent(item.weight) if item.weight is not None else float(item.ticked))
                         for item in items]
            for item in items:
                if item.ticked and item.weight not in (None, 100) and not self.translation:
                    self.error(item.line, N_("question '%(question)s': the [x] choice of a single-choice "
                                             "question is worth 100%%; remove its weight or make it [ ]"),
                               question=q.id)
        choices = []
        for index, (item, fraction) in enumerate(zip(items, fractions, strict=False)):
            cid = item.text.casefold() if kind is QuestionType.TRUEFALSE else letter_id(index)
            if not item.text:
                self.error(item.line, N_("question '%(question)s': empty choice"), question=q.id)
            choices.append(Choice(cid, item.text, fraction, item.feedback, item.ticked))
        return replace(q, type=kind, choices=tuple(choices))

    def multiple_fractions(self, qid: str, items: list[_Item]) -> list[float]:
        weights = [item.weight for item in items]
        if all(w is None for w in weights):
            ticked = [item.ticked for item in items]
            return default_fractions(ticked) if any(ticked) else [0.0] * len(items)
        if any(w is None for w in weights) and not self.translation:
            self.error(items[0].line, N_("question '%(question)s': give a {n%%} weight on every choice of a "
                                         "multiple-answer question, or on none"), question=qid)
        for item in items:
            w = item.weight or 0.0
            if not self.translation and (w > 0) != item.ticked:
                self.error(item.line, N_("question '%(question)s': in a multiple-answer question a [x] choice "
                                         "needs a positive weight and a [ ] choice zero or negative"),
                           question=qid)
        return [percent(w or 0.0) for w in weights]

    def short(self, q: Question, items: list[_Item], classes: set[str]) -> Question:
        answers = []
        for item in items:
            text = " ".join(item.text.split())
            if not text:
                self.error(item.line, N_("question '%(question)s': empty answer"), question=q.id)
            answers.append(ShortAnswer(text, _fraction(item), item.feedback))
        return replace(q, type=QuestionType.SHORT, answers=tuple(answers))

    def numbers(self, q: Question, items: list[_Item], classes: set[str]) -> Question:
        numeric = []
        for item in items:
            spec = parse_number_spec(item.text)
            if isinstance(spec, Message):
                self.error(item.line, N_("question '%(question)s': %(problem)s"), question=q.id,
                           problem=spec)
                continue
            numeric.append(NumericAnswer(spec[0], spec[1], _fraction(item), item.feedback))
        return replace(q, type=QuestionType.NUMERIC, numeric=tuple(numeric))

    def matching(self, q: Question, items: list[_Item], classes: set[str]) -> Question:
        pairs = []
        for index, item in enumerate(items):
            prompt, arrow, answer = item.text.partition("->")
            if not arrow or not answer.strip():
                self.error(item.line, N_("question '%(question)s': write '- match: prompt -> answer' "
                                         "(or '- match: -> answer' for an extra wrong answer)"),
                           question=q.id)
                continue
            if item.feedback:
                self.warning(item.line, N_("question '%(question)s': matching pairs have no feedback; the "
                                           "blockquote is ignored"), question=q.id)
            pairs.append(MatchPair(letter_id(index), prompt.strip(), " ".join(answer.split())))
        return replace(q, type=QuestionType.MATCHING, pairs=tuple(pairs))


def percent(weight: float) -> float:
    """50 -> 0.5, and 33.33333 -> 0.3333333 exactly (a float division would be off by one
    bit, and the weight would not survive being written and read again)."""
    return float(Decimal(repr(weight)) / 100)


def _fraction(item: _Item) -> float:
    """An answer earns 100% unless weighted; a lone ``*`` (any other answer) earns 0%."""
    if item.weight is not None:
        return percent(item.weight)
    return 0.0 if item.text.strip() == "*" else 1.0


def parse_questions(body: str, first_line: int, path: str, *, translation: bool = False,
                    ) -> tuple[str, list[Question], list[Problem]]:
    """Intro text, questions and problems of a quiz body starting at file line ``first_line``.

    With ``translation`` the marks, weights and grading checks are skipped (a translation
    replaces texts only) and questions keep an id only when the heading gives ``{#id}``.
    """
    parser = _Parser(path, translation)
    intro, questions = parser.parse(body, first_line)
    return intro, questions, parser.problems


def write_quiz_markdown(quiz) -> str:
    """The quiz in this format (see ``quiz_markdown_write``); GIFT -> Markdown uses it."""
    from .quiz_markdown_write import write_quiz_markdown as write  # it imports this module

    return write(quiz)
