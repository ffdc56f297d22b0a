"""Roster import: admins, and coordinators for the officers of their own units, bring members
in from the spreadsheets the union already keeps (what each may change: the member policy).

A dry run lists every problem by row and column; the import then writes all rows or none,
updates members it already knows (by username or external id), and prints a sheet of
one-time sign-in codes for the new ones.
"""
from flask import Blueprint, Flask

bp = Blueprint("roster", __name__)


def register(app: Flask) -> None:
    from . import views  # noqa: F401  (registers the routes)

    app.register_blueprint(bp, url_prefix="/admin/roster")
