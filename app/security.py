"""Request ids, security headers, input refused before any view, error pages and the audit log."""
from __future__ import annotations

import logging
import re
import secrets
from urllib.parse import parse_qsl

from flask import Flask, Request, g, render_template, request
from flask_login import current_user
from werkzeug.exceptions import BadRequest, HTTPException, RequestEntityTooLarge, SecurityError
from werkzeug.formparser import FormDataParser

from app.lazy_text import lazy_gettext as _l

from .field_rules import control_character_in

audit = logging.getLogger("union.audit")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'"
)
_REQUEST_ID = re.compile(r"^[A-Za-z0-9-]{8,64}$")

#: How a log message shows a control character or a line separator: escaped, never raw.
_LOG_ESCAPES = {code: f"\\x{code:02x}" for code in [*range(0x20), *range(0x7F, 0xA0)]}
_LOG_ESCAPES.update({ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t",
                     0x2028: "\\u2028", 0x2029: "\\u2029"})


def init_app(app: Flask) -> None:
    if not app.debug and not app.testing:
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s"
        )
        logging.getLogger("alembic").setLevel(logging.WARNING)
    install_log_escaping()
    app.request_class = LimitedRequest
    app.before_request(_assign_request_id)
    app.before_request(_refuse_control_characters_in_address)
    app.after_request(_set_headers)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _server_error)


class EscapedLogRecord(logging.LogRecord):
    """A log record whose message (arguments included) shows control characters escaped,
    so that a visitor's text (a path with ``%0A``, a username) cannot start a forged line.
    Tracebacks are formatted apart from the message and keep their lines."""

    def getMessage(self) -> str:
        return super().getMessage().translate(_LOG_ESCAPES)


def install_log_escaping() -> None:
    """Make every logger of the process create escaped records, whichever handler writes them
    (the console, gunicorn's error log, a test's capture)."""
    if logging.getLogRecordFactory() is logging.LogRecord:
        logging.setLogRecordFactory(EscapedLogRecord)


class ControlCharactersRefused(BadRequest):
    user_message = _l("The address contains an invisible control character (such as NUL). "
                      "Check the link, or go back and try again.")


def _refuse_control_characters_in_address() -> None:
    """A path or query string with a control character is refused before any view runs."""
    texts = [request.path, *request.args.keys(), *request.args.values()]
    if any(control_character_in(text) is not None for text in texts):
        audit.warning("refused control characters: path=%s query=%s request=%s",
                      request.path, request.query_string.decode("latin-1")[:200], g.get("request_id"))
        raise ControlCharactersRefused()


class _LimitedFormParser(FormDataParser):
    """Werkzeug limits the parts and size of multipart forms only; this applies the same
    limits to url-encoded ones, counting the fields before parsing any of them."""

    def _parse_urlencoded(self, stream, mimetype, content_length, options):
        limit = self.max_form_memory_size
        if limit is not None and content_length is not None and content_length > limit:
            raise RequestEntityTooLarge()
        body = stream.read() if limit is None else stream.read(limit + 1)
        if limit is not None and len(body) > limit:
            raise RequestEntityTooLarge()
        if self.max_form_parts is not None and body.count(b"&") >= self.max_form_parts:
            raise RequestEntityTooLarge()
        items = parse_qsl(body.decode(), keep_blank_values=True, errors="werkzeug.url_quote")
        return stream, self.cls(items), self.cls()


class LimitedRequest(Request):
    """Flask's request, with MAX_FORM_PARTS and MAX_FORM_MEMORY_SIZE also for url-encoded forms."""

    form_data_parser_class = _LimitedFormParser


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


_UNKNOWN_HOST = _l("This site does not answer to that address. Use the address you were given.")


def _http_error(exc: HTTPException):
    if exc.code is None or exc.code < 400:
        return exc
    if exc.code in (401, 403):
        log_denied(f"http {exc.code}")
    if isinstance(exc, SecurityError):  # no page can be drawn: its links need a known host
        return str(_UNKNOWN_HOST), 400, {"Content-Type": "text/plain; charset=utf-8"}
    return render_template("error.html", error=exc, message=getattr(exc, "user_message", None)), exc.code


def _server_error(exc: Exception):
    from .extensions import db
    from .health import StorageUnavailable, storage_failure

    try:
        db.scoped.remove()
    except Exception:  # the connection may have gone with its database
        logging.getLogger("union").warning("could not end the session, request %s", g.get("request_id"))
    if _number_out_of_range(exc):
        audit.warning("refused a number out of range: path=%s request=%s", request.path, g.get("request_id"))
        return _http_error(NumberOutOfRange())
    failure = storage_failure(exc)
    if failure is not None:
        logging.getLogger("union").error("storage failure (%s), request %s: %s",
                                         failure, g.get("request_id"), exc)
        return _http_error(StorageUnavailable.refuse(failure))
    logging.getLogger("union").exception("unhandled error, request %s", g.get("request_id"))
    return render_template("error.html", error=None), 500


class NumberOutOfRange(BadRequest):
    user_message = _l("A number in the address or the form is too large. Check it and try again.")


def _number_out_of_range(exc: Exception) -> bool:
    """A number from the request that the database cannot hold (SQLite refuses to bind it,
    PostgreSQL answers SQLSTATE 22003): the request's fault, wherever no form bounded it."""
    if isinstance(exc, OverflowError) and "SQLite INTEGER" in str(exc):
        return True
    return getattr(getattr(exc, "orig", None), "sqlstate", None) == "22003"


def log_denied(what: str) -> None:
    """Record an access denial, without secrets."""
    who = current_user.username if current_user and current_user.is_authenticated else "-"
    audit.warning(
        "access denied: %s path=%s member=%s addr=%s request=%s",
        what, request.path, who, request.remote_addr, g.get("request_id"),
    )


def trusted_hosts(config) -> list[str]:
    """The hosts a production site answers to: PUBLIC_URL's, and TRUSTED_HOSTS_EXTRA."""
    from urllib.parse import urlsplit

    extra = config.get("TRUSTED_HOSTS_EXTRA") or ()
    if not isinstance(extra, (list, tuple)):  # from the environment: "a.example, b.example"
        extra = [name.strip() for name in str(extra).split(",")]
    public = urlsplit(config["PUBLIC_URL"]).hostname
    return [name for name in (public, *extra) if name]
