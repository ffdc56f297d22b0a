"""Requests under the law: entering them, their deadlines, and the log's order of urgency."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from flask import current_app
from sqlalchemy.orm import Session

from ..audit import Action, record
from ..models import Member, PrivacyRequest
from ..models.privacy import RequestChannel, RequestKind
from .deadlines import (
    MAX_EXTENSION_DAYS,
    WorkCalendar,
    acknowledge_due,
    carry_out_due,
    parse_days_off,
)


def union_calendar() -> WorkCalendar:
    return WorkCalendar(parse_days_off(current_app.config["PRIVACY_EXTRA_DAYS_OFF"]))


@dataclass(frozen=True)
class RequestDue:
    """One request in the log, with its deadlines as of ``today``."""

    request: PrivacyRequest
    member: Member
    acknowledge_by: date
    done_by: date
    today: date

    @property
    def acknowledgement_overdue(self) -> bool:
        return self.request.acknowledged_at is None and self.today > self.acknowledge_by

    @property
    def overdue(self) -> bool:
        return self.request.done_at is None and (self.acknowledgement_overdue or self.today > self.done_by)

    @property
    def open(self) -> bool:
        return self.request.done_at is None

    def urgency(self) -> tuple:
        """Overdue first, then open ones by their nearest deadline, then the done ones, newest first."""
        nearest = min(self.done_by, self.acknowledge_by if self.request.acknowledged_at is None else date.max)
        return (not self.overdue, not self.open, nearest if self.open else date.max,
                -self.request.received_on.toordinal(), -self.request.id)


def with_deadlines(rows, calendar: WorkCalendar, today: date) -> list[RequestDue]:
    """The log in order of urgency."""
    dues = [RequestDue(request, member, acknowledge_due(request.received_on, calendar),
                       carry_out_due(request.received_on, calendar, request.extension_days), today)
            for request, member in rows]
    return sorted(dues, key=RequestDue.urgency)


def enter_request(session: Session, member: Member, kind: RequestKind, *, channel: RequestChannel,
                  received_on: date, details: str, entered_by: Member | None) -> PrivacyRequest:
    """Log a request (the caller commits)."""
    asked = PrivacyRequest(member_id=member.id, kind=kind.value, channel=channel.value, details=details.strip(),
                           received_on=received_on,
                           entered_by_id=entered_by.id if entered_by is not None else None)
    session.add(asked)
    session.flush()
    record(session, entered_by, Action.PRIVACY_REQUEST, member, request=asked.id, kind=kind.value,
           channel=channel.value)
    return asked


class RequestStateError(ValueError):
    """A step that does not fit the request's state (acknowledging a done one, a second extension)."""


def acknowledge(session: Session, asked: PrivacyRequest, member: Member, by: Member) -> None:
    if asked.acknowledged_at is not None:
        raise RequestStateError("already acknowledged")
    asked.acknowledged_at = datetime.now(UTC)
    asked.handled_by_id = by.id
    record(session, by, Action.PRIVACY_REQUEST_UPDATE, member, request=asked.id, step="acknowledged")


def extend(session: Session, asked: PrivacyRequest, member: Member, by: Member, days: int, reason: str) -> None:
    if asked.extension_days is not None:
        raise RequestStateError("already extended once")
    if asked.done_at is not None:
        raise RequestStateError("already done")
    if not 1 <= days <= MAX_EXTENSION_DAYS:
        raise RequestStateError("an extension is 1 to 15 days")
    asked.extension_days, asked.extension_reason = days, reason.strip()
    asked.handled_by_id = by.id
    record(session, by, Action.PRIVACY_REQUEST_UPDATE, member, request=asked.id, step="extended", days=days,
           reason=asked.extension_reason)


def finish(session: Session, asked: PrivacyRequest, member: Member, by: Member | None, outcome: str) -> None:
    if asked.done_at is not None:
        raise RequestStateError("already done")
    now = datetime.now(UTC)
    asked.acknowledged_at = asked.acknowledged_at or now
    asked.done_at, asked.outcome = now, outcome.strip()
    asked.handled_by_id = by.id if by is not None else None
    record(session, by, Action.PRIVACY_REQUEST_UPDATE, member, request=asked.id, step="done")
