"""Language and time zone choice: the member's preference, else the visitor's choice, else the browser."""
from __future__ import annotations

from datetime import date, datetime

from flask import Flask, current_app, g, has_request_context, request, session
from flask_babel import get_translations
from flask_login import current_user
from jinja2 import pass_eval_context
from markupsafe import Markup

LANGUAGE_NAMES = {"en": "English", "vi": "Tiếng Việt", "th": "ภาษาไทย"}


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # the CLI speaks the default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user and current_user.is_authenticated and current_user.language in languages:
        return current_user.language
    if session.get("language") in languages:
        return session["language"]
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def select_timezone() -> str:
    return current_app.config["BABEL_DEFAULT_TIMEZONE"]


def union_today(now: datetime | None = None) -> date:
    """The union's day (Asia/Ho_Chi_Minh by default), not the server's: from 17:00 UTC it is
    already tomorrow in Vietnam. Due dates, exports' dates and reorganisations use it."""
    from .progress.assignments import today_in

    return today_in(select_timezone(), now)


def install_template_gettext(app: Flask) -> None:
    """Template ``_()``, ``gettext`` and ``ngettext`` that find the catalogue once per request.

    Flask-Babel's template functions find the locale and the catalogue again for every
    string, through two layers of Jinja wrappers; a page has dozens of strings. These do
    what Jinja's "newstyle" gettext does (escape, then fill ``%(name)s`` from the keyword
    arguments) in one call. The language of a request never changes mid-request: choosing
    another language is a POST that redirects.
    """
    app.jinja_env.newstyle_gettext = True  # type: ignore[attr-defined]  # as Flask-Babel set it: {% trans %} passes keywords
    app.jinja_env.globals.update(_=_template_gettext, gettext=_template_gettext, ngettext=_template_ngettext)


@pass_eval_context
def _template_gettext(eval_ctx, string: str, **variables):
    text = _catalogue().ugettext(string)
    if eval_ctx.autoescape:
        text = Markup(text)
    return text % variables


@pass_eval_context
def _template_ngettext(eval_ctx, singular: str, plural: str, num: int, **variables):
    variables.setdefault("num", num)
    text = _catalogue().ungettext(singular, plural, num)
    if eval_ctx.autoescape:
        text = Markup(text)
    return text % variables


def _catalogue():
    try:
        return g.union_catalogue
    except AttributeError:
        g.union_catalogue = catalogue = get_translations()
        return catalogue
