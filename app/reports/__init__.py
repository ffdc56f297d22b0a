"""Reports: completion by district, commune and member, with charts and exports.

Coordinators see their own unit and the units below it; admins see the whole union.
"""
from flask import Blueprint, Flask

bp = Blueprint("reports", __name__)


def register(app: Flask) -> None:
    from ..progress import count_watch
    from . import roster, views  # noqa: F401  (registers the routes)

    app.register_blueprint(bp, url_prefix="/reports")
    # The kept counts the report reads follow every ORM write of the app's sessions.
    count_watch.watch(app.extensions["database"][1].session_factory)
