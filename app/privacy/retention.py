"""Retention: how long the data of switched-off members and the answers of old attempts stay.

Two settings (days), applied by ``flask privacy sweep``:

* ``PRIVACY_KEEP_SWITCHED_OFF_DAYS``: a member switched off longer ago than this is
  de-identified as an erasure would (:mod:`app.privacy.erasure`); her anonymous counts stay.
* ``PRIVACY_KEEP_ANSWERS_DAYS``: attempts submitted longer ago than this lose the answers
  chosen; the score and pass stay.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from ..audit import Action, record
from ..models import Member, QuizAttempt
from .erasure import blank_answers, erase
from .queries import answers_submitted_before, switched_off_before


@dataclass(frozen=True)
class SweepPlan:
    members: list[Member]
    attempts: list[QuizAttempt]


def plan_sweep(session: Session, *, now: datetime, keep_switched_off_days: int, keep_answers_days: int) -> SweepPlan:
    """What a sweep would remove now."""
    return SweepPlan(
        list(session.scalars(switched_off_before(now - timedelta(days=keep_switched_off_days)))),
        list(session.scalars(answers_submitted_before(now - timedelta(days=keep_answers_days)))))


def apply_sweep(session: Session, plan: SweepPlan) -> None:
    """Carry the plan out in the caller's transaction and record it in the audit trail."""
    for attempt in plan.attempts:
        attempt.responses_json = None
        attempt.result_json = blank_answers(attempt.result_json)
    for member in plan.members:
        erase(session, member, actor=None, reason="retention")
    record(session, None, Action.PRIVACY_SWEEP, people=len(plan.members), members_erased=len(plan.members),
           attempts_blanked=len(plan.attempts))
