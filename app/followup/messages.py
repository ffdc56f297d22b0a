"""The reminder a coordinator sends: in the member's language, naming each course she is
behind on, its due date (dd/mm/yyyy, as Vietnamese write it) and a direct link.

Links are absolute, built from PUBLIC_URL like the certificates' (never from the request's
Host header, which the sender of a request chooses).
"""
from __future__ import annotations

from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from ..content_store import catalogue
from ..models import Member
from .reasons import BehindCourse

#: The language of a reminder to a member who has not chosen one (she follows her phone's
#: language on the site, which the coordinator cannot know): the union's own.
DEFAULT_REMINDER_LANGUAGE = "vi"


def reminder_language(member: Member) -> str:
    languages = current_app.config["LANGUAGES"]
    if member.language is not None and member.language in languages:
        return member.language
    chosen = current_app.config.get("REMINDER_DEFAULT_LANGUAGE", DEFAULT_REMINDER_LANGUAGE)
    return chosen if chosen in languages else current_app.config["BABEL_DEFAULT_LOCALE"]


def course_link(course_slug: str) -> str:
    """The course page's absolute address (she signs in first if she has to)."""
    return current_app.config["PUBLIC_URL"].rstrip("/") + url_for("learn.course", course_slug=course_slug)


def given_name(full_name: str) -> str:
    """The name a Vietnamese woman is called by: the last word of her full name."""
    words = full_name.split()
    return words[-1] if words else full_name


def day(value) -> str:
    return value.strftime("%d/%m/%Y")


def reminder(member: Member, courses: list[BehindCourse]) -> str:
    """The whole message, ready to paste into an SMS or a Zalo chat."""
    lang = reminder_language(member)
    with force_locale(lang):
        lines = [_("Hello %(name)s,", name=given_name(member.full_name))]
        for behind in courses:
            lines.append(_course_line(behind, lang))
        lines.append(_("Thank you! Call me if you need help."))
    return "\n".join(lines)


def _course_line(behind: BehindCourse, lang: str) -> str:
    course = catalogue().course(behind.course_slug)
    title = course.text_for(lang).title if course is not None else behind.course_slug
    link = course_link(behind.course_slug)
    if behind.due_date is None:
        return _("please finish the course “%(course)s”: %(link)s", course=title, link=link)
    if behind.overdue:
        return _("the course “%(course)s” was due on %(date)s; please finish it soon: %(link)s",
                 course=title, date=day(behind.due_date), link=link)
    return _("please finish the course “%(course)s” by %(date)s: %(link)s",
             course=title, date=day(behind.due_date), link=link)
