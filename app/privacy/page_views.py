"""Who saw what: every successful view of a member's page leaves an audit entry.

The member pages belong to other features; this names them in one place and records each
GET that answered 200, after the page was built (a page refused with 403 or 404 showed
nothing).
"""
from __future__ import annotations

from flask import Flask, Response, g, request
from flask_login import current_user

from ..audit import Action, record
from ..db import begin_write
from ..extensions import db
from ..models import Member

#: Endpoint -> the name of its URL argument holding the member's id.
MEMBER_PAGES = {"admin.member_edit": "member_id", "reports.member": "member_id"}


def _record_member_view(response: Response) -> Response:
    argument = MEMBER_PAGES.get(request.endpoint or "")
    if (argument is None or request.method != "GET" or response.status_code != 200
            or not current_user.is_authenticated or g.get("database_unavailable")):
        return response
    member_id = (request.view_args or {}).get(argument)
    viewer_id = current_user.id
    begin_write(db.session)
    viewer, member = db.session.get(Member, viewer_id), db.session.get(Member, member_id)
    if member is not None:
        record(db.session, viewer, Action.MEMBER_VIEW, member, page=request.endpoint)
        db.session.commit()
    return response


def init_app(app: Flask) -> None:
    app.after_request(_record_member_view)



