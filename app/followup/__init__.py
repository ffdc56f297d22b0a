"""Following members up: the coordinators' worklist (``/reports/follow-up``) of members behind
on an assigned course, most urgent first, with why, a ready message and the links that open
the coordinator's own phone apps; and the follow-up log on each member's report page.

The rule (``reasons``) is pure; ``queries`` reads and writes; ``channels`` turns a member and
a message into actions (where a Zalo Official Account sender would plug in: see there);
``views`` and ``exports`` are the pages and the files.
"""
from flask import Blueprint, Flask

bp = Blueprint("followup", __name__)

#: Settings (each may be set in instance/config.py or as UNION_<NAME> in the environment).
DEFAULTS = {
    #: The language of a message to a member who has not chosen one.
    "REMINDER_DEFAULT_LANGUAGE": "vi",
    #: Members shown on one page of the worklist.
    "FOLLOW_UP_PAGE_SIZE": 50,
    #: A unit with more members than this is too large for one worklist: she chooses a unit
    #: below it (every member's learning is read to find who is behind).
    "FOLLOW_UP_MAX_MEMBERS": 20_000,
}


def register(app: Flask) -> None:
    for name, value in DEFAULTS.items():
        app.config.setdefault(name, value)
    from . import views  # noqa: F401  (registers the routes)

    app.register_blueprint(bp, url_prefix="/reports")
