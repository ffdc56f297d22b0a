"""The union's learning platform: ``create_app`` builds the Flask app from small named steps."""
from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from . import config as defaults


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: defaults, then ``instance/config.py``, then the environment, then tests."""
    instance = Path(os.environ.get("UNION_INSTANCE_PATH", defaults.ROOT / "instance"))
    app = Flask(__name__, instance_path=str(instance), instance_relative_config=True)
    _configure(app, test_config)
    if app.config["PROXY_COUNT"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        n = int(app.config["PROXY_COUNT"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)  # type: ignore[method-assign]  # as Flask's docs do

    from . import throttle
    from .extensions import babel, csrf, db, login_manager
    from .i18n import install_template_gettext, select_locale, select_timezone

    db.init_app(app)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    install_template_gettext(app)
    throttle.init_app(app)
    login_manager.init_app(app)

    from . import security, web

    security.init_app(app)
    web.init_app(app)

    from .content_store import init_content

    init_content(app)

    from .cli import register_commands

    register_commands(app)
    return app


def _configure(app: Flask, test_config: Mapping[str, Any] | None) -> None:
    app.config.from_object(defaults.Defaults)
    app.config.from_pyfile("config.py", silent=True)
    defaults.from_environment(app.config)
    app.config.from_prefixed_env("UNION")
    if test_config:
        app.config.update(test_config)
    if not app.config.get("DATABASE_URL"):
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        app.config["DATABASE_URL"] = f"sqlite:///{Path(app.instance_path) / 'union.sqlite3'}"
    app.config["SQLALCHEMY_URL"] = _driver_url(app.config["DATABASE_URL"])
    if app.config["PRODUCTION"]:
        if app.config["SECRET_KEY"] in (defaults.DEV_SECRET_KEY, "", None):
            raise RuntimeError(
                "Refusing to start in production with the default SECRET_KEY: "
                "set SECRET_KEY in the environment or in instance/config.py."
            )
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True
        from .security import trusted_hosts

        # Requests for any other host are refused (400), so no page is built from a forged Host.
        app.config["TRUSTED_HOSTS"] = trusted_hosts(app.config)
        if app.config["PUBLIC_URL"] == defaults.Defaults.PUBLIC_URL:
            import logging

            logging.getLogger("union").warning(
                "PUBLIC_URL is not set: certificates print %s and only that host is served",
                app.config["PUBLIC_URL"])
    if app.config.get("CONTENT_AUTO_RELOAD") is None:
        app.config["CONTENT_AUTO_RELOAD"] = app.debug and not app.config["PRODUCTION"]


def _driver_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL URLs written the usual way."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url
