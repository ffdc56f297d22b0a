"""Device cookies (OWASP's answer to lock-outs): a browser where an officer has signed in
before carries a signed cookie naming her, and failures made elsewhere do not lock it out.

The cookie holds her username and a random id for this browser, signed with SECRET_KEY; it
proves nothing about the password and opens no session. Its only effect is which counter a
failed sign-in from this browser is charged to: the browser's own, not the account's.
"""
from __future__ import annotations

import secrets

from flask import after_this_request, current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer

COOKIE = "union_device"
#: Sent only to the sign-in pages (``/login`` and ``/login/code``).
COOKIE_PATH = "/login"


def _serializer() -> URLSafeTimedSerializer:
    assert current_app.secret_key is not None  # the configuration always has one
    return URLSafeTimedSerializer(current_app.secret_key, salt="union-device-cookie")


def _max_age() -> int:
    return int(current_app.config["DEVICE_COOKIE_DAYS"]) * 86400


def device_of(username: str) -> str | None:
    """The id of this browser if it carries a valid device cookie for ``username``."""
    raw = request.cookies.get(COOKIE)
    if not raw:
        return None
    try:
        payload = _serializer().loads(raw, max_age=_max_age())
    except BadSignature:
        return None
    if not isinstance(payload, dict) or payload.get("u") != username or not payload.get("d"):
        return None
    return str(payload["d"])


def remember_device(username: str) -> None:
    """Give this browser a fresh device cookie for ``username`` with the response."""
    value = _serializer().dumps({"u": username, "d": secrets.token_urlsafe(16)})

    @after_this_request
    def _set_cookie(response):
        response.set_cookie(COOKIE, value, max_age=_max_age(), path=COOKIE_PATH, httponly=True,
                            samesite="Lax",
                            secure=bool(current_app.config["SESSION_COOKIE_SECURE"]))
        return response
