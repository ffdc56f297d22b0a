"""The worklist's reasons and due dates in words, in the page's language (the page, the print
view and the downloads say the same)."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext

from ..content_store import catalogue
from .messages import day
from .reasons import BehindCourse, Reason, ReasonKind


def local_day(moment: datetime) -> str:
    return day(moment.astimezone(ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])))


def lesson_title(course_slug: str, lesson_slug: str, lang: str) -> str:
    course = catalogue().course(course_slug)
    lesson = course.lesson(lesson_slug) if course is not None else None
    return lesson.text_for(lang).title if lesson is not None else lesson_slug


def quiz_title(quiz_id: str, lang: str) -> str:
    quiz = catalogue().quiz(quiz_id)
    return quiz.text_for(lang).title if quiz is not None else quiz_id


def reason_text(course_slug: str, reason: Reason, lang: str) -> str:
    if reason.kind is ReasonKind.NOT_STARTED:
        return _("Not started")
    if reason.kind is ReasonKind.STOPPED:
        assert reason.on is not None  # a stop has its day
        return _("Stopped at lesson “%(lesson)s” on %(date)s",
                 lesson=lesson_title(course_slug, reason.lesson_slug or "", lang), date=local_day(reason.on))
    if reason.kind is ReasonKind.FAILED_QUIZ:
        return ngettext("Failed the quiz “%(quiz)s” %(num)d time", "Failed the quiz “%(quiz)s” %(num)d times",
                        reason.times, quiz=quiz_title(reason.quiz_id or "", lang))
    assert reason.on is not None  # a session has its day
    return _("Missed the session on %(date)s", date=local_day(reason.on))


def due_text(behind: BehindCourse) -> str:
    """"Overdue by 3 days (due 12/12/2026)", "Due in 2 days (15/12/2026)", "No due date"."""
    if behind.due_date is None:
        return _("No due date")
    if behind.overdue:
        return ngettext("Overdue by %(num)d day (due %(date)s)", "Overdue by %(num)d days (due %(date)s)",
                        behind.days_overdue, date=day(behind.due_date))
    if behind.days_left == 0:
        return _("Due today (%(date)s)", date=day(behind.due_date))
    return ngettext("Due in %(num)d day (%(date)s)", "Due in %(num)d days (%(date)s)",
                    behind.days_left, date=day(behind.due_date))


def course_title(course_slug: str, lang: str) -> str:
    course = catalogue().course(course_slug)
    return course.text_for(lang).title if course is not None else course_slug
