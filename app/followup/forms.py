"""The worklist's filters (a GET form: a worklist is a link) and the follow-up note."""
from __future__ import annotations

from wtforms import HiddenField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from app.lazy_text import lazy_gettext as _l

from ..forms import AppForm, options

NOTE_MAX = 1000


class FollowUpFilterForm(AppForm):
    """Unit (hers or one below it) and course. A unit outside her scope is a 404, checked by
    the view; a course that is not offered is an error on the page."""

    class Meta:
        csrf = False

    unit = SelectField(_l("Unit"), validate_choice=False)
    course = SelectField(_l("Course"))

    def fill_choices(self, *, units, courses) -> None:
        self.unit.choices = options(list(units))
        self.course.choices = options([("", _l("All assigned courses"))] + list(courses))


class NoteForm(AppForm):
    text = TextAreaField(_l("Note"), validators=[
        DataRequired(message=_l("Write what was done or agreed, e.g. “called 3/12, will finish this week”.")),
        Length(max=NOTE_MAX, message=_l("A note holds at most %(max)d characters.", max=NOTE_MAX))])
    #: Where to go back to: the worklist or the member's page.
    next = HiddenField(validators=[Length(max=2000)])

    def validate_text(self, field):
        field.data = (field.data or "").strip()
        if not field.data:
            raise ValidationError(_l("Write what was done or agreed, e.g. “called 3/12, will finish this week”."))
