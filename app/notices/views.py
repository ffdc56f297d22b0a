"""Closing a notice: a small form per notice, back to the page it was on (no JavaScript)."""
from __future__ import annotations

from flask import abort, redirect, url_for
from flask_login import current_user, login_required
from wtforms import HiddenField, SubmitField
from wtforms.validators import DataRequired, Length

from app.lazy_text import lazy_gettext as _l

from ..auth.views import safe_next
from ..extensions import db
from ..forms import AppForm
from . import bp
from .current import may_see_notices, my_notices, utc_now
from .queries import dismiss as close_notice


class DismissForm(AppForm):
    """One notice's "Close" button: its key and the page to go back to."""

    key = HiddenField(validators=[DataRequired(), Length(max=200)])
    next = HiddenField(validators=[Length(max=2000)])
    submit = SubmitField(_l("Close"))


@bp.route("/dismiss", methods=["POST"])
@login_required
def dismiss():
    form = DismissForm()
    if not form.validate_on_submit() or not may_see_notices():
        abort(400)
    # Only a notice she is shown now can be closed: no other key is ever stored. One that has
    # gone already (closed in another tab, the course finished) needs nothing.
    if form.key.data in {notice.key for notice in my_notices()}:
        close_notice(db.session, current_user.id, form.key.data, now=utc_now())
    db.session.commit()
    return redirect(safe_next(form.next.data) or url_for("learn.me"), code=303)

