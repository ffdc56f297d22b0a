"""Taking quizzes (graded on the server only), results, and statistics for trainers."""
from flask import Blueprint, Flask

bp = Blueprint("quiz", __name__)


def register(app: Flask) -> None:
    from . import statistics, views  # noqa: F401  (registers the routes)

    app.register_blueprint(bp)
