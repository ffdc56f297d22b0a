"""Certificates: the holder's copy (HTML and PDF), public verification, and revocation."""
from flask import Blueprint, Flask

bp = Blueprint("certificates", __name__)


def register(app: Flask) -> None:
    from . import views  # noqa: F401  (registers the routes)

    app.register_blueprint(bp)
