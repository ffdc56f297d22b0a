"""Grading core: pure functions over a Quiz, no I/O and no Flask.

    plan = draw_attempt(quiz, random.SystemRandom())  # store plan.to_json() with the attempt
    choice_id = plan.choice_for(question_id, posted_value)  # None: not on this paper
    result = grade_attempt(quiz, plan, responses)    # ResponseError if responses don't fit
    shown = redact(result, visible_feedback(quiz, attempt_number, passed_any))
"""
from .plan import AttemptPlan, draw_attempt, keyed_for, option_ids
from .policy import FeedbackVisibility, redact, visible_feedback
from .responses import (
    Response,
    ResponseError,
    normalise_text,
    numeric_matches,
    parse_number,
    short_answer_matches,
)
from .scoring import (
    CORRECT,
    NOT_GRADED,
    PARTIAL,
    UNANSWERED,
    WRONG,
    AttemptResult,
    QuestionResult,
    grade_attempt,
    grade_question,
    score_percent,
)
from .statistics import (
    AttemptRecord,
    QuestionStats,
    QuizStats,
    describe_response,
    question_statistics,
    quiz_statistics,
)

__all__ = [
    "CORRECT",
    "NOT_GRADED",
    "PARTIAL",
    "UNANSWERED",
    "WRONG",
    "AttemptPlan",
    "AttemptRecord",
    "AttemptResult",
    "FeedbackVisibility",
    "QuestionResult",
    "QuestionStats",
    "QuizStats",
    "Response",
    "ResponseError",
    "describe_response",
    "draw_attempt",
    "grade_attempt",
    "grade_question",
    "keyed_for",
    "normalise_text",
    "numeric_matches",
    "option_ids",
    "parse_number",
    "question_statistics",
    "quiz_statistics",
    "redact",
    "score_percent",
    "short_answer_matches",
    "visible_feedback",
]
