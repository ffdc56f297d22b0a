"""Managing members and units: admins everywhere, coordinators in their own units."""
from flask import Blueprint

bp = Blueprint("admin", __name__)

from . import assignments, members, units  # noqa: E402,F401  (registers the routes)
