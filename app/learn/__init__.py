"""Reading courses: the catalogue, course overviews, lessons, course files and "My learning"."""
from flask import Blueprint, Flask

bp = Blueprint("learn", __name__)


def register(app: Flask) -> None:
    from . import files, health, lessons, me, sharing, trainer_kit  # noqa: F401  (registers the routes)

    app.register_blueprint(bp)
