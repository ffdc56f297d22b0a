"""Read GIFT text the way Moodle 4.5's ``qformat_gift`` does, into our Question model.

``split_blocks`` is ``readquestions`` (trimmed lines, a blank line or a lone ``0`` ends a
block) and ``GiftReader.read`` is ``readquestion``, step for step, so that every file of
the shared corpus gives what Moodle gives. Where Moodle silently stores nonsense (``{#1,5}``
accepts any answer; a grade it would later reject) we refuse the question with a
``path:line`` error that names it instead.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from .gift_text import (
    clean_name,
    comment,
    default_name,
    escape_post,
    escape_pre,
    idnumber_and_tags,
    number_spec,
    php_trim,
    snap_grade,
    split_weight,
    text_with_format,
)
from .problems import N_, Message, Problem, error, warning
from .quiz_format_rules import default_fractions, question_defects
from .quiz_markdown_syntax import letter_id
from .quiz_model import Choice, MatchPair, NumericAnswer, Question, QuestionType, ShortAnswer


@dataclass
class Block:
    """The trimmed lines of one blank-line-separated block and their file line numbers."""

    lines: list[str] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)


def split_blocks(text: str, path: str) -> tuple[list[Block], list[Problem]]:
    """``readquestions``: trim every line; a blank line ends a question.

    PHP's ``empty("0")`` is true, so Moodle also ends a question at a line holding just
    ``0`` and drops that line. We do the same, with a warning, because it is surprising.
    """
    blocks, current, problems = [], Block(), []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = php_trim(raw)
        if line in ("", "0"):
            if line == "0":
                problems.append(warning(path, number, N_(
                    "a line holding just '0' ends the question here, as a blank line would (Moodle "
                    "does the same); write it as \\0 or join it to a line")))
            if current.lines:
                blocks.append(current)
                current = Block()
            continue
        current.lines.append(line)
        current.numbers.append(number)
    if current.lines:
        blocks.append(current)
    return blocks, problems


class GiftReader:
    """Turns blocks into questions and categories, collecting problems for one file."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.category = ""
        self.categories: list[str] = []  # every $CATEGORY, in file order

    def refuse(self, line: int, name: str, problem: Message) -> None:
        self.problems.append(error(self.path, line, N_("question '%(question)s': %(problem)s"),
                                   question=name, problem=problem))

    def read(self, block: Block) -> Question | None:
        """One block -> a Question, or None (comment-only block, category, refused)."""
        comments = "\n".join(row for row in block.lines if row.startswith("//")) + "\n"
        # comment lines become blank ones, as Moodle does, then the block is trimmed
        text = php_trim("\n".join(" " if row.startswith("//") else row for row in block.lines))
        if not text:
            return None
        line = next(n for n, row in zip(block.numbers, block.lines, strict=False) if not row.startswith("//"))
        text = escape_pre(text)
        if text.startswith("$CATEGORY:"):
            self.category = escape_post(php_trim(text[10:]))
            self.categories.append(self.category)
            if "\n" in self.category:
                self.problems.append(error(self.path, line, N_(
                    "$CATEGORY must be alone in its block: put a blank line after it (Moodle reads "
                    "the next lines as part of the category name and loses the question)")))
            return None
        name = None
        if text.startswith("::"):
            text = text[2:]
            finish = text.find("::")
            if finish != -1:
                name = clean_name(escape_post(text[:finish]))
                text = php_trim(text[finish + 2:])
        start, finish = text.find("{"), text.find("}")
        label = name or php_trim(escape_post(text))[:40]
        if (start == -1) != (finish == -1) or finish < start:
            self.refuse(line, label, Message.of(N_(
                "could not find {...} around the answers (Moodle: braceerror); a question may not "
                "contain a blank line")))
            return None
        description = start == -1
        answer_text = "" if description else php_trim(text[start + 1:finish])
        if description:
            question_text = text
        elif text.endswith("}"):
            question_text = text[:start] + text[finish + 1:]
        else:  # something follows the answers: a "missing word" gap
            question_text = text[:start] + "_____" + text[finish + 1:]
        general = ""
        gf = answer_text.rfind("####")
        if gf != -1:
            general, answer_text = answer_text[gf + 4:], php_trim(answer_text[:gf])
        qtext, qformat = text_with_format(question_text)
        explanation, eformat = text_with_format(general, qformat)
        if name is None:
            name = default_name(qtext)
        if not description and ("{" in question_text or "}" in question_text):
            self.problems.append(warning(self.path, line, N_(
                "question '%(question)s': only the first {...} holds the answers; write \\{ and \\} "
                "for braces in the text"), question=name))
        idnumber, tags = idnumber_and_tags(comments)
        q = Question(idnumber, QuestionType.DESCRIPTION, name, qtext, qformat,
                     explanation=explanation, explanation_format=eformat,
                     category=self.category, tags=tuple(tags), line=line)
        if description:
            return q
        if answer_text == "":
            return replace(q, type=QuestionType.ESSAY)
        parsed: Question | None
        if answer_text[0] == "#":
            parsed = self.numerical(q, answer_text[1:])
        elif "~" in answer_text:
            parsed = self.multichoice(q, answer_text)
        elif "=" in answer_text and "->" in answer_text:
            parsed = self.matching(q, answer_text)
        elif php_trim(answer_text.split("#", 1)[0]) in ("T", "TRUE", "F", "FALSE"):
            parsed = self.truefalse(q, answer_text)
        else:
            parsed = self.shortanswer(q, answer_text)
        if parsed is not None:
            for defect in question_defects(parsed):
                self.refuse(line, name, defect)
        return parsed

    def parts(self, answer_text: str, separator: str) -> list[str]:
        parts = answer_text.split(separator)
        parts[0] = php_trim(parts[0])
        if parts[0] in ("", "0"):  # PHP empty()
            parts.pop(0)
        return [php_trim(p) for p in parts]

    def weight(self, q: Question, answer: str, default: float) -> tuple[float | None, str]:
        value, rest, problem = split_weight(answer)
        if problem:
            self.refuse(q.line, q.title, problem)
            return None, rest
        if value is None:
            return default, answer
        grade = snap_grade(value)
        if grade is None:
            self.refuse(q.line, q.title, Message.of(N_(
                "weight %(weight)s is not a grade Moodle accepts (invalid grade); use 100, 90, "
                "83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, "
                "14.28571, 12.5, 11.11111, 10, 5 or 0, or their negatives"),
                weight=answer[:answer.index("%", 1) + 1]))
        return grade, rest

    def multichoice(self, q: Question, answer_text: str) -> Question | None:
        single = "=" in answer_text
        answers = self.parts(answer_text.replace("=", "~="), "~")
        if len(answers) < 2:
            self.too_few(q)
            return None
        choices: list[Choice] = []
        for answer in answers:
            fraction: float | None
            if answer.startswith("="):
                fraction, answer = 1.0, answer[1:]
            else:
                fraction, answer = self.weight(q, answer, 0.0)
            if fraction is None:
                return None
            (text, tfmt), (fb, ffmt) = comment(answer, q.text_format)
            if not text:  # Moodle skips answers with empty text when saving
                self.problems.append(warning(self.path, q.line, N_(
                    "question '%(question)s': an empty answer is left out"), question=q.title))
                continue
            correct = fraction >= 1 if single else fraction > 0
            choices.append(Choice(letter_id(len(choices)), text, fraction, fb, correct,
                                  tfmt, ffmt))
        if not single:
            defaults = default_fractions([c.correct for c in choices])
            if all(abs(c.fraction - d) < 1e-5 for c, d in zip(choices, defaults, strict=True)):
                # 33.33333% written for 1/3: keep the exact rule so Markdown round trips
                choices = [replace(c, fraction=d) for c, d in zip(choices, defaults, strict=True)]
        kind = QuestionType.SINGLE if single else QuestionType.MULTIPLE
        return replace(q, type=kind, choices=tuple(choices))

    def matching(self, q: Question, answer_text: str) -> Question | None:
        answers = self.parts(answer_text, "=")
        if len(answers) < 2:
            self.too_few(q)
            return None
        pairs: list[MatchPair] = []
        for answer in answers:
            if "->" not in answer:
                self.refuse(q.line, q.title, Message.of(N_(
                    "matching answer '%(answer)s' has no '->' (write =prompt -> answer)"),
                    answer=escape_post(answer)))
                return None
            marker = answer.index("->")
            prompt, pformat = text_with_format(answer[:marker], q.text_format)
            pairs.append(MatchPair(letter_id(len(pairs)), prompt,
                                   php_trim(escape_post(answer[marker + 2:])), pformat))
        return replace(q, type=QuestionType.MATCHING, pairs=tuple(pairs))

    def truefalse(self, q: Question, answer_text: str) -> Question:
        bits = answer_text.split("#", 2) + ["", ""]
        answer, _ = text_with_format(php_trim(bits[0]), q.text_format)
        wrong = text_with_format(php_trim(bits[1]), q.text_format)
        right = text_with_format(php_trim(bits[2]), q.text_format)
        is_true = answer in ("T", "TRUE")
        on_true, on_false = (right, wrong) if is_true else (wrong, right)
        fmt = q.text_format
        choices = (Choice("true", "True", float(is_true), on_true[0], is_true, fmt, on_true[1]),
                   Choice("false", "False", float(not is_true), on_false[0], not is_true, fmt,
                          on_false[1]))
        return replace(q, type=QuestionType.TRUEFALSE, choices=choices)

    def shortanswer(self, q: Question, answer_text: str) -> Question | None:
        answers = []
        for answer in self.parts(answer_text, "="):
            fraction, answer = self.weight(q, answer, 1.0)
            if fraction is None:
                return None
            (text, _), (fb, ffmt) = comment(answer, q.text_format)
            if text:  # Moodle skips empty answers when saving
                answers.append(ShortAnswer(text, fraction, fb, ffmt))
        if not answers:
            self.too_few(q)
            return None
        return replace(q, type=QuestionType.SHORT, answers=tuple(answers))

    def numerical(self, q: Question, answer_text: str) -> Question | None:
        wrong = ""
        if "~" in answer_text:
            cut = answer_text.index("~")
            answer_text, wrong = answer_text[:cut], answer_text[cut:]
        answers = self.parts(answer_text, "=")
        if not answers:
            self.refuse(q.line, q.title, Message.of(N_("no answers found for numerical question")))
            return None
        numeric = []
        for answer in answers:
            fraction, answer = self.weight(q, answer, 1.0)
            if fraction is None:
                return None
            (text, _), (fb, ffmt) = comment(answer, q.text_format)
            value = number_spec(text)
            if value is None:
                self.refuse(q.line, q.title, Message.of(N_(
                    "'%(text)s' is not a number, value:tolerance or min..max (Moodle would accept "
                    "ANY answer here)"), text=text))
                return None
            numeric.append(NumericAnswer(value[0], value[1], fraction, fb, ffmt))
        if wrong and wrong != "0":  # PHP: if ($wrongfeedback)
            _, (fb, ffmt) = comment(wrong, q.text_format)
            numeric.append(NumericAnswer(None, 0.0, 0.0, fb, ffmt))
        return replace(q, type=QuestionType.NUMERIC, numeric=tuple(numeric))

    def too_few(self, q: Question) -> None:
        self.refuse(q.line, q.title, Message.of(N_("not enough answers for this question type")))
