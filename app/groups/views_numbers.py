"""A month's numbers: entering them on a phone, correcting them, and a coordinator's review."""
from __future__ import annotations

import re
from datetime import date

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..extensions import db
from ..forms import validated
from ..i18n import union_today
from ..models import FacebookGroup
from ..models.groups import NUMBER_FIELDS
from . import bp
from .access import GroupAction, group_or_404, manages
from .checks import check_month, errors, jumps
from .fields import FIELDS, INSIGHTS_PATH
from .forms import NumbersForm, ReviewForm
from .health import MonthNumbers
from .numbers import confirm_month, find_month, month_before, months_of, return_month, save_month

#: How far back a month may be entered from the form (older ones come by import).
MONTHS_OFFERED = 24
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def month_key(month: date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def _parse_month(text: str) -> date:
    match = _MONTH.match(text or "")
    if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 2000:
        abort(404)
    return date(int(match.group(1)), int(match.group(2)), 1)


def _recent_months(today: date) -> list[date]:
    months, year, month = [], today.year, today.month
    for _step in range(MONTHS_OFFERED):
        months.append(date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months


def _month_label(month: date) -> str:
    return format_date(month, "MMMM yyyy")


def _values(form: NumbersForm) -> dict[str, int | None]:
    return {name: getattr(form, name).data for name in NUMBER_FIELDS}


def _checked(form: NumbersForm, group: FacebookGroup, month: date) -> bool:
    """Run the plausibility checks; put each problem on its field. True when it may be saved."""
    problems = check_month(MonthNumbers(month, **_values(form)), month_before(db.session, group.id, month))
    for problem in problems:
        getattr(form, problem.field).errors.append(problem.message)
    if errors(problems):
        return False
    if jumps(problems) and not form.confirm_jumps.data:
        form.confirm_jumps.errors.append(_("Tick this box if the numbers marked above are right."))  # type: ignore[attr-defined]  # a list after validation
        return False
    return True


def _save(form: NumbersForm, group: FacebookGroup, month: date):
    reviewer = manages(current_user, group, db.session)
    save_month(db.session, group, month, _values(form), current_user, confirmed=reviewer)
    db.session.commit()
    if reviewer:
        flash(_("The numbers for %(month)s are saved and confirmed.", month=_month_label(month)), "success")
    else:
        flash(_("The numbers for %(month)s are saved. A coordinator will confirm them.",
                month=_month_label(month)), "success")
    return redirect(url_for("groups.show", group_id=group.id))


def _render(form: NumbersForm, group: FacebookGroup, month: date | None, status: int = 200):
    jump_fields = {name for name in NUMBER_FIELDS if getattr(form, name).errors}
    asks = bool(form.confirm_jumps.errors) or form.confirm_jumps.data
    return render_template("groups/numbers.html", form=form, group=group, month=month, fields=FIELDS,
                           insights=INSIGHTS_PATH, month_label=_month_label if month else None,
                           ask_confirmation=asks, problem_fields=jump_fields), status


@bp.route("/<int:group_id>/numbers/new", methods=["GET", "POST"])
@login_required
def numbers_new(group_id: int):
    group = group_or_404(db.session, current_user, group_id, GroupAction.ENTER)
    taken = {row.month for row in months_of(db.session, group.id)}
    recent = _recent_months(union_today())
    offered = [m for m in recent if m not in taken]
    form = NumbersForm()
    form.month.choices = [(month_key(m), _month_label(m)) for m in offered]
    if not form.is_submitted() and offered:
        # Last month by default: the one Insights has finished counting.
        form.month.data = month_key(recent[1] if recent[1] in offered else offered[0])
    if form.validate_on_submit():
        month = _parse_month(form.month.data)
        if _checked(form, group, month):
            return _save(form, group, month)
    return _render(form, group, None, 400 if form.is_submitted() else 200)


@bp.route("/<int:group_id>/numbers/<month_text>/edit", methods=["GET", "POST"])
@login_required
def numbers_edit(group_id: int, month_text: str):
    """Correct a month: the values it held are kept in its history."""
    group = group_or_404(db.session, current_user, group_id, GroupAction.ENTER)
    month = _parse_month(month_text)
    row = find_month(db.session, group.id, month)
    if row is None:
        abort(404)
    form = NumbersForm(data=row.values()) if not NumbersForm().is_submitted() else NumbersForm()
    form.month.choices = [(month_key(month), _month_label(month))]
    form.month.data = month_key(month)
    if form.validate_on_submit() and _checked(form, group, month):
        return _save(form, group, month)
    return _render(form, group, month, 400 if form.is_submitted() else 200)


@bp.route("/<int:group_id>/numbers/<month_text>/review", methods=["POST"])
@login_required
def numbers_review(group_id: int, month_text: str):
    """A coordinator confirms the month, or sends it back with a note saying what to check."""
    group = group_or_404(db.session, current_user, group_id, GroupAction.REVIEW)
    month = _parse_month(month_text)
    row = find_month(db.session, group.id, month)
    if row is None:
        abort(404)
    form = ReviewForm()
    if not form.validate_on_submit():
        for message in form.note.errors or [_("The form had expired. Try again.")]:
            flash(str(message), "error")
        return redirect(url_for("groups.show", group_id=group.id, _anchor=f"review-{month_key(month)}"))
    if form.send_back.data:
        return_month(db.session, row, current_user, validated(form.note.data).strip())
        message = _("The numbers for %(month)s are sent back to the group's admins.", month=_month_label(month))
    else:
        confirm_month(db.session, row, current_user)
        message = _("The numbers for %(month)s are confirmed.", month=_month_label(month))
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("groups.show", group_id=group.id))
