"""A unit's reorganisation history in words, for its admin page."""
from __future__ import annotations

import json

from flask_babel import gettext as _

from ..models import UnitChange


def describe_change(change: UnitChange) -> dict:
    """``{"on", "recorded_at", "by", "text"}`` for one recorded change."""
    detail = json.loads(change.detail or "{}")
    if change.action == "merge":
        former = ", ".join(f"{u['name']} ({u['code']})" for u in detail.get("former", []))
        text = _("Took in %(former)s: %(members)d members and their learning, %(certificates)d certificates, "
                 "%(assignments)d assignments.", former=former, members=detail.get("rows", {}).get("member", 0),
                 certificates=detail.get("rows", {}).get("certificate", 0),
                 assignments=detail.get("rows", {}).get("assignment", 0))
    elif change.action == "merged":
        into = detail.get("into", {})
        text = _("Merged into %(unit)s (%(code)s); its code still finds that unit.",
                 unit=into.get("name", ""), code=into.get("code", ""))
    elif change.action == "move":
        before, after = detail.get("from") or {}, detail.get("to") or {}
        text = _("Moved from %(before)s to %(after)s.", before=before.get("name", "–"), after=after.get("name", ""))
    else:
        text = _("Renamed from %(before)s to %(after)s.", before=detail.get("from", ""), after=detail.get("to", ""))
    return {"on": change.effective_on, "recorded_at": change.recorded_at,
            "by": change.actor_label or _("the command line"), "text": text}
