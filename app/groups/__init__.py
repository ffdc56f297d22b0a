"""The union's Facebook groups: a register, the monthly numbers their admins copy from Group
Insights, the health of each group, and training aimed at the groups that need it.

Only aggregate numbers are kept: nothing about individual members of a Facebook group, and
never a Facebook password or token.
"""
from flask import Blueprint, Flask

bp = Blueprint("groups", __name__, cli_group="groups")


def register(app: Flask) -> None:
    from . import cli, views, views_manage, views_numbers  # noqa: F401  (register routes and commands)

    app.register_blueprint(bp, url_prefix="/groups")
