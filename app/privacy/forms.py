"""The privacy feature's forms: decisions on the notice, requests, and handling them."""
from __future__ import annotations

from sqlalchemy import select
from wtforms import IntegerField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from app.lazy_text import lazy_gettext as _l

from ..extensions import db
from ..forms import AppForm, DayField, options
from ..models import Member
from ..models.privacy import RequestChannel, RequestKind
from .deadlines import MAX_EXTENSION_DAYS

KIND_LABELS = {
    RequestKind.ACCESS.value: _l("See or get a copy of my data"),
    RequestKind.CORRECTION.value: _l("Correct my data"),
    RequestKind.RESTRICTION.value: _l("Restrict the use of my data"),
    RequestKind.OBJECTION.value: _l("Object to the use of my data"),
    RequestKind.DELETION.value: _l("Delete my data"),
    RequestKind.WITHDRAWAL.value: _l("Withdraw my consent"),
}
CHANNEL_LABELS = {
    RequestChannel.ONLINE.value: _l("On the platform"),
    RequestChannel.PAPER.value: _l("On paper"),
    RequestChannel.PHONE.value: _l("By phone"),
    RequestChannel.IN_PERSON.value: _l("In person"),
}


class DecisionForm(AppForm):
    """The consent screen: two buttons, nothing ticked in advance."""

    agree = SubmitField(_l("I agree"))
    decline = SubmitField(_l("I do not agree"))


class WithdrawForm(AppForm):
    submit = SubmitField(_l("Withdraw my consent"))


class PaperConsentForm(AppForm):
    """A coordinator enters the decision written on a paper slip at a roster meeting."""

    decision = SelectField(_l("Her decision on the slip"), choices=options([
        ("given", _l("She agreed")), ("declined", _l("She did not agree")), ("withdrawn", _l("She withdrew"))]))
    slip_reference = StringField(_l("Slip reference (number on the paper)"),
                                 validators=[DataRequired(), Length(max=80)])
    submit = SubmitField(_l("Record the paper slip"))


class AskForm(AppForm):
    """Her own request, from her data page (a correction by default)."""

    kind = SelectField(_l("What do you ask for?"), default=RequestKind.CORRECTION.value,
                       choices=options(KIND_LABELS.items()))
    details = TextAreaField(_l("Details (for a correction: what is wrong and what is right)"),
                            validators=[DataRequired(), Length(max=2000)])
    submit = SubmitField(_l("Send the request"))


class EnterRequestForm(AppForm):
    """An admin enters a request that came on paper, by phone or in person."""

    username = StringField(_l("Username of the member who asks"), validators=[DataRequired(), Length(max=64)])
    kind = SelectField(_l("Kind"), choices=options(KIND_LABELS.items()))
    channel = SelectField(_l("How it came"), default=RequestChannel.PAPER.value, choices=options(
        (value, label) for value, label in CHANNEL_LABELS.items() if value != RequestChannel.ONLINE.value))
    received_on = DayField(_l("Received on"), validators=[DataRequired()])
    details = TextAreaField(_l("Details"), validators=[Optional(), Length(max=2000)])
    submit = SubmitField(_l("Enter the request"))

    def validate_username(self, field):
        self.member = db.session.scalars(
            select(Member).where(Member.username == field.data.strip().lower())).first()
        if self.member is None:
            raise ValidationError(_l("No member has this username."))


class AcknowledgeForm(AppForm):
    submit = SubmitField(_l("Mark as acknowledged"))


class ExtendForm(AppForm):
    days = IntegerField(_l("Extra days"), validators=[
        DataRequired(), NumberRange(min=1, max=MAX_EXTENSION_DAYS,
                                    message=_l("An extension is 1 to 15 days."))])
    reason = StringField(_l("Reason told to her"), validators=[DataRequired(), Length(max=500)])
    submit = SubmitField(_l("Extend once"))


class DoneForm(AppForm):
    outcome = StringField(_l("What was done (or why it was refused)"), validators=[DataRequired(), Length(max=1000)])
    submit = SubmitField(_l("Mark as done"))


class EraseForm(AppForm):
    """Carry out a deletion request: her personal data is removed for good."""

    confirm = StringField(_l("Type the member's username to confirm"), validators=[DataRequired(), Length(max=64)])
    submit = SubmitField(_l("Erase her personal data"))
