"""What a result page may show, following the quiz's ``show_answers`` setting.

The score and pass/fail are always shown. Everything else (which questions were right,
the feedback of the chosen answers, the explanations and the correct answers) is one
block behind the policy, because any part of it can give the answers away: knowing that
"True" was wrong tells you the answer. ``redact`` blanks what may not be shown, so a
template cannot leak it by accident.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from app.content.quiz_model import Quiz, ShowAnswers

from .scoring import AttemptResult


@dataclass(frozen=True)
class FeedbackVisibility:
    score: bool = True
    marks: bool = False  # right / partly / wrong per question
    feedback: bool = False  # chosen answers' feedback and the explanations
    correct_answers: bool = False

    @property
    def details(self) -> bool:
        return self.marks or self.feedback or self.correct_answers


def visible_feedback(quiz: Quiz, attempt_number: int, passed_any: bool) -> FeedbackVisibility:
    """Visibility for the result of attempt ``attempt_number`` (1-based).

    ``passed_any``: this attempt or an earlier one passed. ``never``: score only.
    ``after_attempt``: everything, after each attempt. ``after_pass``: everything once the
    member has passed. ``after_last_attempt``: everything once no attempt is left (never
    while attempts are unlimited).
    """
    policy = quiz.show_answers
    if policy is ShowAnswers.AFTER_ATTEMPT:
        show = True
    elif policy is ShowAnswers.AFTER_PASS:
        show = passed_any
    elif policy is ShowAnswers.AFTER_LAST_ATTEMPT:
        show = quiz.max_attempts > 0 and attempt_number >= quiz.max_attempts
    else:
        show = False
    return FeedbackVisibility(True, show, show, show)


def redact(result: AttemptResult, visibility: FeedbackVisibility) -> AttemptResult:
    """``result`` with what ``visibility`` hides removed (statuses become "hidden")."""
    questions = []
    for r in result.questions:
        if not visibility.marks:
            r = replace(r, status="hidden", score=0.0, earned_points=0.0)
        if not visibility.feedback:
            r = replace(r, feedback=(), explanation="")
        if not visibility.correct_answers:
            r = replace(r, correct_answers=(), correct_choice_ids=())
        questions.append(r)
    return replace(result, questions=tuple(questions))
