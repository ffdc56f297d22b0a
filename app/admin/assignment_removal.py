"""Removing an assignment: a confirmation that says what will happen, then undo.

The table's "Remove" button only opens the confirmation; nothing is removed until she
presses "Yes, remove" there. The removed assignment is kept in her session cookie so the
next page can offer to put it back exactly as it was (same course, unit, roles, due date).
"""
from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import HiddenField, SubmitField

from app.lazy_text import lazy_gettext as _l

from ..accounts.access import roles_required, unit_or_404
from ..content_store import catalogue
from ..extensions import db
from ..forms import AppForm
from ..learn.access import language
from ..models import Assignment, PlatformRole, Unit
from ..units.lookup import resolve_unit_code
from . import bp

staff_only = roles_required(PlatformRole.COORDINATOR)

#: Session key holding the last assignment she removed, until she restores it or removes another.
REMOVED = "removed_assignment"


class RemoveAssignmentForm(AppForm):
    """First press (no ``confirmed``) asks; the confirmation page's button sends ``yes``."""

    confirmed = HiddenField()
    submit = SubmitField(_l("Yes, remove"))


class RestoreAssignmentForm(AppForm):
    submit = SubmitField(_l("Undo: put the assignment back"))


def restorable_form() -> RestoreAssignmentForm | None:
    return RestoreAssignmentForm() if session.get(REMOVED) else None


def _editable(assignment_id: int) -> Assignment:
    """An assignment on one of her units; any other (also one made above her) is 404."""
    assignment = db.session.get(Assignment, assignment_id)
    if assignment is None:
        abort(404)
    unit_or_404(db.session, current_user, assignment.unit_id)
    return assignment


def _kept(assignment: Assignment) -> dict:
    return {"course_slug": assignment.course_slug, "unit_id": assignment.unit_id,
            "committee_roles": assignment.committee_roles, "created_by_id": assignment.created_by_id,
            "due_date": assignment.due_date.isoformat() if assignment.due_date else None}


@bp.route("/assignments/<int:assignment_id>/remove", methods=["GET", "POST"])
@staff_only
def assignment_remove(assignment_id: int):
    assignment = _editable(assignment_id)
    form = RemoveAssignmentForm()
    if form.validate_on_submit() and form.confirmed.data == "yes":
        session[REMOVED] = _kept(assignment)
        db.session.delete(assignment)
        db.session.commit()
        flash(_("The assignment has been removed. You can put it back with the button below."), "success")
        return redirect(url_for("admin.assignments"))
    course = catalogue().course(assignment.course_slug)
    title = course.text_for(language()).title if course else assignment.course_slug
    return render_template("admin/assignment_remove.html", assignment=assignment, title=title, form=form)


@bp.route("/assignments/restore", methods=["POST"])
@staff_only
def assignment_restore():
    kept = session.get(REMOVED)
    if not RestoreAssignmentForm().validate_on_submit() or not kept:
        flash(_("There is no removed assignment to put back."), "error")
        return redirect(url_for("admin.assignments"))
    unit = unit_or_404(db.session, current_user, kept["unit_id"])
    if not unit.active:
        # Merged since it was removed: it belongs where the unit's members went, as every
        # assignment of a merged unit does. A unit switched off without a merge reaches no one.
        unit = _unit_now(unit)
        if unit is None:
            flash(_("The unit of that assignment is switched off; make a new assignment instead."),
                  "error")
            return redirect(url_for("admin.assignments"))
        unit = unit_or_404(db.session, current_user, unit.id)
    db.session.add(Assignment(
        course_slug=kept["course_slug"], unit_id=unit.id, committee_roles=kept["committee_roles"],
        created_by_id=kept["created_by_id"],
        due_date=date.fromisoformat(kept["due_date"]) if kept["due_date"] else None))
    db.session.commit()
    session.pop(REMOVED, None)
    flash(_("The assignment is back, as it was."), "success")
    return redirect(url_for("admin.assignments"))


def _unit_now(unit: Unit) -> Unit | None:
    """The active unit a switched-off unit was merged into (its code is an alias there)."""
    merged_into, _note = resolve_unit_code(db.session, unit.code)
    return merged_into if merged_into is not None and merged_into.active else None
