"""Deadlines of requests under the data protection law, as pure functions of dates.

* A request is **acknowledged** within 2 *working days* after the day it was received.
* It is **carried out** within 15 days of receipt, extended once by at most 15 days.
  When a period's last day is not a working day, it ends on the next working day (the rule
  of the Civil Code 2015, article 148, for periods counted in days).

Working days are Monday to Friday, less Vietnam's public holidays (from the ``holidays``
package, which follows the government's yearly announcements, Tết included) and the union's
own extra days off (a setting).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import holidays

ACKNOWLEDGE_WORKING_DAYS = 2
CARRY_OUT_DAYS = 15
MAX_EXTENSION_DAYS = 15


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("VN", years=year))


@dataclass(frozen=True)
class WorkCalendar:
    """Which days the union works: weekdays that are neither a public holiday nor one of its
    own ``extra_days_off``."""

    extra_days_off: frozenset[date] = field(default_factory=frozenset)

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in _public_holidays(day.year) and day not in self.extra_days_off

    def next_working_day(self, day: date) -> date:
        """``day`` itself when it is a working day, else the first one after it."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def add_working_days(self, day: date, count: int) -> date:
        """The ``count``-th working day after ``day`` (``day`` itself not counted)."""
        while count > 0:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count -= 1
        return day


def acknowledge_due(received_on: date, calendar: WorkCalendar) -> date:
    """The last day to tell her that her request was received."""
    return calendar.add_working_days(received_on, ACKNOWLEDGE_WORKING_DAYS)


def carry_out_due(received_on: date, calendar: WorkCalendar, extension_days: int | None = None) -> date:
    """The last day to carry the request out, with the one extension if it was given."""
    if extension_days is not None and not 1 <= extension_days <= MAX_EXTENSION_DAYS:
        raise ValueError(f"an extension is 1 to {MAX_EXTENSION_DAYS} days")
    return calendar.next_working_day(received_on + timedelta(days=CARRY_OUT_DAYS + (extension_days or 0)))


def parse_days_off(values) -> frozenset[date]:
    """The union's extra days off from the setting: ISO dates, as a list or one comma-separated text."""
    if isinstance(values, str):
        values = values.split(",")
    days = set()
    for value in values or ():
        if isinstance(value, date):
            days.add(value)
        elif str(value).strip():
            days.add(date.fromisoformat(str(value).strip()))
    return frozenset(days)
