"""Forms for members and units; database checks live in ``validate_<field>``."""
from __future__ import annotations

from sqlalchemy import select
from wtforms import BooleanField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError

from app.lazy_text import lazy_gettext as _l

from ..accounts.policy import grantable_roles, may_give
from ..extensions import db
from ..field_rules import FULL_NAME_MAX, UNIT_CODE_RE, USERNAME_RE, phone_is_valid
from ..forms import AppForm, options, validated
from ..models import CommitteeRole, Member, Unit
from ..templating import COMMITTEE_LABELS

#: Every committee role of every level, from the one vocabulary.
COMMITTEE_ROLES = [(role.value, COMMITTEE_LABELS[role.value]) for role in CommitteeRole]
PLATFORM_ROLES = [
    ("officer", _l("Officer (learner)")),
    ("trainer", _l("Trainer")),
    ("coordinator", _l("Coordinator")),
    ("admin", _l("Administrator")),
]
LANGUAGES = [("", _l("Same as the phone or browser")), ("vi", "Tiếng Việt"), ("en", "English"), ("th", "ภาษาไทย")]


class MemberForm(AppForm):
    username = StringField(
        _l("Username"),
        validators=[DataRequired(), Regexp(USERNAME_RE, message=_l(
            "Use 3 to 64 lowercase letters, digits, dots, dashes or underscores."))],
        filters=[lambda value: value.strip().lower() if value else value],
        render_kw={"autocapitalize": "none"},
    )
    full_name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=FULL_NAME_MAX)])
    phone = StringField(_l("Phone (optional)"), validators=[Optional(), Length(max=20)])
    unit_id = SelectField(_l("Unit"), coerce=int)
    committee_role = SelectField(_l("Committee role"), choices=options(COMMITTEE_ROLES))
    role = SelectField(_l("Platform role"), choices=options(PLATFORM_ROLES))
    language = SelectField(_l("Language"), choices=options(LANGUAGES))
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, member: Member | None = None, actor: Member | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._member = member
        self._actor = actor
        # Offer only the roles she may give, plus the member's own (shown, kept as it is).
        keep = set(grantable_roles(actor)) | ({member.role} if member is not None else set())
        self.role.choices = options([(value, label) for value, label in PLATFORM_ROLES if value in keep])

    def validate_role(self, field):
        if not may_give(self._actor, self._member, role=field.data):
            if self._member is not None and self._actor is not None and self._member.id == self._actor.id:
                raise ValidationError(_l("You are the only active administrator: make another one "
                                         "before you change your own role."))
            raise ValidationError(_l("You may not give this platform role to this member."))

    def validate_unit_id(self, field):
        unit = db.session.get(Unit, field.data) if field.data else None
        if unit is None or not may_give(self._actor, self._member, unit=unit):
            raise ValidationError(_l("You may not place this member in this unit."))

    def fill(self, member: Member) -> None:
        """Copy the checked values into ``member`` (the unit is set by the caller)."""
        member.username = validated(self.username.data)
        member.full_name = validated(self.full_name.data).strip()
        member.phone = (self.phone.data or "").strip() or None
        member.committee_role = self.committee_role.data
        member.role = self.role.data
        member.language = self.language.data or None

    def validate_username(self, field):
        existing = db.session.scalars(select(Member).where(Member.username == field.data)).first()
        if existing is not None and existing is not self._member:
            raise ValidationError(_l("This username is already taken. Choose another one."))

    def validate_phone(self, field):
        if field.data and not phone_is_valid(field.data.strip()):
            raise ValidationError(_l("Enter a phone number of 9 to 12 digits, e.g. 0912 345 678."))


class UnitForm(AppForm):
    code = StringField(
        _l("Code"),
        validators=[DataRequired(), Regexp(UNIT_CODE_RE, message=_l(
            "Use 2 to 40 capital letters, digits or dashes, e.g. BT-BATRI."))],
        filters=[lambda value: value.strip().upper() if value else value],
        render_kw={"autocapitalize": "characters"},
    )
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    level_id = SelectField(_l("Level"), coerce=int)  # choices: the organisation's levels
    parent_id = SelectField(_l("Belongs to"), coerce=int)
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, unit: Unit | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._unit = unit

    def validate_code(self, field):
        if self._unit is not None and field.data != self._unit.code:
            raise ValidationError(_l("A unit's code never changes: roster files and reports name "
                                     "the unit by it."))
        existing = db.session.scalars(select(Unit).where(Unit.code == field.data)).first()
        if existing is not None and existing is not self._unit:
            raise ValidationError(_l("This code is already used by %(name)s.", name=existing.name))


class ConfirmForm(AppForm):
    """An action with nothing to fill in but the CSRF token."""

    submit = SubmitField(_l("Confirm"))


class MemberSearchForm(AppForm):
    class Meta:
        csrf = False

    q = StringField(_l("Name or username"))
    unit = SelectField(_l("Unit"), coerce=int, validators=[Optional()])
    inactive = BooleanField(_l("Show switched-off accounts"))
