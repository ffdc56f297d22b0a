"""Configuration defaults; ``create_app`` layers instance/config.py and the environment on top."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: The value that production refuses to start with.
DEV_SECRET_KEY = "dev-only-not-secret"


class Defaults:
    """Settings every deployment starts from."""

    SECRET_KEY = DEV_SECRET_KEY
    # None means: SQLite file in the instance folder (set in create_app).
    DATABASE_URL: str | None = None
    REDIS_URL: str | None = None
    COURSES_DIR = str(ROOT / "courses")
    QUIZZES_DIR = str(ROOT / "quizzes")
    # Re-read content files when they change (development); production reads them at start.
    CONTENT_AUTO_RELOAD: bool | None = None
    RENDER_CACHE_DIR: str | None = None  # None: instance/render-cache

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False  # forced on in production
    PERMANENT_SESSION_LIFETIME = 60 * 60 * 12
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = 60 * 60 * 8

    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
    LANGUAGES = ("en", "vi", "th")

    # Login throttling: failed attempts per account and per address.
    LOGIN_LIMIT_PER_ACCOUNT = "5 per 15 minutes"
    LOGIN_LIMIT_PER_ADDRESS = "30 per 15 minutes"
    RATELIMIT_KEY_PREFIX = "union-learning"
    RATELIMIT_HEADERS_ENABLED = False

    CERTIFICATE_LOOKUP_LIMIT = "30 per minute"
    SIGN_IN_CODE_HOURS = 72
    PASSWORD_HASH_METHOD = "scrypt"
    MAX_CONTENT_LENGTH = 5 * 1024 * 1024
    ROSTER_MAX_ROWS = 20_000
    #: An XLSX file may unpack to at most this much (a guard against zip bombs).
    ROSTER_MAX_UNZIPPED_BYTES = 32 * 1024 * 1024

    # Static files carry a content hash in their URL, so browsers may keep them a year.
    SEND_FILE_MAX_AGE_DEFAULT = 365 * 24 * 3600

    #: How many proxies in front of the app set X-Forwarded-For/-Proto/-Host (0: none).
    #: Behind nginx, set 1: throttling then counts the real address, not the proxy's.
    PROXY_COUNT = 0

    PRODUCTION = False


def from_environment(config: dict) -> None:
    """Apply the documented environment variables (and any ``UNION_*`` override)."""
    for name in ("DATABASE_URL", "SECRET_KEY", "REDIS_URL"):
        if os.environ.get(name):
            config[name] = os.environ[name]
    if os.environ.get("UNION_ENV") == "production":
        config["PRODUCTION"] = True
