"""Throttling of sign-in guesses and certificate lookups, shared by all workers and servers.

Counters live in Redis when ``REDIS_URL`` is set and in the main database otherwise (or while
Redis does not answer). The limits are set in ``app/config.py``; the rules are in
``attempts.py``.
"""
from __future__ import annotations

from flask import Flask, current_app

from .attempts import (
    Attempt,
    certificate_lookup,
    code_sign_in,
    current_password_check,
    password_sign_in,
)
from .counters import Counters
from .limits import Limit

LIMIT_SETTINGS = ("LOGIN_LIMIT_PER_ACCOUNT", "LOGIN_LIMIT_PER_DEVICE", "LOGIN_LIMIT_PER_ADDRESS",
                  "SIGN_IN_CODE_LIMIT_PER_ACCOUNT", "PASSWORD_CHECK_LIMIT",
                  "CERTIFICATE_LOOKUP_LIMIT")

__all__ = ["Attempt", "certificate_lookup", "code_sign_in", "current_password_check", "init_app",
           "password_sign_in", "redis_status"]


def init_app(app: Flask) -> None:
    """Check every limit setting (a typo stops the start) and set up the counters."""
    for name in LIMIT_SETTINGS:
        try:
            Limit.parse(app.config[name])
        except ValueError as exc:
            raise RuntimeError(f"{name}: {exc}") from None
    engine = app.extensions["database"][0]
    app.extensions["throttle"] = Counters(engine, app.config.get("REDIS_URL"),
                                          float(app.config["REDIS_RETRY_SECONDS"]))


def redis_status() -> str | None:
    """For the health check: None when no ``REDIS_URL`` is set, else ``"ok"`` or
    ``"unreachable"`` from a ping made now (within half a second). Needs an app context."""
    return current_app.extensions["throttle"].redis_status()
