"""Course list, course overview and the lesson page, with "Mark as done and continue"."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..content.render import render_lesson, render_module_intro, render_overview
from ..content_store import catalogue
from ..db import begin_write
from ..extensions import db
from ..forms import AppForm
from ..progress import records
from ..progress.rules import missing_prerequisites
from . import bp
from .access import can_preview, course_or_404, language, visible_courses


class DoneForm(AppForm):
    """'Mark as done and continue': only the CSRF token."""


@bp.route("/courses/")
@login_required
def catalogue_page():
    record = records.load_member_record(db.session, current_user.id)
    rows = []
    for course in visible_courses():
        locked = [] if can_preview() else missing_prerequisites(course, set(record.completions))
        rows.append((course, course.text_for(language()), record.progress(course), locked))
    return render_template("learn/catalogue.html", rows=rows, titles=_course_titles())


def _course_titles() -> dict[str, str]:
    return {c.slug: c.text_for(language()).title for c in catalogue().courses}


@bp.route("/courses/<course_slug>/")
@login_required
def course(course_slug: str):
    course = course_or_404(course_slug)
    record = records.load_member_record(db.session, current_user.id, course.slug)
    progress = record.progress(course)
    locked = [] if can_preview() else missing_prerequisites(course, set(record.completions))
    lang = language()
    modules = [(m, m.text_for(lang), render_module_intro(course, m, lang)) for m in course.modules]
    last = record.last_opened.get(course.slug)
    resume = progress.resume_lesson
    if last and last[0] not in record.done.get(course.slug, set()) and course.lesson(last[0]):
        resume = last[0]  # she stopped in the middle of this one
    return render_template(
        "learn/course.html", course=course, text=course.text_for(lang), modules=modules,
        overview=render_overview(course, lang), progress=progress, locked=locked,
        done=record.done.get(course.slug, set()), passed=record.passed_quizzes,
        resume=resume, titles=_course_titles(), quizzes=catalogue().quizzes,
        completed_at=record.completions.get(course.slug),
        certificate=records.certificate_for(db.session, current_user.id, course.slug),
    )


def _open_lesson(course_slug: str, lesson_slug: str):
    """The course and the lesson; or a redirect when the course is still locked (the
    overview says what to finish first)."""
    course = course_or_404(course_slug)
    lesson = course.lesson(lesson_slug)
    if lesson is None:
        abort(404)
    if course.prerequisites and not can_preview() and missing_prerequisites(
            course, records.completed_courses(db.session, current_user.id)):
        flash(_("Finish the courses listed below first."), "info")
        return None, None, redirect(url_for("learn.course", course_slug=course.slug))
    return course, lesson, None


@bp.route("/courses/<course_slug>/<lesson_slug>")
@login_required
def lesson(course_slug: str, lesson_slug: str):
    course, lesson, blocked = _open_lesson(course_slug, lesson_slug)
    if blocked:
        return blocked
    lang = language()
    text = lesson.text_for(lang)
    opened, done = records.lessons_seen(db.session, current_user.id, course.slug)
    if lesson.slug not in opened:
        begin_write(db.session)  # the first visit writes; later visits only read
        records.lesson_opened(db.session, current_user.id, course.slug, lesson.slug)
        db.session.commit()
    module = course.module_of(lesson.slug)
    return render_template(
        "learn/lesson.html", course=course, course_text=course.text_for(lang), lesson=lesson,
        text=text, module=module, module_text=module.text_for(lang),
        rendered=render_lesson(course, lesson, lang),
        done=lesson.slug in done,
        previous=course.previous_lesson(lesson.slug), next=course.next_lesson(lesson.slug),
        quiz=catalogue().quiz(lesson.quiz) if lesson.quiz else None,
    )


@bp.route("/courses/<course_slug>/<lesson_slug>/done", methods=["POST"])
@login_required
def lesson_done(course_slug: str, lesson_slug: str):
    course, lesson, blocked = _open_lesson(course_slug, lesson_slug)
    if blocked:
        return blocked
    if not DoneForm().validate_on_submit():
        abort(400)
    text = lesson.text_for(language())
    records.mark_lesson_done(db.session, current_user.id, course.slug, lesson.slug, text.content_hash)
    just_completed = records.complete_if_done(db.session, current_user, course)
    db.session.commit()
    if just_completed:
        flash(_("Congratulations! You have finished this course."), "success")
        return redirect(url_for("learn.course", course_slug=course.slug))
    return redirect(_next_step(course, lesson))


def _next_step(course, lesson) -> str:
    """After a lesson: its own quiz, else the module's quiz at the module's end, else the next lesson."""
    record = records.load_member_record(db.session, current_user.id, course.slug)
    module = course.module_of(lesson.slug)
    quiz_ids = catalogue().quizzes
    if lesson.quiz and lesson.quiz not in record.passed_quizzes and lesson.quiz in quiz_ids:
        return url_for("quiz.take", quiz_id=lesson.quiz, course=course.slug)
    following = course.next_lesson(lesson.slug)
    module_ends = following is None or following.module_slug != lesson.module_slug
    if module_ends and module.quiz and module.quiz not in record.passed_quizzes and module.quiz in quiz_ids:
        return url_for("quiz.take", quiz_id=module.quiz, course=course.slug)
    if following is not None:
        return url_for("learn.lesson", course_slug=course.slug, lesson_slug=following.slug)
    return url_for("learn.course", course_slug=course.slug)
