"""The worklist, its print view and downloads, and the follow-up note. Coordinators and admins
only; a coordinator's unit choices are her own units, and any other unit is a 404."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..accounts.access import member_or_404, roles_required
from ..admin.scope import scoped_units
from ..auth.views import safe_next
from ..content_store import catalogue
from ..extensions import db
from ..forms import validated
from ..models import PlatformRole, Unit
from ..security import log_denied
from ..units.lookup import resolve_unit_code
from ..web import requested_page
from . import bp
from .forms import FollowUpFilterForm, NoteForm
from .listing import TooManyMembers, behind_members, shown_rows
from .queries import add_note as write_note

coordinators = roles_required(PlatformRole.COORDINATOR)


def utc_now() -> datetime:
    """The clock the worklist reads (tests set it)."""
    return datetime.now(UTC)


def language() -> str:
    from ..learn.access import language as page_language

    return page_language()


@dataclass
class Chosen:
    form: FollowUpFilterForm
    root: Unit | None  # None: the whole union (an admin over several top units)
    notice: str | None = None

    @property
    def course(self) -> str | None:
        return self.form.course.data or None

    def args(self, **changes) -> dict[str, str]:
        """The query string that shows the same list."""
        found = {"unit": self.root.code if self.root else "", "course": self.course or ""}
        found.update(changes)
        return {key: value for key, value in found.items() if value}


def chosen() -> Chosen:
    """The unit and course asked for; 404 for a unit outside the viewer's scope."""
    units = scoped_units()
    if not units:
        abort(404)
    code = (request.args.get("unit") or "").strip().upper()
    notice = None
    if code:
        unit, notice = resolve_unit_code(db.session, code)
        code = unit.code if unit is not None and notice else code
    by_code = {unit.code: unit for unit in units}
    if code and code not in by_code:
        log_denied(f"follow-up unit {code[:40]}")
        abort(404)
    top = min(unit.depth for unit in units)
    tops = [unit for unit in units if unit.depth == top]
    root = by_code[code] if code else (None if current_user.is_admin and len(tops) > 1 else tops[0])
    lang = language()
    form = FollowUpFilterForm(request.args, unit=root.code if root else "", course="")
    options = [(u.code, "\u00a0\u00a0" * max(u.depth - top, 0) + f"{u.name} ({u.code})") for u in units]
    if root is None:
        options.insert(0, ("", _("Whole union")))
    form.fill_choices(units=options, courses=[(c.slug, c.text_for(lang).title)
                                              for c in catalogue().visible_courses()])
    form.unit.data = root.code if root else ""
    form.validate()
    return Chosen(form, root, notice)


def rows_of(choice: Chosen, *, page: int | None):
    """The rows of one page (``page``) or of the whole list (None), the number of members
    behind and the number of pages; raises TooManyMembers for a unit too large to read."""
    zone = current_app.config["BABEL_DEFAULT_TIMEZONE"]
    listed = behind_members(current_user, choice.root, choice.course, now=utc_now(), zone=zone,
                            most=current_app.config["FOLLOW_UP_MAX_MEMBERS"])
    entries = listed.entries
    pages = 1
    if page is not None:
        size = current_app.config["FOLLOW_UP_PAGE_SIZE"]
        pages = max((len(entries) + size - 1) // size, 1)
        if page > pages:
            abort(404)
        entries = entries[(page - 1) * size:page * size]
    return shown_rows(listed, entries, language()), len(listed.entries), pages


@bp.route("/follow-up")
@coordinators
def worklist():
    choice = chosen()
    if choice.form.errors:
        return render_template("followup/worklist.html", choice=choice, rows=[], total=0, page=1, pages=1), 400
    page = requested_page()
    try:
        rows, total, pages = rows_of(choice, page=page)
    except TooManyMembers as too_many:
        return render_template("followup/worklist.html", choice=choice, rows=[], total=0, page=1, pages=1,
                               too_many=too_many.count)
    return render_template("followup/worklist.html", choice=choice, rows=rows, total=total, page=page,
                           pages=pages)


@bp.route("/follow-up/print")
@coordinators
def print_view():
    """The whole list on paper for a meeting: no buttons, a column to write in."""
    choice = chosen()
    if choice.form.errors:
        return render_template("followup/worklist.html", choice=choice, rows=[], total=0, page=1, pages=1), 400
    try:
        rows, total, _pages = rows_of(choice, page=None)
    except TooManyMembers as too_many:
        return render_template("followup/worklist.html", choice=choice, rows=[], total=0, page=1, pages=1,
                               too_many=too_many.count)
    return render_template("followup/print.html", choice=choice, rows=rows, total=total, made_at=utc_now())


@bp.route("/members/<int:member_id>/follow-up", methods=["POST"])
@coordinators
def add_note(member_id: int):
    """Add a note to a member's follow-up log; back to the worklist or her page."""
    person = member_or_404(db.session, current_user, member_id)
    form = NoteForm()
    back = safe_next(form.next.data) or url_for("reports.member", member_id=person.id, _anchor="follow-up")
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for error in errors:
                flash(_("The note was not saved: %(reason)s", reason=error), "error")
        return redirect(back, code=303)
    write_note(db.session, person, current_user, validated(form.text.data), now=utc_now())
    db.session.commit()
    flash(_("Note saved for %(name)s.", name=person.full_name), "success")
    return redirect(back, code=303)


from . import exports  # noqa: E402,F401  (the download routes)
