"""The audit page's filters: a GET form, so a filtered trail is a link an admin can keep."""
from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from wtforms import SelectField, StringField
from wtforms.validators import Length, Optional, ValidationError

from app.lazy_text import lazy_gettext as _l

from ..forms import AppForm, DayField, options
from . import ACTION_LABELS
from .queries import AuditFilter


class AuditFilterForm(AppForm):
    class Meta:
        csrf = False

    action = SelectField(_l("Action"), default="", choices=options(
        [("", _l("All actions"))] + [(action.value, label) for action, label in ACTION_LABELS.items()]))
    actor = StringField(_l("Done by (name or username)"), validators=[Optional(), Length(max=140)])
    target = StringField(_l("Member concerned (name or username)"), validators=[Optional(), Length(max=140)])
    since = DayField(_l("From"), validators=[Optional()])
    until = DayField(_l("To"), validators=[Optional()])

    def validate_until(self, field):
        if field.data and self.since.data and field.data < self.since.data:
            raise ValidationError(_l("The end date is before the start date."))

    def wanted(self, zone: str) -> AuditFilter:
        """The filter, with the days read in the union's time zone (``To`` includes its day)."""
        local = ZoneInfo(zone)
        return AuditFilter(
            action=self.action.data or None, actor=(self.actor.data or "").strip() or None,
            target=(self.target.data or "").strip() or None,
            since=_start_of(self.since.data, local), before=_start_of(_next_day(self.until.data), local))


def _next_day(day: date | None) -> date | None:
    return day + timedelta(days=1) if day is not None and day < date.max else None


def _start_of(day: date | None, local: ZoneInfo) -> datetime | None:
    """Midnight of ``day`` in the union's zone, in UTC; None for no day or the calendar's ends."""
    if day is None:
        return None
    try:
        return datetime.combine(day, time.min, tzinfo=local).astimezone(UTC)
    except (OverflowError, ValueError):  # year 1 or 9999: no bound on that side
        return None
