"""Forms of the groups pages; checks that need the database live in ``validate_<field>``."""
from __future__ import annotations

import re

from flask_wtf.file import FileField, FileRequired
from sqlalchemy import select
from wtforms import (
    BooleanField,
    FloatField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
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

from ..extensions import db
from ..forms import LARGEST_NUMBER, AppForm, DayField, options
from ..models import FacebookGroup
from .addresses import NotAGroupAddress, normalise_group_address
from .fields import FIELDS

PRIVACY_LABELS = [("private", _l("Private (only members see posts)")), ("public", _l("Public"))]
VISIBILITY_LABELS = [("visible", _l("Visible (anyone can find it)")), ("hidden", _l("Hidden"))]
ADDRESS_REASONS = {
    "not_facebook": _l("This is not a Facebook address. Open the group in Facebook, tap Share › Copy link, "
                       "and paste an address such as https://www.facebook.com/groups/phunubatri."),
    "share_link": _l("This is a share link, not the group's address. Open the link in the browser and copy "
                     "the address it opens (it starts with facebook.com/groups/)."),
    "not_group": _l("This Facebook address is not a group's: a group's address has /groups/ followed by "
                    "its name or number."),
}


def _checkboxes(label) -> SelectMultipleField:
    return SelectMultipleField(label, coerce=int, validate_choice=False, validators=[Optional()],
                               widget=widgets.ListWidget(prefix_label=False), option_widget=widgets.CheckboxInput())


class GroupForm(AppForm):
    name = StringField(_l("Name of the group"), validators=[DataRequired(), Length(max=200)])
    address = StringField(_l("Address of the group on Facebook"), validators=[DataRequired(), Length(max=255)],
                          render_kw={"inputmode": "url", "autocapitalize": "none"})
    privacy = SelectField(_l("Privacy"), choices=options(PRIVACY_LABELS))
    visibility = SelectField(_l("Visibility"), choices=options(VISIBILITY_LABELS))
    unit_id = SelectField(_l("Unit that runs the group"), coerce=int, validate_choice=False)
    purpose = TextAreaField(_l("Purpose (optional)"), validators=[Optional(), Length(max=2000)])
    founded_on = DayField(_l("Date founded (optional)"), validators=[Optional()])
    founding_members = IntegerField(_l("Members when founded (optional)"),
                                    validators=[Optional(), NumberRange(min=0, max=LARGEST_NUMBER)],
                                    render_kw={"inputmode": "numeric"})
    admins = _checkboxes(_l("Admins of the group"))
    moderators = _checkboxes(_l("Moderators of the group"))
    active = BooleanField(_l("The group is in use"), default=True)
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, group: FacebookGroup | None = None, units=(), roster=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._group = group
        self._unit_ids = {unit_id for unit_id, _label in units}
        self._roster = {member.id: member for member in roster}
        self.unit_id.choices = options(units)
        people = [(m.id, f"{m.full_name} ({m.username}) · {m.unit.name}") for m in roster]
        self.admins.choices = options(people)
        self.moderators.choices = options(people)

    def validate_address(self, field):
        try:
            field.data = normalise_group_address(field.data)
        except NotAGroupAddress as problem:
            raise ValidationError(ADDRESS_REASONS[problem.reason]) from None
        taken = db.session.scalar(select(FacebookGroup).where(FacebookGroup.address == field.data))
        if taken is not None and (self._group is None or taken.id != self._group.id):
            raise ValidationError(_l("The group “%(name)s” is already registered with this address.",
                                     name=taken.name))

    def validate_unit_id(self, field):
        if field.data not in self._unit_ids:
            raise ValidationError(_l("Choose one of your own units."))

    def _check_people(self, field):
        strangers = [i for i in field.data or [] if i not in self._roster]
        if strangers:
            raise ValidationError(_l("Choose people from the roster of the group's unit and the units below it."))

    def validate_admins(self, field):
        self._check_people(field)

    def validate_moderators(self, field):
        self._check_people(field)
        if set(field.data or []) & set(self.admins.data or []):
            raise ValidationError(_l("A person is either an admin or a moderator of the group, not both."))


class CountField(IntegerField):
    """A whole number typed on a phone: digits only on the keyboard; "1.200", "1,200" and
    "1 200" are read as 1200, as people write thousands in Vietnam and elsewhere."""

    widget = widgets.TextInput()

    def process_formdata(self, valuelist):
        if valuelist:
            text = re.sub(r"(?<=\d)[ .,\u00a0](?=\d{3}\b)", "", valuelist[0].strip())
            valuelist = [text]
            if text.startswith("-") and text[1:].isdigit():
                self.data = int(text)
                return
            if text and not text.isdigit():
                self.data = None
                raise ValueError(_l("Type a whole number, with digits only (or leave it blank)."))
        super().process_formdata(valuelist)


def _count(field) -> CountField:
    return CountField(field.label, validators=[Optional(), NumberRange(max=LARGEST_NUMBER)],
                      description=field.hint,
                      render_kw={"inputmode": "numeric", "pattern": "[0-9]*", "autocomplete": "off"})


class NumbersForm(AppForm):
    """A month's numbers; every one may be left blank. The plausibility checks (``checks``) run
    in the view, which knows last month's numbers."""

    month = SelectField(_l("Month"), validate_choice=False)
    confirm_jumps = BooleanField(_l("I have checked: these large changes are right."))
    submit = SubmitField(_l("Save the numbers"))

    def validate_month(self, field):
        if field.data not in {value for value, _label in self.month.choices}:
            raise ValidationError(_l("Choose a month from the list."))


for _field in FIELDS:
    setattr(NumbersForm, _field.name, _count(_field))


class ReviewForm(AppForm):
    note = TextAreaField(_l("Note to the group's admins (needed to send back)"),
                         validators=[Length(max=1000)])
    confirm = SubmitField(_l("Confirm the numbers"))
    send_back = SubmitField(_l("Send back for correction"))

    def validate_note(self, field):
        if self.send_back.data and not (field.data or "").strip():
            raise ValidationError(_l("Write what the admins should check before sending the numbers back."))


class ImportUploadForm(AppForm):
    file = FileField(_l("File of monthly numbers (.xlsx or .csv)"),
                     validators=[FileRequired(_l("Choose a file to upload."))])
    submit = SubmitField(_l("Check the file"))


class ImportConfirmForm(AppForm):
    upload = HiddenField(validators=[DataRequired()])
    filename = HiddenField()
    accept_jumps = BooleanField(_l("I have checked: the numbers more than 5 times the month before are right."))
    submit = SubmitField(_l("Import all rows"))


class ThresholdsForm(AppForm):
    """The band thresholds; each measure's "healthy" must not be below its "needs help"."""

    months_without_numbers = IntegerField(_l("Flag a group after this many months without numbers"),
                                          validators=[InputRequired(), NumberRange(min=1, max=24)])
    submit = SubmitField(_l("Save the thresholds"))

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        ok = True
        for measure in MEASURES:
            healthy, needs_help = getattr(self, f"{measure}_healthy"), getattr(self, f"{measure}_needs_help")
            if healthy.data < needs_help.data:
                healthy.errors = [_l("The start of “healthy” cannot be below the start of “watch”.")]
                ok = False
        return ok


MEASURES = ("growth", "interaction", "comments_per_post", "member_share", "admin_posts_per_week")
for _measure in MEASURES:
    setattr(ThresholdsForm, f"{_measure}_healthy", FloatField(
        _l("Healthy from"), validators=[InputRequired(), NumberRange(min=-100, max=10_000)]))
    setattr(ThresholdsForm, f"{_measure}_needs_help", FloatField(
        _l("Needs help below"), validators=[InputRequired(), NumberRange(min=-100, max=10_000)]))


class AssignTrainingForm(AppForm):
    course = SelectField(_l("Course"), validate_choice=False)
    due_date = DayField(_l("Due date"), validators=[InputRequired()])
    confirmed = HiddenField(default="")
    submit = SubmitField(_l("Assign the course"))

    def validate_course(self, field):
        if field.data not in {value for value, _label in self.course.choices}:
            raise ValidationError(_l("Choose a course from the list."))
