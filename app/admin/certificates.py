"""The certificates issued, for an admin to find one (by name, code, unit, course or date)
and revoke it from the list, with the reason and the confirmation of the revocation page."""
from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app, render_template, request
from flask_babel import gettext as _
from sqlalchemy import Select, func, or_, select
from wtforms import SelectField, StringField
from wtforms.validators import Length, Optional, ValidationError

from app.lazy_text import lazy_gettext as _l

from ..accounts.access import roles_required
from ..content_store import catalogue
from ..extensions import db
from ..forms import AppForm, DayField, options
from ..learn.access import language
from ..models import Certificate, Member, PlatformRole, Unit
from . import bp
from .scope import unit_choices

PAGE_SIZE = 50
MAX_PAGE = 10**6


class CertificateSearchForm(AppForm):
    class Meta:
        csrf = False

    q = StringField(_l("Holder's name or certificate code"), validators=[Optional(), Length(max=100)])
    unit = SelectField(_l("Issuing unit (and the units below it)"), coerce=int, validate_choice=False)
    course = SelectField(_l("Course"), validate_choice=False)
    since = DayField(_l("Issued from"), validators=[Optional()])
    until = DayField(_l("Issued until"), validators=[Optional()])

    def validate_until(self, field):
        if field.data and self.since.data and field.data < self.since.data:
            raise ValidationError(_l("The end date is before the start date."))

    def validate_unit(self, field):
        if field.data and field.data not in {value for value, _label in self._units}:
            raise ValidationError(_l("Choose a unit from the list."))


def _search_form() -> CertificateSearchForm:
    form = CertificateSearchForm(request.args)
    form._units = unit_choices()
    form.unit.choices = options([(0, _("All units"))] + form._units)
    form.course.choices = options([("", _("All courses"))] + [
        (c.slug, c.text_for(language()).title) for c in catalogue().courses])
    return form


def _local_midnight(day) -> datetime:
    """The start of ``day`` where the union is, as the UTC instant stored in issued_at."""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return datetime.combine(day, time.min, tzinfo=zone).astimezone(ZoneInfo("UTC"))


def matching_certificates(form: CertificateSearchForm) -> Select:
    """Certificates matching the filled-in filters, newest first."""
    query = select(Certificate).join(Member, Member.id == Certificate.member_id) \
        .join(Unit, Unit.id == Certificate.unit_id)
    if form.q.data and form.q.data.strip():
        text = form.q.data.strip()
        query = query.where(or_(func.lower(Member.full_name).contains(text.lower(), autoescape=True),
                                Certificate.code == text))
    if form.unit.data:
        unit = db.session.get_one(Unit, form.unit.data)
        query = query.where(Unit.path.startswith(unit.path, autoescape=True))
    if form.course.data:
        query = query.where(Certificate.course_slug == form.course.data)
    if form.since.data:
        query = query.where(Certificate.issued_at >= _local_midnight(form.since.data))
    if form.until.data:
        query = query.where(Certificate.issued_at < _local_midnight(form.until.data + timedelta(days=1)))
    return query.order_by(Certificate.issued_at.desc(), Certificate.id.desc())


@bp.route("/certificates/")
@roles_required(PlatformRole.ADMIN)
def certificates():
    form = _search_form()
    if request.args and not form.validate():
        return render_template("admin/certificates.html", form=form, certificates=[], total=0,
                               page=1, pages=1), 400
    query = matching_certificates(form)
    page = min(max(request.args.get("page", 1, type=int), 1), MAX_PAGE)
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    rows = db.session.scalars(query.limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).all()
    return render_template("admin/certificates.html", form=form, certificates=rows, total=total,
                           page=page, pages=max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1))
