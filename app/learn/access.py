"""Which courses the signed-in member may open, in which language."""
from __future__ import annotations

from flask import abort
from flask_babel import get_locale
from flask_login import current_user

from ..content_store import catalogue
from ..models import PlatformRole


def can_preview() -> bool:
    """Trainers and admins see drafts and are never locked out by prerequisites."""
    return current_user.is_authenticated and current_user.has_role(PlatformRole.TRAINER, PlatformRole.ADMIN)


def visible_courses():
    return catalogue().visible_courses(include_drafts=can_preview())


def course_or_404(slug: str):
    """A course the member may see: broken courses and others' drafts do not exist for her."""
    course = catalogue().course(slug)
    if course is None or course.is_broken or (course.draft and not can_preview()):
        abort(404)
    return course


def language() -> str:
    return str(get_locale() or "en")
