"""Forms for reorganising units and managing the organisation's levels (admins only)."""
from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select
from wtforms import IntegerField, SelectMultipleField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, NumberRange, Regexp, ValidationError

from app.lazy_text import lazy_gettext as _l

from ..extensions import db
from ..forms import AppForm, DayField
from ..models import UnitLevel

LEVEL_CODE_RE = re.compile(r"^[a-z][a-z0-9_-]{1,31}$")


class MergeForm(AppForm):
    """Choose the units to merge into this one; "Preview" shows what would move, "Merge" does it."""

    former = SelectMultipleField(_l("Units to merge into this one"), coerce=int,
                                 validators=[DataRequired(message=_l("Choose at least one unit."))])
    on = DayField(_l("Merged on"), default=date.today, validators=[DataRequired()])
    preview = SubmitField(_l("Preview what will move"))
    confirm = SubmitField(_l("Merge"))


class LevelForm(AppForm):
    code = StringField(_l("Code"), validators=[DataRequired(), Regexp(LEVEL_CODE_RE, message=_l(
        "Use 2 to 32 lowercase letters, digits, dashes or underscores, e.g. branch."))],
        filters=[lambda value: value.strip().lower() if value else value])
    rank = IntegerField(_l("Order (smaller is higher up)"), validators=[DataRequired(), NumberRange(1, 10_000)])
    name_en = StringField(_l("Name in English"), validators=[DataRequired(), Length(max=80)])
    name_vi = StringField(_l("Name in Vietnamese"), validators=[DataRequired(), Length(max=80)])
    name_th = StringField(_l("Name in Thai"), validators=[DataRequired(), Length(max=80)])
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, level: UnitLevel | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._level = level

    def _taken(self, column, value) -> UnitLevel | None:
        found = db.session.scalars(select(UnitLevel).where(column == value)).first()
        return found if found is not None and found is not self._level else None

    def validate_code(self, field):
        if self._taken(UnitLevel.code, field.data):
            raise ValidationError(_l("Another level already has this code."))

    def validate_rank(self, field):
        other = self._taken(UnitLevel.rank, field.data)
        if other is not None:
            raise ValidationError(_l("%(name)s already has this place in the order.", name=other.name_en))
