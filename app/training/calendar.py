"""A session as an iCalendar file (RFC 5545), for the phone's calendar. No Flask."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from icalendar import Alarm, Calendar, Event

PRODUCT = "-//Union Learning//Training sessions//EN"
#: The phone reminds her this long before the session starts.
REMIND_BEFORE = timedelta(hours=1)


@dataclass(frozen=True)
class CalendarEntry:
    """What the phone's calendar shows, already translated."""

    uid: str
    title: str
    starts_at: datetime  # aware
    ends_at: datetime
    place: str
    description: str
    url: str
    stamp: datetime
    cancelled: bool = False


def session_ics(entry: CalendarEntry) -> bytes:
    """One event with a reminder an hour before; a cancelled session says so (STATUS)."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", entry.uid)
    event.add("dtstamp", entry.stamp)
    event.add("dtstart", entry.starts_at)
    event.add("dtend", entry.ends_at)
    event.add("summary", entry.title)
    event.add("location", entry.place)
    event.add("description", entry.description)
    event.add("url", entry.url)
    event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
    if not entry.cancelled:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", entry.title)
        alarm.add("trigger", -REMIND_BEFORE)
        event.add_component(alarm)
    calendar.add_component(event)
    return calendar.to_ical()
