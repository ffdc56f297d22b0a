"""Quizzes as frozen data: Quiz -> Question -> Choice / ShortAnswer / NumericAnswer / MatchPair.

Texts stay in their source form (Markdown for our own files; for GIFT, whatever format the
question declares). The ``*_markdown`` properties turn any of them into Markdown source for
the one renderer, so the web layer never needs to know where a question came from.

A fraction is the share of a question's mark that an answer earns (1 = full marks,
-0.5 = loses half); grading clamps each question's score to [0, 1].
"""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from types import MappingProxyType

from .problems import Problem
from .quiz_text import (  # noqa: F401 - re-exported: the text formats belong to the model
    BLANK,
    HTML,
    MARKDOWN,
    MOODLE,
    PLAIN,
    TEXT_FORMATS,
    as_markdown,
    to_markdown,
)


class QuestionType(str, Enum):
    SINGLE = "single"  # radio buttons, one right choice (others may earn partial credit)
    MULTIPLE = "multiple"  # check boxes, weighted choices
    TRUEFALSE = "truefalse"  # choices "true" and "false"
    SHORT = "short"  # typed text against accepted answers
    NUMERIC = "numeric"  # typed number against value +- tolerance
    MATCHING = "matching"  # each prompt gets one answer from a drop-down
    ESSAY = "essay"  # free text, shown to trainers, never scored
    DESCRIPTION = "description"  # text only, no answer


class ShowAnswers(str, Enum):
    """When the result page may show correct answers, feedback and explanations."""

    NEVER = "never"
    AFTER_ATTEMPT = "after_attempt"
    AFTER_PASS = "after_pass"
    AFTER_LAST_ATTEMPT = "after_last_attempt"


# Quiz settings a file may set (Markdown front matter, or a GIFT file's leading comments).
SETTING_KEYS = ("title", "pass_mark", "max_attempts", "shuffle_questions", "shuffle_choices",
                "show_answers", "pool", "language")


@dataclass(frozen=True)
class Choice:
    """One option of a single/multiple/true-false question; ``id`` is stable (a, b, c...)."""

    id: str
    text: str
    fraction: float
    feedback: str = ""
    correct: bool = False  # shown as a right answer (a [x] in Markdown, "=" in GIFT)
    text_format: str = MARKDOWN
    feedback_format: str = MARKDOWN

    @property
    def text_markdown(self) -> str:
        return as_markdown(self.text, self.text_format)

    @property
    def feedback_markdown(self) -> str:
        return as_markdown(self.feedback, self.feedback_format)


@dataclass(frozen=True)
class ShortAnswer:
    """An accepted typed answer; ``*`` matches any run of characters."""

    text: str
    fraction: float = 1.0
    feedback: str = ""
    feedback_format: str = MARKDOWN

    @property
    def feedback_markdown(self) -> str:
        return as_markdown(self.feedback, self.feedback_format)


@dataclass(frozen=True)
class NumericAnswer:
    """Accepts |x - value| <= tolerance; ``value`` None accepts any number (GIFT ``*``)."""

    value: float | None
    tolerance: float = 0.0
    fraction: float = 1.0
    feedback: str = ""
    feedback_format: str = MARKDOWN

    @property
    def feedback_markdown(self) -> str:
        return as_markdown(self.feedback, self.feedback_format)

    @property
    def label(self) -> str:
        """For display: ``42``, ``42 ± 0.5`` or ``*``, binary noise rounded away."""
        if self.value is None:
            return "*"
        value = f"{self.value:.12g}"
        return f"{value} ± {self.tolerance:.12g}" if self.tolerance else value


@dataclass(frozen=True)
class MatchPair:
    """A prompt and its answer; an empty prompt makes the answer an extra wrong option."""

    id: str
    prompt: str
    answer: str  # plain text: it is shown in a drop-down
    prompt_format: str = MARKDOWN

    @property
    def is_distractor(self) -> bool:
        return not self.prompt

    @property
    def prompt_markdown(self) -> str:
        return as_markdown(self.prompt, self.prompt_format)


@dataclass(frozen=True)
class Question:
    id: str
    type: QuestionType
    title: str
    text: str
    text_format: str = MARKDOWN
    choices: tuple[Choice, ...] = ()
    answers: tuple[ShortAnswer, ...] = ()
    numeric: tuple[NumericAnswer, ...] = ()
    pairs: tuple[MatchPair, ...] = ()
    explanation: str = ""  # general feedback, shown after grading when the policy allows
    explanation_format: str = MARKDOWN
    category: str = ""  # GIFT $CATEGORY in force for this question
    tags: tuple[str, ...] = ()  # GIFT [tag:...] comments
    line: int = 0  # where the question starts in its file

    @property
    def graded(self) -> bool:
        """Essays and descriptions never count towards the score."""
        return self.type not in (QuestionType.ESSAY, QuestionType.DESCRIPTION)

    @property
    def text_markdown(self) -> str:
        return as_markdown(self.text, self.text_format)

    @property
    def explanation_markdown(self) -> str:
        return as_markdown(self.explanation, self.explanation_format)

    def choice(self, choice_id: str) -> Choice | None:
        return next((c for c in self.choices if c.id == choice_id), None)

    def pair(self, pair_id: str) -> MatchPair | None:
        return next((p for p in self.pairs if p.id == pair_id), None)

    @property
    def match_options(self) -> tuple[str, ...]:
        """The distinct answers of a matching question, in file order."""
        return tuple(dict.fromkeys(p.answer for p in self.pairs))


@dataclass(frozen=True)
class QuizText:
    """A translation: the same questions (same ids, same counts) with texts replaced."""

    language: str
    title: str
    intro: str
    questions: tuple[Question, ...]
    path: str


_EMPTY: Mapping[str, QuizText] = MappingProxyType({})


@dataclass(frozen=True)
class Quiz:
    """One quiz file. A quiz with any error in ``problems`` is broken: hidden from learners."""

    id: str
    title: str
    questions: tuple[Question, ...] = ()
    intro: str = ""
    pass_mark: float = 70
    max_attempts: int = 0  # 0 = unlimited
    shuffle_questions: bool = False
    shuffle_choices: bool = False
    show_answers: ShowAnswers = ShowAnswers.AFTER_ATTEMPT
    pool: int | None = None  # draw this many questions per attempt (descriptions excluded)
    language: str = ""  # "" = the site's default language
    path: str = ""  # display path, e.g. "quizzes/setup.md"
    source_format: str = "markdown"  # or "gift"
    problems: tuple[Problem, ...] = ()
    translations: Mapping[str, QuizText] = field(default_factory=lambda: _EMPTY)
    content_hash: str = ""  # sha256 of the source file; attempts record it to spot edits

    @property
    def is_broken(self) -> bool:
        """An error in the quiz file itself; a broken translation is only left out."""
        return any(p.is_error and p.path == self.path for p in self.problems)

    @property
    def graded_questions(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.graded)

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def text_for(self, language: str | None) -> Quiz:
        """This quiz with its texts in ``language`` when translated, else unchanged.

        Ids, fractions, numbers and settings always come from the source, so a plan drawn
        on one language grades the same in another. Matching and short answers are texts,
        so grade with the same language the member saw.
        """
        text = self.translations.get(language or "")
        if text is None:
            return self
        by_id = {q.id: q for q in text.questions}
        questions = tuple(_translate(q, by_id[q.id]) if q.id in by_id else q
                          for q in self.questions)
        return dataclasses.replace(self, title=text.title or self.title, intro=text.intro,
                                   questions=questions, language=language or self.language)


def _translate(source: Question, text: Question) -> Question:
    """Source question with the texts of ``text`` (same shape, checked at load time)."""
    rep = dataclasses.replace
    return rep(
        source, title=text.title, text=text.text, text_format=text.text_format,
        explanation=text.explanation or source.explanation,
        explanation_format=text.explanation_format if text.explanation
        else source.explanation_format,
        choices=tuple(rep(c, text=t.text, feedback=t.feedback, text_format=t.text_format,
                          feedback_format=t.feedback_format)
                      for c, t in zip(source.choices, text.choices, strict=False)),
        answers=tuple(rep(a, text=t.text, feedback=t.feedback, feedback_format=t.feedback_format)
                      for a, t in zip(source.answers, text.answers, strict=False)),
        numeric=tuple(rep(n, feedback=t.feedback, feedback_format=t.feedback_format)
                      for n, t in zip(source.numeric, text.numeric, strict=False)),
        pairs=tuple(rep(p, prompt=t.prompt, answer=t.answer, prompt_format=t.prompt_format)
                    for p, t in zip(source.pairs, text.pairs, strict=False)),
    )
