"""Quiz and question statistics for trainers, from stored attempts (pure arithmetic).

Per question: how many attempts saw it, the share that got it fully right, the wrong
answer chosen most often, and a discrimination index: rank the attempts that saw the
question by their total percent, take the top third and the bottom third (n // 3 each,
ties kept in the given order) and subtract the bottom group's mean score on the question
from the top group's. Near +1: strong members get it right and weak ones do not (good);
0 or below: it does not separate them, or misleads the strong (look at it).

Verdicts (only when at least ``min_attempts`` attempts answered the question; the web page
passes the QUIZ_STATS_MIN_ANSWERS setting): ``too_easy`` (over 90% right),
``too_hard`` (under 30% right), ``misleading`` (discrimination <= 0, or a wrong answer
chosen more often than the right one).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

from app.content.quiz_model import Quiz

TOO_EASY, TOO_HARD, MISLEADING = "too_easy", "too_hard", "misleading"


@dataclass(frozen=True)
class AttemptRecord:
    """One graded attempt as stored: who, the percent, and per question (score, key)."""

    member_id: Hashable
    percent: float
    answers: Mapping[str, tuple[float, str]]  # question id -> (score 0..1, response key)


@dataclass(frozen=True)
class QuestionStats:
    question_id: str
    attempts: int
    share_correct: float  # 0..1, full marks only
    mean_score: float  # 0..1
    right_count: int
    top_wrong: str | None  # response key of the most chosen wrong answer
    top_wrong_count: int
    discrimination: float | None  # None with fewer than 3 attempts
    verdicts: tuple[str, ...]


@dataclass(frozen=True)
class QuizStats:
    quiz_id: str
    attempts: int
    members: int
    pass_rate: float  # share of attempts that passed, 0..1
    member_pass_rate: float  # share of members with at least one pass, 0..1
    mean_percent: float
    questions: tuple[QuestionStats, ...]


def quiz_statistics(quiz: Quiz, attempts: Sequence[AttemptRecord], min_attempts: int = 5,
                    ) -> QuizStats:
    """Statistics of ``quiz`` over ``attempts`` (pass means percent >= the pass mark)."""
    passed = [a.percent >= quiz.pass_mark for a in attempts]
    members = {a.member_id for a in attempts}
    members_passed = {a.member_id for a, ok in zip(attempts, passed, strict=True) if ok}
    questions = tuple(
        question_statistics(q.id, attempts, min_attempts) for q in quiz.graded_questions)
    return QuizStats(
        quiz.id, len(attempts), len(members), _share(sum(passed), len(attempts)),
        _share(len(members_passed), len(members)),
        _mean([a.percent for a in attempts]), questions)


def question_statistics(question_id: str, attempts: Sequence[AttemptRecord],
                        min_attempts: int = 5) -> QuestionStats:
    seen = [a for a in attempts if question_id in a.answers]
    scores = [a.answers[question_id][0] for a in seen]
    right = sum(score >= 1 - 1e-9 for score in scores)
    wrong_keys = Counter(key for a in seen for score, key in [a.answers[question_id]]
                         if score < 1 - 1e-9 and key)
    top_wrong, top_count = min(wrong_keys.items(), key=lambda kv: (-kv[1], kv[0]),
                               default=(None, 0))
    discrimination = _discrimination(question_id, seen)
    share = _share(right, len(seen))
    verdicts: list[str] = []
    if len(seen) >= min_attempts:
        if share > 0.9:
            verdicts.append(TOO_EASY)
        if share < 0.3:
            verdicts.append(TOO_HARD)
        if (discrimination is not None and discrimination <= 0) or top_count > right:
            verdicts.append(MISLEADING)
    return QuestionStats(question_id, len(seen), share, _mean(scores), right, top_wrong,
                         top_count, discrimination, tuple(verdicts))


def _discrimination(question_id: str, seen: Sequence[AttemptRecord]) -> float | None:
    group = len(seen) // 3
    if group == 0:
        return None
    ranked = sorted(seen, key=lambda a: -a.percent)  # stable: ties keep the given order
    top = [a.answers[question_id][0] for a in ranked[:group]]
    bottom = [a.answers[question_id][0] for a in ranked[-group:]]
    return round(_mean(top) - _mean(bottom), 9)


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def describe_response(quiz: Quiz, question_id: str, key: str) -> str:
    """A response key in words, for reports: choice texts instead of ids, and for a matching
    question each pair as "prompt → answer" instead of ``pairid=answer;...``."""
    question = quiz.question(question_id)
    if question is not None and question.pairs:
        return "; ".join(f"{prompt} → {answer}" for prompt, answer in _matched_pairs(question, key))
    if question is None or not question.choices:
        return key
    texts = [choice.text if (choice := question.choice(cid)) else cid
             for cid in key.split("+")]
    return " + ".join(texts)


def _matched_pairs(question, key: str) -> list[tuple[str, str]]:
    """The (prompt, answer) pairs of a matching key ``id=answer;id=answer`` (ids sorted).

    An answer may itself hold ";" or "=": a part starts a new pair only when what precedes
    its "=" is one of the question's pair ids, else it belongs to the answer before it.
    """
    prompts = {pair.id: pair.prompt for pair in question.pairs if pair.prompt}
    pairs: list[list[str]] = []
    for part in key.split(";"):
        pair_id, sign, answer = part.partition("=")
        if sign and pair_id in prompts:
            pairs.append([prompts[pair_id], answer])
        elif pairs:
            pairs[-1][1] += ";" + part
        else:
            pairs.append(["?", part])
    return [(prompt, answer) for prompt, answer in pairs]
