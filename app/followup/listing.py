"""The worklist of one request: who is behind (``reasons.worklist``), in words, with the
message and the actions for each member."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..content_store import catalogue
from ..extensions import db
from ..models import Member, Unit
from ..models.followup import FollowUpNote
from ..progress.assignments import today_in
from .channels import Action, actions_for
from .messages import reminder
from .queries import assigned_courses, course_facts, latest_notes, members_under
from .reasons import BehindCourse, WorklistEntry, worklist
from .wording import course_title, due_text, reason_text


class TooManyMembers(Exception):
    """The unit holds more members than one worklist reads (``FOLLOW_UP_MAX_MEMBERS``): the
    viewer chooses a unit below it."""

    def __init__(self, count: int):
        super().__init__(count)
        self.count = count


@dataclass(frozen=True)
class Worklist:
    entries: list[WorklistEntry]
    members: dict[int, tuple[Member, Unit]]


def behind_members(viewer: Member, root: Unit | None, course_slug: str | None, *, now: datetime,
                   zone: str, most: int | None = None) -> Worklist:
    """Everyone under ``root`` behind on an assigned course (only ``course_slug`` when given).

    Every member's learning under ``root`` is read; past ``most`` members that is refused
    (TooManyMembers) rather than read for a whole province on one page view."""
    courses = {c.slug: c for c in catalogue().visible_courses()
               if course_slug is None or c.slug == course_slug}
    members = members_under(db.session, root, leave_out=viewer.id)
    if most is not None and len(members) > most:
        raise TooManyMembers(len(members))
    assigned = assigned_courses(db.session, members, root, set(courses))
    facts = course_facts(db.session, assigned, courses, now=now)
    entries = worklist([member.id for member, _unit in members], facts, today_in(zone, now))
    return Worklist(entries, {member.id: (member, unit) for member, unit in members})


@dataclass(frozen=True)
class BehindCourseShown:
    behind: BehindCourse
    title: str
    due: str
    reasons: list[str]

    @property
    def status(self) -> str:
        """For the badge: overdue, or where she stands."""
        if self.behind.overdue:
            return "overdue"
        started = not any(r.kind.value == "not_started" for r in self.behind.reasons)
        return "in_progress" if started else "not_started"


@dataclass(frozen=True)
class FollowUpRow:
    member: Member
    unit: Unit
    courses: list[BehindCourseShown]
    message: str
    actions: list[Action]
    note: FollowUpNote | None

    def action(self, kind: str) -> Action | None:
        return next((a for a in self.actions if a.kind == kind), None)


def shown_rows(worklist: Worklist, entries: list[WorklistEntry], lang: str) -> list[FollowUpRow]:
    """``entries`` (a page of the worklist, or all of it) ready for the page and the files."""
    notes = latest_notes(db.session, [entry.member_id for entry in entries])
    found = []
    for entry in entries:
        member, unit = worklist.members[entry.member_id]
        courses = [BehindCourseShown(b, course_title(b.course_slug, lang), due_text(b),
                                     [reason_text(b.course_slug, r, lang) for r in b.reasons])
                   for b in entry.courses]
        message = reminder(member, list(entry.courses))
        found.append(FollowUpRow(member, unit, courses, message, actions_for(member, message),
                                 notes.get(member.id)))
    return found
