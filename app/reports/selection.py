"""What a viewer asked to see (unit, level, course, role, days, order), checked against her scope.

A coordinator's scope is her unit's subtree. The unit comes from the URL as a code; any
code outside her subtree, or unknown, is a 404, so codes cannot be probed. Everything else
is a form error shown on the page with status 400.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from flask import abort, current_app
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from ..accounts.access import scope_root
from ..content_store import catalogue
from ..extensions import db
from ..i18n import union_today
from ..models import Member, Unit
from ..name_order import collation_key
from ..progress.assignments import today_in
from ..security import log_denied
from ..templating import COMMITTEE_LABELS
from ..units.lookup import resolve_unit_code
from .completion import make_query
from .completion_query import CompletionQuery
from .forms import ReportFilterForm
from .levels import MEMBER, default_level, level_labels, level_named, levels_below

#: The query string keys that carry filters from one report page to the next.
FILTER_KEYS = ("course", "role", "since", "until")


@dataclass
class Selection:
    form: ReportFilterForm
    root: Unit | None  # None: the whole union (an admin, with several top units)
    units: list[Unit]
    courses: list = field(default_factory=list)  # the courses counted
    course_titles: dict[str, str] = field(default_factory=dict)
    #: Said above the report when the link named a unit by a former (merged) code.
    notice: str | None = None

    @property
    def valid(self) -> bool:
        return not self.form.errors

    @property
    def level(self) -> str:
        return self.form.by.data

    @property
    def course(self):
        return self.courses[0] if self.form.course.data and self.courses else None

    def query(self, *, page: int | None = None, member_id: int | None = None,
              level: str | None = None) -> CompletionQuery:
        zone = current_app.config["BABEL_DEFAULT_TIMEZONE"]
        chosen = level or self.level
        return make_query(
            root=self.root, level=level_named(db.session, chosen) or chosen, courses=self.courses, today=today_in(zone),
            zone=zone, committee_role=self.form.role.data, since=self.form.since.data,
            until=self.form.until.data, sort=self.form.sort.data or "name",
            descending=self.form.descending, member_id=member_id, page=page,
        )

    @property
    def level_label(self) -> str:
        """The grouping in words, in the interface language."""
        if self.level == MEMBER:
            return _("Member")
        return level_labels(db.session, language()).get(self.level, self.level)

    def link_args(self, **changes) -> dict[str, str]:
        """Query string for a link from this report: same filters, with ``changes`` (None drops a key)."""
        args = {key: self.form[key].raw_data[0] for key in FILTER_KEYS
                if self.form[key].raw_data and self.form[key].raw_data[0]}
        if self.root is not None:
            args["unit"] = self.root.code
        args.update({"by": self.level, "sort": self.form.sort.data or "name",
                     "order": self.form.order.data or "asc"})
        for key, value in changes.items():  # None removes the key
            if value is None:
                args.pop(key, None)
            else:
                args[key] = value
        return {k: v for k, v in args.items() if v != ""}

    def crumbs(self) -> list[Unit]:
        """The root's ancestors that the viewer may see, top first (for rolling up)."""
        if self.root is None:
            return []
        ids = [int(part) for part in self.root.path.strip("/").split("/")]
        by_id = {unit.id: unit for unit in self.units}
        return [by_id[i] for i in ids if i in by_id]

    def about(self) -> list[tuple[str, str]]:
        """The filters in words, for the XLSX "About" sheet."""
        form = self.form
        return [
            (_("Report"), _("Completion by %(level)s", level=self.level_label.lower())),
            (_("Unit"), f"{self.root.name} ({self.root.code})" if self.root else _("Whole union")),
            (_("Course"), self.course_titles.get(form.course.data, "") if form.course.data
             else _("All assigned courses")),
            (_("Committee role"), str(COMMITTEE_LABELS.get(form.role.data, "")) if form.role.data
             else _("All committee roles")),
            (_("From"), form.since.data.isoformat() if form.since.data else ""),
            (_("To"), form.until.data.isoformat() if form.until.data else ""),
            (_("Made on"), union_today().isoformat()),
        ]


def language() -> str:
    return str(get_locale() or "en")


def visible_courses():
    return list(catalogue().visible_courses())


def select_report(viewer: Member, args: MultiDict, *, member_view: bool = False) -> Selection:
    """Read the filters in ``args``; 404 for a unit the viewer may not see.

    Only the units the page shows are read (the root's line up to the viewer's own units, the
    root and the units just below it), never every unit in her scope: the whole union has
    thousands, and its report must stay a page of a few hundred rows."""
    code, notice = _current_code((args.get("unit") or "").strip().upper())
    root, tops = _root(viewer, code)
    units = _units_shown(viewer, root, tops)
    courses = visible_courses()
    lang = language()
    titles = {course.slug: course.text_for(lang).title for course in courses}
    levels = levels_below(db.session, root) if not member_view else [*level_labels(db.session, lang), MEMBER]
    form = ReportFilterForm(args, course="", role="", by=default_level(db.session, root), sort="name", order="asc")
    unit_options = [(u.code, "\u00a0\u00a0" * max(u.depth - units[0].depth, 0) + f"{u.name} ({u.code})")
                    for u in units]
    if root is None:
        unit_options.insert(0, ("", _("Whole union")))
    form.fill_choices(courses=list(titles.items()), units=unit_options,
                      levels=_labelled(levels, lang))
    form.unit.data = root.code if root else ""
    form.validate()
    chosen = [c for c in courses if c.slug == form.course.data] if form.course.data else courses
    return Selection(form, root, units, chosen, titles, notice)


def _current_code(code: str) -> tuple[str, str | None]:
    """A former code of a merged unit stands for the unit it was merged into, with a notice."""
    if not code:
        return code, None
    unit, notice = resolve_unit_code(db.session, code)
    return (unit.code, notice) if unit is not None and notice else (code, None)


def _labelled(levels: list[str], lang: str) -> list[tuple[str, str]]:
    names = {**level_labels(db.session, lang), MEMBER: _("Member")}
    return [(code, names.get(code, code)) for code in levels]


def _root(viewer: Member, code: str) -> tuple[Unit | None, list[Unit]]:
    """The unit asked for (or the viewer's top units' one), and the viewer's top units."""
    mine = scope_root(db.session, viewer)
    tops = [mine] if mine is not None else list(db.session.scalars(
        select(Unit).where(Unit.parent_id.is_(None)).order_by(Unit.name)))
    if not tops:
        abort(404)
    if code:
        unit = db.session.scalars(select(Unit).where(Unit.code == code)).first()
        if unit is None or (mine is not None and not mine.contains(unit)):
            log_denied(f"report unit {code[:40]}")
            abort(404)
        return unit, tops
    if viewer.is_admin and len(tops) > 1:
        return None, tops
    return tops[0], tops


def _units_shown(viewer: Member, root: Unit | None, tops: list[Unit]) -> list[Unit]:
    """In tree order: the root's ancestors within the viewer's scope, the root, the units
    just below it (siblings by name); the top units when the root is the whole union."""
    if root is None:
        return tops
    top_depth = min(unit.depth for unit in tops)
    ids = [int(part) for part in root.path.strip("/").split("/")]
    line = {unit.id: unit for unit in db.session.scalars(select(Unit).where(Unit.id.in_(ids)))}
    above = [line[i] for i in ids if i in line and line[i].depth >= top_depth and line[i].id != root.id]
    below = sorted(db.session.scalars(select(Unit).where(Unit.parent_id == root.id)),
                   key=lambda unit: collation_key(unit.name))
    return [*above, root, *below]
