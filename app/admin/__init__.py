"""Managing members and units: admins everywhere, coordinators in their own units."""
from flask import Blueprint

bp = Blueprint("admin", __name__)

from ..audit import register as _register_audit  # noqa: E402
from . import assignments, certificates, members, unit_reorganise, units  # noqa: E402,F401  (registers the routes)

_register_audit(bp)  # the audit pages live at /admin/audit/
