"""The statements the groups pages and commands share: which groups, which roster, which
standing, read one way for the pages, the exports and the command line."""
from __future__ import annotations

from datetime import date

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..i18n import union_today
from ..models import FacebookGroup, Member, Unit
from .access import groups_in_scope
from .settings import current_thresholds
from .summary import GroupSummary, summarise

#: The course the union expects every group admin to finish (her certificate's date is marked).
DEFAULT_COURSE = "running-facebook-groups"
#: At most this many people are offered as a group's admins and moderators.
ROSTER_LIMIT = 400


def training_course() -> str:
    return current_app.config.get("GROUPS_TRAINING_COURSE", DEFAULT_COURSE)


def groups_for(session: Session, member: Member | None, unit: Unit | None = None) -> list[FacebookGroup]:
    """The groups ``member`` may see (all for the command line, ``member`` None), limited to
    ``unit`` and the units below it when given."""
    query = select(FacebookGroup) if member is None else groups_in_scope(member, session)
    if unit is not None:
        query = query.join(Unit, Unit.id == FacebookGroup.unit_id).where(
            Unit.path.startswith(unit.path, autoescape=True))
    return list(session.scalars(query.order_by(FacebookGroup.name)))


def standing(session: Session, groups: list[FacebookGroup], today: date | None = None) -> list[GroupSummary]:
    """The groups' standing, weakest first, with the thresholds in force."""
    return summarise(session, groups, today=today or union_today(), thresholds=current_thresholds(session),
                     course_slug=training_course())


def roster_of(session: Session, unit: Unit) -> list[Member]:
    """Active members of ``unit`` and the units below it, who may run its groups."""
    return list(session.scalars(
        select(Member).join(Unit, Unit.id == Member.unit_id)
        .where(Unit.path.startswith(unit.path, autoescape=True), Member.active.is_(True))
        .order_by(Member.full_name, Member.id).limit(ROSTER_LIMIT)))
