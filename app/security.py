"""Request ids, security headers, generic error pages and the audit log."""
from __future__ import annotations

import logging
import re
import secrets

from flask import Flask, g, render_template, request
from flask_login import current_user
from werkzeug.exceptions import HTTPException

audit = logging.getLogger("union.audit")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'"
)
_REQUEST_ID = re.compile(r"^[A-Za-z0-9-]{8,64}$")


def init_app(app: Flask) -> None:
    if not app.debug and not app.testing:
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s"
        )
        logging.getLogger("alembic").setLevel(logging.WARNING)
    app.before_request(_assign_request_id)
    app.after_request(_set_headers)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _server_error)


def _assign_request_id() -> None:
    incoming = request.headers.get("X-Request-ID", "")
    g.request_id = incoming if _REQUEST_ID.match(incoming) else secrets.token_hex(8)


def _set_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CSP)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if "request_id" in g:
        headers["X-Request-ID"] = g.request_id
    if current_user and current_user.is_authenticated and "Cache-Control" not in headers:
        headers["Cache-Control"] = "no-store"
    return response


def _http_error(exc: HTTPException):
    if exc.code is None or exc.code < 400:
        return exc
    if exc.code in (401, 403):
        log_denied(f"http {exc.code}")
    return render_template("error.html", error=exc), exc.code


def _server_error(exc: Exception):
    from .extensions import db

    db.scoped.remove()
    logging.getLogger("union").exception("unhandled error, request %s", g.get("request_id"))
    return render_template("error.html", error=None), 500


def log_denied(what: str) -> None:
    """Record an access denial, without secrets."""
    who = current_user.username if current_user and current_user.is_authenticated else "-"
    audit.warning(
        "access denied: %s path=%s member=%s addr=%s request=%s",
        what, request.path, who, request.remote_addr, g.get("request_id"),
    )
