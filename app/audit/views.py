"""The audit page (admins only): filters, pages of entries newest first, and a CSV export."""
from __future__ import annotations

import json

from flask import Blueprint, Response, current_app, render_template, request
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import current_user

from ..accounts.access import roles_required
from ..extensions import db
from ..i18n import union_today
from ..models import AuditEntry, PlatformRole
from ..privacy.stamp import stamped_csv
from ..reports.exports import Table, csv_bytes
from . import ACTION_LABELS, Action, record
from .forms import AuditFilterForm
from .queries import count, filtered

bp = Blueprint("audit", __name__)
admins_only = roles_required(PlatformRole.ADMIN)
PAGE_SIZE = 50
MAX_PAGE = 10**6
#: One export holds at most this many entries; narrow the filters for older ones.
EXPORT_LIMIT = 100_000


@bp.app_context_processor
def _audit_helpers() -> dict:
    return {"audit_action_label": action_label, "audit_detail": describe, "audit_actor": actor_text}


def action_label(action: str) -> str:
    try:
        return str(ACTION_LABELS[Action(action)])
    except ValueError:
        return action


def actor_text(entry: AuditEntry) -> str:
    """The recorded label; an empty one is the operator at the command line."""
    return entry.actor_label or _("Command line")


def describe(entry: AuditEntry) -> str:
    """The detail in one line: ``old → new`` for changes, ``key: value`` for the rest."""
    try:
        detail = json.loads(entry.detail or "{}")
    except ValueError:
        return entry.detail
    parts = []
    if "old" in detail or "new" in detail:
        parts.append(f"{detail.pop('old', '')} → {detail.pop('new', '')}")
    parts.extend(f"{key}: {_plain(value)}" for key, value in sorted(detail.items()))
    return "; ".join(parts)


def _plain(value) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{key}={_plain(item)}" for key, item in sorted(value.items()))
    if isinstance(value, list):
        return ", ".join(_plain(item) for item in value)
    return str(value)


@bp.route("/")
@admins_only
def index():
    form = AuditFilterForm(request.args)
    if not form.validate():
        return render_template("audit/index.html", form=form, entries=[], total=0, page=1, pages=1), 400
    query = filtered(form.wanted(current_app.config["BABEL_DEFAULT_TIMEZONE"]))
    total = count(db.session, query)
    pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    page = min(max(request.args.get("page", 1, type=int), 1), MAX_PAGE)
    entries = db.session.scalars(query.limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).all()
    return render_template("audit/index.html", form=form, entries=entries, total=total, page=page,
                           pages=pages)


@bp.route("/export.csv")
@admins_only
def export():
    form = AuditFilterForm(request.args)
    if not form.validate():
        return render_template("audit/index.html", form=form, entries=[], total=0, page=1, pages=1), 400
    entries = db.session.scalars(filtered(form.wanted(current_app.config["BABEL_DEFAULT_TIMEZONE"]))
                                 .limit(EXPORT_LIMIT)).all()
    table = Table(
        [_("When"), _("Action"), _("Done by"), _("Member concerned"), _("People"), _("Detail"), _("Request")],
        [[format_datetime(e.at, "yyyy-MM-dd HH:mm:ss"), action_label(e.action), actor_text(e), e.target_label,
          e.people, describe(e), e.request_id or ""] for e in entries], [])
    filters = {key: value for key, value in request.args.items() if key != "page" and value}
    record(db.session, current_user, Action.EXPORT_AUDIT, people=len(entries), filters=filters)
    db.session.commit()
    return Response(stamped_csv(csv_bytes(table), current_user), mimetype="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="audit-{union_today().isoformat()}.csv"'})
