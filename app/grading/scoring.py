"""Scoring one attempt: per-question scores in [0, 1], points, percent and pass/fail.

Every graded question is worth one point. Essays and descriptions are shown but never
scored. The percent is truncated (never rounded up) to two decimals after removing
floating-point noise, and ``passed`` compares that same number with the pass mark, so
what the member reads and what the platform decides always agree: 7 of 10 is exactly
70.00 and passes a 70 mark; 69.999 shows as 69.99 and does not.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from app.content.quiz_format_rules import format_number
from app.content.quiz_model import Question, QuestionType, Quiz

from .plan import AttemptPlan
from .responses import (
    Response,
    check_responses,
    normalise_text,
    numeric_matches,
    parse_number,
    short_answer_matches,
)

CORRECT, PARTIAL, WRONG, UNANSWERED, NOT_GRADED = (
    "correct", "partial", "wrong", "unanswered", "not_graded")


@dataclass(frozen=True)
class QuestionResult:
    question_id: str
    graded: bool
    score: float  # 0..1
    max_points: float  # 1 for a graded question, 0 for essays and descriptions
    earned_points: float
    status: str  # correct | partial | wrong | unanswered | not_graded
    response: Response
    response_key: str  # canonical text of the response, for statistics ("" = none)
    feedback: tuple[str, ...]  # Markdown: the chosen choices' / matched answer's feedback
    explanation: str  # Markdown: the question's explanation (general feedback)
    correct_answers: tuple[str, ...]  # Markdown, for display
    correct_choice_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class AttemptResult:
    quiz_id: str
    questions: tuple[QuestionResult, ...]
    max_points: float
    earned_points: float
    percent: float  # 0..100, two decimals, truncated
    passed: bool
    pass_mark: float

    def question(self, question_id: str) -> QuestionResult | None:
        return next((r for r in self.questions if r.question_id == question_id), None)


def grade_attempt(quiz: Quiz, plan: AttemptPlan, responses: Mapping[str, object],
                  ) -> AttemptResult:
    """Grade the planned questions; raises ResponseError (grading nothing) on bad input."""
    canonical = check_responses(quiz, plan, responses)
    results = tuple(grade_question(_question(quiz, qid), canonical[qid]) for qid in canonical)
    max_points = float(sum(r.max_points for r in results))
    earned = sum(r.earned_points for r in results)
    percent = score_percent(earned, max_points)
    return AttemptResult(quiz.id, results, max_points, earned, percent,
                         percent >= quiz.pass_mark, quiz.pass_mark)


def _question(quiz: Quiz, question_id: str) -> Question:
    q = quiz.question(question_id)
    assert q is not None  # check_responses keeps only the quiz's own questions
    return q


def score_percent(earned: float, max_points: float) -> float:
    """Percent with float noise removed (9 decimals), then truncated to 2 decimals.

    A quiz with nothing to score (only essays) counts as 100.
    """
    if max_points <= 0:
        return 100.0
    exact = Decimal(repr(round(earned / max_points * 100, 9)))
    return float(exact.quantize(Decimal("0.01"), rounding=ROUND_FLOOR))


def grade_question(q: Question, response: Response) -> QuestionResult:
    """One question's result for a canonical response (see ``responses``)."""
    explanation = q.explanation_markdown
    correct = _correct_answers(q)
    correct_ids = tuple(c.id for c in q.choices if c.correct)
    if not q.graded:
        return QuestionResult(q.id, False, 0.0, 0.0, 0.0, NOT_GRADED, response,
                              "", (), explanation, correct, correct_ids)
    score, feedback, key = _score(q, response)
    score = _snap(score)
    status = UNANSWERED if response is None else CORRECT if score == 1 else PARTIAL if score > 0 else WRONG
    return QuestionResult(q.id, True, score, 1.0, score, status, response, key,
                          tuple(f for f in feedback if f), explanation, correct, correct_ids)


def _score(q: Question, response: Response) -> tuple[float, list[str], str]:
    """(raw score, feedback texts, response key)."""
    if response is None:
        return 0.0, [], ""
    kind = q.type
    if kind in (QuestionType.SINGLE, QuestionType.TRUEFALSE):
        assert isinstance(response, str)  # check_responses: a choice id of this question
        choice = q.choice(response)
        assert choice is not None
        return choice.fraction, [choice.feedback_markdown], choice.id
    if kind is QuestionType.MULTIPLE:
        chosen = [c for c in q.choices if c.id in response]  # file order, for feedback
        return (sum(c.fraction for c in chosen), [c.feedback_markdown for c in chosen],
                "+".join(sorted(response)))
    if kind is QuestionType.SHORT:
        assert isinstance(response, str)
        key = normalise_text(response)
        # the first matching answer counts, as in Moodle: a final "*" catches the rest
        answer = next((a for a in q.answers if short_answer_matches(a, response)), None)
        if answer is None:
            return 0.0, [], key
        return answer.fraction, [answer.feedback_markdown], key
    if kind is QuestionType.NUMERIC:
        assert isinstance(response, str)
        value = parse_number(response)
        if value is None:
            return 0.0, [], normalise_text(response)
        number = next((n for n in q.numeric if numeric_matches(n, value)), None)
        key = format_number(value)
        if number is None:
            return 0.0, [], key
        return number.fraction, [number.feedback_markdown], key
    # matching: the share of prompts given their right answer
    assert isinstance(response, Mapping)
    prompts = [p for p in q.pairs if not p.is_distractor]
    right = sum(response.get(p.id) == p.answer for p in prompts)
    key = ";".join(f"{pid}={response[pid]}" for pid in sorted(response))
    return right / len(prompts), [], key


def _snap(score: float) -> float:
    """Clamp to [0, 1] and drop float noise (three thirds are exactly one)."""
    score = min(1.0, max(0.0, score))
    for edge in (0.0, 1.0):
        if abs(score - edge) < 1e-9:
            return edge
    return score


def _correct_answers(q: Question) -> tuple[str, ...]:
    kind = q.type
    if kind in (QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.TRUEFALSE):
        return tuple(c.text_markdown for c in q.choices if c.correct)
    if kind is QuestionType.SHORT:
        best = max((a.fraction for a in q.answers), default=0)
        return tuple(a.text for a in q.answers if a.fraction == best and best > 0)
    if kind is QuestionType.NUMERIC:
        best = max((n.fraction for n in q.numeric), default=0)
        return tuple(n.label for n in q.numeric if n.fraction == best and best > 0)
    if kind is QuestionType.MATCHING:
        return tuple(f"{p.prompt_markdown} → {p.answer}" for p in q.pairs if not p.is_distractor)
    return ()
