"""Forms of the sessions pages: scheduling, checking in, ticking names, the paper sheet."""
from __future__ import annotations

import re
from datetime import UTC, datetime

from flask import current_app
from flask_babel import ngettext
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    TimeField,
    widgets,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from app.lazy_text import lazy_gettext as _l

from ..admin.forms import COMMITTEE_ROLES
from ..forms import AppForm, DayField, options, validated
from .checkin import CODE_LENGTH
from .times import to_utc


def _checkboxes(label, coerce=str) -> SelectMultipleField:
    return SelectMultipleField(label, coerce=coerce, validate_choice=False, validators=[Optional()],
                               widget=widgets.ListWidget(prefix_label=False), option_widget=widgets.CheckboxInput())


class SessionForm(AppForm):
    """Schedule a session, or change one. Choices (courses, modules, units, trainers) come
    from the view.

    A change keeps the attendance already recorded, so it may not contradict it: with
    ``recorded`` attendances the course stays and the hall keeps at least that many seats;
    ``no_longer_invited(unit_ids, roles)`` names the members recorded as present whom the
    changed invitation would leave out. A session that has ``begun`` may have its times
    corrected to past ones; an upcoming one is not moved into the past.
    """

    course = SelectField(_l("Course"), validate_choice=False)
    modules = _checkboxes(_l("Only these modules (leave empty for the whole course)"))
    day = DayField(_l("Date"), validators=[InputRequired(message=_l("Enter the date of the session."))])
    starts = TimeField(_l("Starts at"), validators=[InputRequired(message=_l("Enter the time the session starts."))])
    ends = TimeField(_l("Ends at"), validators=[InputRequired(message=_l("Enter the time the session ends."))])
    place = StringField(_l("Place (hall, address)"), validators=[DataRequired(), Length(max=200)])
    trainer_id = SelectField(_l("Trainer"), coerce=int, validate_choice=False)
    unit_ids = SelectMultipleField(
        _l("Invited units (each with every unit below it)"), coerce=int, validate_choice=False,
        validators=[DataRequired(message=_l("Choose at least one unit to invite."))])
    committee_roles = _checkboxes(_l("Only these committee roles (leave empty for everyone)"))
    capacity = IntegerField(_l("Seats in the hall (optional)"),
                            validators=[Optional(), NumberRange(min=1, max=100_000)],
                            render_kw={"inputmode": "numeric"})
    allow_walk_ins = BooleanField(_l("Members who were not invited may check in (recorded as walk-ins)"))
    note = TextAreaField(_l("Note for the invited members (optional)"), validators=[Optional(), Length(max=2000)])
    submit = SubmitField(_l("Schedule the session"))

    def __init__(self, *args, courses=(), modules=(), units=(), trainers=(), recorded: int = 0,
                 begun: bool = False, no_longer_invited=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._recorded = recorded
        self._begun = begun
        self._no_longer_invited = no_longer_invited
        self._courses = dict(courses)
        self._modules = dict(modules)  # "course/module" -> label
        self._units = dict(units)
        self._trainers = dict(trainers)
        self.course.choices = options(courses)
        self.modules.choices = options(modules)
        self.unit_ids.choices = options(units)
        self.trainer_id.choices = options([(0, _l("No trainer named yet")), *trainers])
        self.committee_roles.choices = options(COMMITTEE_ROLES)

    def validate_course(self, field):
        if field.data not in self._courses:
            raise ValidationError(_l("There is no course “%(slug)s”. Choose one from the list.", slug=field.data))
        if self._recorded and field.data != field.object_data:
            raise ValidationError(_l("Attendance is already recorded for this session, so its course "
                                     "cannot change. Schedule a new session for the other course."))

    def validate_modules(self, field):
        for value in field.data or ():
            if value not in self._modules:
                raise ValidationError(_l("There is no module “%(slug)s”. Choose from the list.", slug=value))
            if value.partition("/")[0] != self.course.data:
                raise ValidationError(_l("The module “%(module)s” is not part of the chosen course.",
                                         module=self._modules[value]))

    def validate_unit_ids(self, field):
        if any(unit_id not in self._units for unit_id in field.data or ()):
            raise ValidationError(_l("You can only invite your own units."))
        left_out = self._no_longer_invited(field.data, self.committee_roles.data or []) \
            if self._no_longer_invited is not None else []
        if left_out:
            raise ValidationError(_l("Already recorded as present, so they must stay invited: %(names)s. "
                                     "Keep their units and committee roles.", names=", ".join(left_out)))

    def validate_capacity(self, field):
        if field.data is not None and field.data < self._recorded:
            raise ValidationError(ngettext(
                "%(num)d member is already recorded as present: the hall needs at least %(num)d seat.",
                "%(num)d members are already recorded as present: the hall needs at least %(num)d seats.",
                self._recorded))

    def validate_trainer_id(self, field):
        if field.data and field.data not in self._trainers:
            raise ValidationError(_l("Choose the trainer from the list."))

    def validate_committee_roles(self, field):
        known = {value for value, _label in COMMITTEE_ROLES}
        if any(role not in known for role in field.data or ()):
            raise ValidationError(_l("Choose committee roles from the list."))

    def validate_ends(self, field):
        if self.starts.data and field.data and field.data <= self.starts.data:
            raise ValidationError(_l("The session must end after it starts (on the same day)."))

    def validate_day(self, field):
        if field.data and self.starts.data and not self._begun and self.starts_at() < datetime.now(UTC):
            raise ValidationError(_l("This time is in the past. Choose a later day or time."))

    def starts_at(self) -> datetime:
        return to_utc(validated(self.day.data), validated(self.starts.data),
                      current_app.config["BABEL_DEFAULT_TIMEZONE"])

    def ends_at(self) -> datetime:
        return to_utc(validated(self.day.data), validated(self.ends.data), current_app.config["BABEL_DEFAULT_TIMEZONE"])

    def module_slugs(self) -> str | None:
        return ",".join(value.partition("/")[2] for value in self.modules.data or ()) or None


class CheckInForm(AppForm):
    code = StringField(_l("Code shown in the hall"), validators=[
        DataRequired(message=_l("Type the code shown in the hall.")), Length(max=20)],
        render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false",
                   "maxlength": 20, "size": CODE_LENGTH + 2})
    #: "qr" when the code came in the QR code's address, else she typed it.
    via = HiddenField()
    submit = SubmitField(_l("I am here"))


class TickForm(AppForm):
    """One tap on a name in the list: she is here."""

    member_id = HiddenField(validators=[DataRequired()])
    submit = SubmitField(_l("Here"))

    def member(self) -> int | None:
        value = self.member_id.data or ""
        return int(value) if value.isdigit() else None


class TakeBackForm(AppForm):
    """The button of the page that asks before a tick or a paper entry is taken back."""

    submit = SubmitField(_l("Yes, take it back"))


USERNAME_SPLIT = re.compile(r"[\s,;]+")


class PaperForm(AppForm):
    """The signed paper sheet: tick those who signed; walk-ins by their usernames."""

    attended = _checkboxes(_l("Members who signed the sheet"), coerce=int)
    walk_ins = TextAreaField(_l("Walk-ins who signed (usernames, one per line; optional)"),
                             validators=[Optional(), Length(max=4000)])
    submit = SubmitField(_l("Save the sheet"))

    def __init__(self, *args, invited=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._invited = {member.id for member in invited}
        self.attended.choices = options((m.id, m.full_name) for m in invited)

    def validate_attended(self, field):
        if any(member_id not in self._invited for member_id in field.data or ()):
            raise ValidationError(_l("Tick only members on the list."))

    def usernames(self) -> list[str]:
        return list(dict.fromkeys(name.strip().lower() for name in USERNAME_SPLIT.split(self.walk_ins.data or "")
                                  if name.strip()))


class CancelForm(AppForm):
    submit = SubmitField(_l("Cancel this session"))
