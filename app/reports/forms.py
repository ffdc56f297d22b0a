"""The report filters: a GET form, so a report is a link a coordinator can bookmark or share.

Choices are limited to what the viewer may see (her units, the visible courses); a value
outside them is a form error shown on the page, never a crash. The unit is checked by the
view instead, so that a unit outside her area is a 404, exactly like one that does not exist.
"""
from __future__ import annotations

from wtforms import HiddenField, SelectField
from wtforms.validators import AnyOf, Optional, ValidationError

from app.lazy_text import lazy_gettext as _l

from ..admin.forms import COMMITTEE_ROLES
from ..forms import AppForm, DayField, options
from .completion_query import SORT_KEYS


class ReportFilterForm(AppForm):
    class Meta:
        csrf = False

    course = SelectField(_l("Course"))
    role = SelectField(_l("Committee role"))
    unit = SelectField(_l("Unit"), validate_choice=False)
    by = SelectField(_l("Show by"))
    since = DayField(_l("From"), validators=[Optional()])
    until = DayField(_l("To"), validators=[Optional()])
    sort = HiddenField(validators=[Optional(), AnyOf(SORT_KEYS, message=_l("Unknown column to sort by."))])
    order = HiddenField(validators=[Optional(), AnyOf(("asc", "desc"), message=_l("Unknown sort order."))])

    def fill_choices(self, *, courses, units, levels) -> None:
        """``courses``, ``units``, ``levels``: (value, label) pairs; levels are the organisation's."""
        self.course.choices = options([("", _l("All assigned courses"))] + list(courses))
        self.role.choices = options([("", _l("All committee roles"))] + COMMITTEE_ROLES)
        self.unit.choices = options(list(units))
        self.by.choices = options(list(levels))

    def validate_until(self, field):
        if field.data and self.since.data and field.data < self.since.data:
            raise ValidationError(_l("The end date is before the start date."))

    @property
    def descending(self) -> bool:
        return self.order.data == "desc"
