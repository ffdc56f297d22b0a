"""In-person training sessions of blended courses: scheduling for the invited units, the
check-in code shown in the hall, attendance ticked or entered from the paper sheet, and the
attendance a blended course needs before it is complete."""
from flask import Blueprint, Flask

bp = Blueprint("training", __name__)


def register(app: Flask) -> None:
    from . import checkin, views, views_attend  # noqa: F401  (register the routes)

    # For the session card, which My learning imports as a macro (no request context there).
    app.jinja_env.globals["check_in_opens_before"] = checkin.OPENS_BEFORE

    app.register_blueprint(bp, url_prefix="/sessions")
