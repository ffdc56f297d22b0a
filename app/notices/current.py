"""The signed-in member's notices, worked out at most once per request.

The header of every page asks for their number, My learning for the list; both read the
same answer, kept in ``g``. Nothing is read for visitors, on error pages (see base.html),
or before she has agreed to the privacy notice (her data is not used before that).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from flask import current_app, g, url_for
from flask_login import current_user

from ..content_store import catalogue
from ..extensions import db
from ..learn.access import can_preview, language
from .queries import course_shapes, situation_of
from .rules import Notice, NoticeKind, notices_for


def utc_now() -> datetime:
    """The clock the notices read (tests set it to the edges of a day)."""
    return datetime.now(UTC)


def zone() -> str:
    return current_app.config["BABEL_DEFAULT_TIMEZONE"]


def may_see_notices() -> bool:
    """Signed in, the database there, and agreed to the privacy notice (when one is asked)."""
    if g.get("database_unavailable") or not current_user.is_authenticated:
        return False
    if not current_app.config.get("PRIVACY_CONSENT_REQUIRED", True):
        return True
    from ..privacy.gate import current_notice_version, own_state

    return current_notice_version() is None or own_state().agreed


def my_notices() -> list[Notice]:
    """Her notices now, most pressing first (empty when she may not see them)."""
    if "my_notices" not in g:
        g.my_notices = _worked_out() if may_see_notices() else []
    return g.my_notices


def _worked_out() -> list[Notice]:
    shapes = course_shapes(include_drafts=can_preview())
    now = utc_now()
    member = current_user._get_current_object()
    situation = situation_of(db.session, member, shapes, now=now, zone=zone())
    return notices_for(situation, shapes, now=now, zone=zone())


@dataclass(frozen=True)
class ShownNotice:
    """A notice with what the page prints: titles in her language and where it leads."""

    notice: Notice
    title: str
    quiz_title: str | None
    href: str

    @property
    def kind(self) -> str:
        return self.notice.kind.value


def shown(notices: list[Notice]) -> list[ShownNotice]:
    lang = language()
    found = []
    for notice in notices:
        course = catalogue().course(notice.course_slug)
        if course is None:
            continue
        quiz = catalogue().quiz(notice.quiz_id) if notice.quiz_id else None
        if notice.kind is NoticeKind.RETAKE and quiz is not None:
            href = url_for("quiz.take", quiz_id=quiz.id, course=course.slug)
        elif notice.kind is NoticeKind.SESSION_TOMORROW and "training.index" in current_app.view_functions:
            href = url_for("training.index")
        else:
            href = url_for("learn.course", course_slug=course.slug)
        found.append(ShownNotice(notice, course.text_for(lang).title,
                                 quiz.text_for(lang).title if quiz is not None else None, href))
    return found


def template_helpers() -> dict:
    """For base.html (the header's count) and the list on My learning: called only where a
    template asks, so a page that shows no header reads nothing."""
    return {"header_notice_count": lambda: len(my_notices()),
            "my_shown_notices": lambda: shown(my_notices())}
