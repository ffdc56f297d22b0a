"""What the quiz pages show, with the trainer's Markdown already turned into page HTML.

The paper and the result page print these values as they are; the HTML comes from
:mod:`app.content_html` (the renderer's sanitized output), everything else is escaped.
"""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..content.quiz_model import MatchPair, Question, Quiz
from ..content_html import inline_html, inline_list, markdown_html
from ..grading import AttemptPlan, AttemptResult, QuestionResult
from .answered import answer_in_words


def _block(text: str) -> Markup | None:
    return markdown_html(text) if text else None


@dataclass(frozen=True)
class PaperQuestion:
    """One question on the paper: its text, its choices as (form value, text), its prompts."""

    question: Question
    text: Markup | None  # None: the page shows the question's title instead
    choices: tuple[tuple[str, Markup], ...]
    prompts: tuple[tuple[MatchPair, Markup], ...]  # matching questions, distractors left out


def paper_questions(quiz: Quiz, plan: AttemptPlan) -> list[PaperQuestion]:
    """The questions of ``plan`` in its order, as the paper shows them."""
    shown = []
    for question_id in plan.question_ids:
        q = quiz.question(question_id)
        if q is None:
            continue
        choices = tuple((value, inline_html(choice.text_markdown))
                        for value, cid in plan.displayed_choices(q.id) if (choice := q.choice(cid)))
        prompts = tuple((pair, inline_html(pair.prompt_markdown)) for pair in q.pairs if not pair.is_distractor)
        shown.append(PaperQuestion(q, _block(q.text_markdown), choices, prompts))
    return shown


@dataclass(frozen=True)
class GivenPart:
    """A piece of her answer: a choice or prompt as HTML (``markdown``), or the text she typed."""

    text: Markup | str
    markdown: bool


@dataclass(frozen=True)
class AnsweredQuestion:
    """One question on the result page, with what the quiz's policy lets her see."""

    result: QuestionResult
    question: Question
    text: Markup | None
    feedback: tuple[Markup, ...]
    given: tuple[GivenPart, ...]
    correct_answers: tuple[Markup, ...]
    explanation: Markup | None


def answered_questions(quiz: Quiz, detail: AttemptResult) -> list[AnsweredQuestion]:
    """Each graded (and already redacted) question of ``detail``, as the result page shows it."""
    shown = []
    for r in detail.questions:
        q = quiz.question(r.question_id)
        assert q is not None  # a result holds only the quiz's own questions
        given = tuple(GivenPart(inline_html(part.text) if part.markdown else part.text, part.markdown)
                      for part in answer_in_words(q, r.response))
        shown.append(AnsweredQuestion(
            r, q, _block(q.text_markdown), tuple(markdown_html(text) for text in r.feedback), given,
            tuple(inline_list(r.correct_answers)), _block(r.explanation)))
    return shown
