"""Wiring of the web layer: blueprints, the signed-in member, and the few site-wide pages."""
from __future__ import annotations

from flask import Flask, abort, current_app, g, redirect, request, session, url_for
from flask_login import current_user
from werkzeug.routing import IntegerConverter
from wtforms import SelectField

from app.lazy_text import lazy_gettext as _l

from .extensions import db, login_manager, view_reads_first
from .forms import LARGEST_NUMBER, AppForm, options
from .i18n import LANGUAGE_NAMES
from .models import Member


class LanguageForm(AppForm):
    """Checks the footer's language menu (written out in base.html, on every page)."""

    language = SelectField(_l("Language"), choices=options(LANGUAGE_NAMES.items()))


#: Pages of a list past this one are no page (404), whatever the list.
LAST_PAGE = 100_000


class DatabaseIdConverter(IntegerConverter):
    """``<int:...>`` in every route: an id larger than the database stores is a 404, not a 500."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", LARGEST_NUMBER)
        super().__init__(map, *args, **kwargs)


def requested_page() -> int:
    """The ``page`` of a paged list: 1 when missing or not a number, 404 past LAST_PAGE."""
    page = max(request.args.get("page", 1, type=int), 1)
    if page > LAST_PAGE:
        abort(404)
    return page


def init_app(app: Flask) -> None:
    app.url_map.converters["int"] = DatabaseIdConverter  # before any route is added
    from . import health

    health.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    login_manager.user_loader(load_member)

    from . import certificates, followup, groups, learn, notices, quiz, reports, roster, training
    from .admin import bp as admin_bp
    from .auth import bp as auth_bp

    app.register_blueprint(auth_bp)
    app.register_blueprint(admin_bp, url_prefix="/admin")
    for feature in (learn, quiz, certificates, reports, roster, groups, training, notices, followup):
        feature.register(app)
    from . import privacy  # the consent gate, after the features it guards
    privacy.register(app)

    app.add_url_rule("/", "home", home)
    app.add_url_rule("/language", "language", change_language, methods=["POST"])
    app.jinja_env.globals["LANGUAGE_NAMES"] = LANGUAGE_NAMES
    app.before_request(_touch_last_seen)

    from . import templating

    templating.init_app(app)


def load_member(user_id: str) -> Member | None:
    """Flask-Login loader: the cookie's session version must match, and the account be active."""
    if g.get("database_unavailable"):
        return None
    member_id, _, version = user_id.partition(":")
    if not member_id.isdigit() or not version.isdigit():
        return None
    member = db.session.get(Member, int(member_id))
    if member is None or not member.active or member.session_version != int(version):
        return None
    return member


def home():
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    for endpoint in ("learn.me", "learn.catalogue_page", "admin.index"):
        if endpoint in current_app.view_functions:
            return redirect(url_for(endpoint))
    return redirect(url_for("admin.index"))


def change_language():
    form = LanguageForm()
    if form.validate_on_submit():
        session["language"] = form.language.data
        if current_user.is_authenticated:
            member = db.session.get(Member, current_user.id)
            member.language = form.language.data
            db.session.commit()
    from .auth.views import safe_next

    return redirect(safe_next(request.referrer and _path_of(request.referrer)) or url_for("home"))


def _path_of(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.netloc and parts.netloc != request.host:
        return ""
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _touch_last_seen() -> None:
    """Note activity on every POST, in the request's write transaction. Views that read first
    (see extensions.reads_first) note it themselves once they hold the write lock."""
    if request.method != "POST" or not current_user.is_authenticated or view_reads_first():
        return
    current_user.note_activity()
