"""Quiz attempts in the database: open one, submit it exactly once, read the history.

The attempt limit holds under races because attempt numbers are unique per member and
quiz and never exceed the limit; a submission is one conditional UPDATE, so a double POST
(double tap, browser retry) stores one result and both requests see it.
"""
from __future__ import annotations

import json
import random
import secrets
from datetime import UTC, datetime
from typing import cast

from sqlalchemy import CursorResult, bindparam, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..content.quiz_model import Quiz
from ..db import begin_write
from ..grading import AttemptPlan, AttemptResult, draw_attempt, keyed_for
from ..models import QuizAttempt


class AttemptsUsedUp(Exception):
    """No attempt is left for this member on this quiz."""


_ATTEMPT_BY_TOKEN = select(QuizAttempt).where(
    QuizAttempt.member_id == bindparam("member"), QuizAttempt.quiz_id == bindparam("quiz"),
    QuizAttempt.token == bindparam("token"))


def find_attempt(session: Session, member_id: int, quiz_id: str, token: str) -> QuizAttempt | None:
    """Her attempt with ``token`` on this quiz (someone else's token finds nothing)."""
    return session.scalars(_ATTEMPT_BY_TOKEN, {"member": member_id, "quiz": quiz_id, "token": token}).first()

_OPEN_ATTEMPT = select(QuizAttempt).where(
    QuizAttempt.member_id == bindparam("member"), QuizAttempt.quiz_id == bindparam("quiz"),
    QuizAttempt.submitted_at.is_(None))


def open_attempt_of(session: Session, member_id: int, quiz_id: str) -> QuizAttempt | None:
    """Her attempt on this quiz that is open (not yet submitted), if any."""
    return session.scalars(_OPEN_ATTEMPT, {"member": member_id, "quiz": quiz_id}).first()


def history(session: Session, member_id: int, quiz_id: str) -> list[QuizAttempt]:
    return list(session.scalars(
        select(QuizAttempt).where(QuizAttempt.member_id == member_id, QuizAttempt.quiz_id == quiz_id)
        .order_by(QuizAttempt.number)))


def open_attempt(session: Session, member_id: int, quiz: Quiz) -> QuizAttempt:
    """Her unsubmitted attempt, or a new one; raises AttemptsUsedUp at the limit.

    The caller has started a write transaction; this commits the new attempt.
    """
    for _ in range(3):
        attempts = history(session, member_id, quiz.id)
        current = next((a for a in attempts if a.submitted_at is None), None)
        if current is not None:
            return current
        number = max((a.number for a in attempts), default=0) + 1
        if quiz.max_attempts and number > quiz.max_attempts:
            raise AttemptsUsedUp()
        # The operating system's generator: the plan holds the choice values, which must
        # not be predictable from anything the page shows (a seeded generator could be).
        plan = draw_attempt(quiz, random.SystemRandom())
        attempt = QuizAttempt(member_id=member_id, quiz_id=quiz.id, number=number,
                              token=secrets.token_urlsafe(24), plan_json=plan.to_json(),
                              content_hash=quiz.content_hash or None)
        session.add(attempt)
        try:
            session.commit()
            return attempt
        except IntegrityError:  # another request opened attempt `number` first
            session.rollback()
    raise RuntimeError("could not open a quiz attempt after three tries")


def plan_of(attempt: QuizAttempt) -> AttemptPlan:
    return AttemptPlan.from_json(attempt.plan_json)


_REPLACE_PLAN = (
    update(QuizAttempt)
    .where(QuizAttempt.id == bindparam("attempt"), QuizAttempt.submitted_at.is_(None),
           QuizAttempt.plan_json == bindparam("old"))
    .values(plan_json=bindparam("new"))
    .execution_options(synchronize_session=False)
)


def keyed_plan(session: Session, attempt: QuizAttempt, quiz: Quiz) -> AttemptPlan:
    """The open attempt's plan, given random choice values first if it lacks any.

    An attempt opened before choices had random values (or whose quiz gained choices
    since) would otherwise show choice ids. Only then does this write (and commit); of
    two requests doing it at once, one stores its values and the other shows those.
    """
    old = attempt.plan_json
    plan = AttemptPlan.from_json(old)
    keyed = keyed_for(quiz, plan, random.SystemRandom())
    if keyed is plan:
        return plan
    attempt_id = attempt.id
    begin_write(session)
    stored = cast(CursorResult, session.execute(_REPLACE_PLAN,
                                                {"attempt": attempt_id, "old": old, "new": keyed.to_json()}))
    session.commit()
    if stored.rowcount == 1:
        return keyed
    session.refresh(attempt)
    return plan_of(attempt)


#: Stores a result only while the attempt is open: of two racing POSTs, one stores.
_SUBMIT = (
    update(QuizAttempt)
    .where(QuizAttempt.id == bindparam("attempt"), QuizAttempt.submitted_at.is_(None))
    .values(submitted_at=bindparam("at"), percent=bindparam("percent"), passed=bindparam("passed"),
            responses_json=bindparam("responses"), result_json=bindparam("result"))
    .execution_options(synchronize_session=False)  # callers read the stored attempt afresh
)


def submit(session: Session, attempt_id: int, responses: dict, language: str,
           result: AttemptResult) -> bool:
    """Store the graded submission; False when this attempt was already submitted."""
    stored_responses = {qid: sorted(value) if isinstance(value, frozenset) else value
                        for qid, value in responses.items()}
    outcome = cast(CursorResult, session.execute(_SUBMIT, {
        "attempt": attempt_id, "at": datetime.now(UTC), "percent": result.percent,
        "passed": result.passed,
        "responses": json.dumps({"language": language, "responses": stored_responses}, ensure_ascii=False),
        "result": json.dumps(_result_record(result), ensure_ascii=False),
    }))  # an UPDATE's result is a CursorResult
    return outcome.rowcount == 1


def _result_record(result: AttemptResult) -> dict:
    """What statistics and the result page need later: per question score, status and key."""
    return {"percent": result.percent, "passed": result.passed,
            "questions": {r.question_id: {"score": r.score, "status": r.status, "key": r.response_key}
                          for r in result.questions}}


def stored_responses(attempt: QuizAttempt) -> tuple[str, dict]:
    data = json.loads(attempt.responses_json) if attempt.responses_json else {}
    responses = {qid: frozenset(v) if isinstance(v, list) else v
                 for qid, v in data.get("responses", {}).items()}
    return data.get("language", ""), responses

