"""Assigning courses to a unit (and everything below it), optionally to committee roles."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectField, SelectMultipleField, SubmitField, widgets
from wtforms.validators import Optional, ValidationError

from app.lazy_text import lazy_gettext as _l

from ..accounts.access import roles_required, unit_or_404
from ..content_store import catalogue
from ..extensions import db
from ..forms import AppForm, DayField, options
from ..i18n import union_today
from ..learn.access import language
from ..models import Assignment, PlatformRole
from . import bp
from .assignment_queries import assignments_reaching
from .assignment_removal import RemoveAssignmentForm, restorable_form
from .forms import COMMITTEE_ROLES
from .scope import unit_choices

staff_only = roles_required(PlatformRole.COORDINATOR)


class AssignmentForm(AppForm):
    course = SelectField(_l("Course"), validate_choice=False)
    unit_id = SelectField(_l("Unit (and every unit below it)"), coerce=int, validate_choice=False)
    committee_roles = SelectMultipleField(
        _l("Only these committee roles (leave empty for everyone)"),
        choices=options(COMMITTEE_ROLES), widget=widgets.ListWidget(prefix_label=False),
        option_widget=widgets.CheckboxInput(), validators=[Optional()])
    due_date = DayField(_l("Due date (optional)"), validators=[Optional()])
    submit = SubmitField(_l("Assign"))

    def validate_course(self, field):
        if field.data not in {value for value, _label in self._courses}:
            raise ValidationError(_l("There is no course “%(slug)s”. Choose one from the list.", slug=field.data))

    def validate_unit_id(self, field):
        if field.data not in {value for value, _label in self._units}:
            raise ValidationError(_l("You can only assign courses to your own units."))

    def validate_due_date(self, field):
        if field.data and field.data < union_today():
            raise ValidationError(_l("The due date is in the past. Choose today or a later day."))


def _form(**kwargs) -> AssignmentForm:
    form = AssignmentForm(**kwargs)
    form._courses = [(c.slug, c.text_for(language()).title) for c in catalogue().visible_courses()]
    form._units = unit_choices()
    form.course.choices = options(form._courses)
    form.unit_id.choices = options(form._units)
    return form


@bp.route("/assignments/", methods=["GET", "POST"])
@staff_only
def assignments():
    form = _form()
    if form.validate_on_submit():
        unit = unit_or_404(db.session, current_user, form.unit_id.data)
        db.session.add(Assignment(
            course_slug=form.course.data, unit_id=unit.id, due_date=form.due_date.data,
            committee_roles=",".join(form.committee_roles.data) or None, created_by_id=current_user.id))
        db.session.commit()
        flash(_("The course has been assigned to %(unit)s.", unit=unit.name), "success")
        return redirect(url_for("admin.assignments"))
    titles = {c.slug: c.text_for(language()).title for c in catalogue().courses}
    return render_template("admin/assignments.html", form=form, titles=titles,
                           rows=assignments_reaching(db.session, current_user),
                           remove=RemoveAssignmentForm(), restore=restorable_form()), (400 if form.errors else 200)
