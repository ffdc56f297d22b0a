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
    #: Quiz statistics give a question a verdict (too easy, too hard, misleading) only when
    #: at least this many attempts answered it: on fewer, one member changes the picture.
    QUIZ_STATS_MIN_ANSWERS = 20

    # Throttling (app/throttle): each limit is "N per M minutes" (or second/hour/day), counted
    # in a window that opens at the first hit, in Redis when REDIS_URL is set, else in the
    # database. Right passwords and codes are never counted; guesses are counted before the
    # check, so parallel guesses cannot pass it together.
    #: Failed sign-ins for one account from browsers where she has not signed in before.
    #: Past it those browsers wait (answer 429) even with the right password.
    LOGIN_LIMIT_PER_ACCOUNT = "5 per 15 minutes"
    #: Failed sign-ins from a browser where she did sign in before (its device cookie); they
    #: are not charged to the account, so guesses from elsewhere never lock her out there.
    LOGIN_LIMIT_PER_DEVICE = "10 per 15 minutes"
    #: Failed sign-ins (and codes) from one address that no later success of the same account
    #: from there has answered: a hall behind one address stays near zero, a client guessing
    #: across many accounts reaches it and waits.
    LOGIN_LIMIT_PER_ADDRESS = "100 per 15 minutes"
    #: Wrong sign-in codes typed for one username.
    SIGN_IN_CODE_LIMIT_PER_ACCOUNT = "5 per 15 minutes"
    #: Wrong current passwords on the change-password page of one account.
    PASSWORD_CHECK_LIMIT = "5 per 15 minutes"
    #: Public certificate checks (/certificates/<code>) from one address, found or not.
    CERTIFICATE_LOOKUP_LIMIT = "30 per minute"
    #: How long a browser stays trusted after her last successful sign-in on it.
    DEVICE_COOKIE_DAYS = 365
    #: After Redis fails to answer, count in the database this long before trying it again.
    REDIS_RETRY_SECONDS = 5
    RATELIMIT_ENABLED = True  # False only for benchmarks that measure something else
    RATELIMIT_KEY_PREFIX = "union-learning"  # tells apart sites sharing one Redis
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

    #: The site's public address, printed on certificates and in their QR codes (never taken
    #: from the request's Host header). In production the site answers only to this host
    #: and to those in TRUSTED_HOSTS_EXTRA.
    PUBLIC_URL = "http://127.0.0.1:5000"
    TRUSTED_HOSTS_EXTRA: tuple[str, ...] = ()

    #: The site's name in the header, page titles and on a phone's home screen: the union's
    #: own wording, in Vietnamese whatever the interface language (it is a name).
    SITE_NAME = "Hội LHPN tỉnh Vĩnh Long – Học tập số"
    SITE_SHORT_NAME = "Học tập số"  # under the icon on a home screen (about 12 letters)

    # A request's form: at most this many fields and files, and this much text outside files
    # (Werkzeug stops parsing past them and answers 413).
    MAX_FORM_PARTS = 1000
    MAX_FORM_MEMORY_SIZE = 500 * 1024

    #: Below this much free space in the instance folder, /healthz reports the disk as full.
    DISK_MIN_FREE_MB = 50


def from_environment(config: dict) -> None:
    """Apply the documented environment variables (and any ``UNION_*`` override)."""
    for name in ("DATABASE_URL", "SECRET_KEY", "REDIS_URL", "PUBLIC_URL", "SITE_NAME"):
        if os.environ.get(name):
            config[name] = os.environ[name]
    if os.environ.get("UNION_ENV") == "production":
        config["PRODUCTION"] = True
