"""The union's local time (Asia/Ho_Chi_Minh by default) for forms; UTC in the database."""
from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo


def to_utc(day: date, at: time, zone: str) -> datetime:
    """A day and a time as read on a clock in ``zone``, as an aware UTC datetime."""
    return datetime.combine(day, at, tzinfo=ZoneInfo(zone)).astimezone(UTC)


def local(moment: datetime, zone: str) -> datetime:
    """An aware datetime as the clock in ``zone`` shows it."""
    return moment.astimezone(ZoneInfo(zone))
