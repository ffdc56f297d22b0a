"""Extensions, created unbound here and bound to an app in ``create_app``."""
from __future__ import annotations

from flask import Flask, current_app, request
from flask_babel import Babel
from flask_login import LoginManager
from flask_wtf import CSRFProtect
from sqlalchemy import Engine
from sqlalchemy.orm import Session, scoped_session

from . import db as dbmod


class Database:
    """The app's engine and scoped session; the session is removed after each request."""

    def init_app(self, app: Flask) -> None:
        engine = dbmod.make_engine(app.config["SQLALCHEMY_URL"])
        app.extensions["database"] = (engine, dbmod.make_session(engine))

        @app.before_request
        def _choose_transaction_kind():
            dbmod.reads_only(request.method in ("GET", "HEAD", "OPTIONS") or view_reads_first())

        @app.teardown_appcontext
        def _remove_session(_exc):
            app.extensions["database"][1].remove()
            dbmod.reads_only(False)

    @property
    def engine(self) -> Engine:
        return current_app.extensions["database"][0]

    @property
    def scoped(self) -> scoped_session[Session]:
        return current_app.extensions["database"][1]

    @property
    def session(self) -> Session:
        return self.scoped()


def reads_first(view):
    """Mark a view whose POST reads in a deferred transaction and takes the write lock only
    for its last step: the view calls ``db.begin_write`` (which drops what it read) before
    writing, and re-checks in its writes what it read. Other POSTs hold the lock throughout."""
    view.reads_first = True
    return view


def view_reads_first() -> bool:
    view = current_app.view_functions.get(request.endpoint) if request.endpoint else None
    return getattr(view, "reads_first", False)


db = Database()
csrf = CSRFProtect()
login_manager = LoginManager()
babel = Babel()
