"""Course list, course overview and the lesson page, with "Mark as done and continue"."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..content.render import render_lesson, render_module_intro, render_overview
from ..content_html import inline_list, page_body, page_contents, sanitized
from ..content_store import catalogue
from ..db import begin_write
from ..extensions import db
from ..forms import AppForm
from ..progress import count_tracking, records
from ..progress.rules import Step, missing_prerequisites, step_after_lesson
from . import bp
from .access import can_preview, course_or_404, language, visible_courses


class DoneForm(AppForm):
    """'Mark as done and continue': only the CSRF token."""


@bp.route("/courses/")
@login_required
def catalogue_page():
    record = _record_with_due_completions(visible_courses())
    rows = []
    for course in visible_courses():
        locked = [] if can_preview() else missing_prerequisites(course, set(record.completions))
        rows.append((course, course.text_for(language()), record.progress(course), locked))
    return render_template("learn/catalogue.html", rows=rows, titles=_course_titles())


def _record_with_due_completions(courses, course_slug: str | None = None) -> records.MemberRecord:
    """Her record, after storing any completion a content change has made due (``status``)."""
    record = records.load_member_record(db.session, current_user.id, course_slug)
    if records.store_due_completions(db.session, current_user, record, courses, language()):
        db.session.commit()
        record = records.load_member_record(db.session, current_user.id, course_slug)
    return record


def _course_titles() -> dict[str, str]:
    return {c.slug: c.text_for(language()).title for c in catalogue().courses}


@bp.route("/courses/<course_slug>/")
@login_required
def course(course_slug: str):
    course = course_or_404(course_slug)
    record = _record_with_due_completions([course], course.slug)
    progress = record.progress(course)
    locked = [] if can_preview() else missing_prerequisites(course, set(record.completions))
    lang = language()
    modules = [(m, m.text_for(lang), sanitized(render_module_intro(course, m, lang))) for m in course.modules]
    return render_template(
        "learn/course.html", course=course, text=course.text_for(lang), modules=modules,
        overview_html=page_body(render_overview(course, lang)), progress=progress, locked=locked,
        done=record.done.get(course.slug, set()), passed=record.passed_quizzes,
        next_url=step_url(course, progress.next_step), titles=_course_titles(), quizzes=catalogue().quizzes,
        completed_at=record.completions.get(course.slug),
        certificate=records.certificate_for(db.session, current_user.id, course.slug),
        can_preview=can_preview(),
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
    rendered = render_lesson(course, lesson, lang)
    return render_template(
        "learn/lesson.html", course=course, course_text=course.text_for(lang), lesson=lesson,
        text=text, module=module, module_text=module.text_for(lang),
        lesson_html=page_body(rendered), contents_html=page_contents(rendered),
        goals={key: inline_list(text.extra.get(key)) for key in ("questions", "objectives", "keypoints")},
        done=lesson.slug in done,
        previous=course.previous_lesson(lesson.slug),
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
    try:
        with count_tracking.tracking(db.session, current_user.id, [course.slug]):  # both writes counted at once
            records.mark_lesson_done(db.session, current_user.id, course.slug, lesson.slug, text.content_hash)
            just_completed = records.complete_if_done(db.session, current_user, course, language=language())
    except records.LessonNotOpened:
        db.session.rollback()
        flash(_("Please read this lesson first: it can be marked as done once you have opened it."),
              "info")
        return redirect(url_for("learn.lesson", course_slug=course.slug, lesson_slug=lesson.slug), code=303)
    db.session.commit()
    if just_completed:
        flash(_("Congratulations! You have finished this course."), "success")
        return redirect(url_for("learn.course", course_slug=course.slug))
    return redirect(_next_step(course, lesson))


def _next_step(course, lesson) -> str:
    """After a lesson: the quiz still to pass before the next lesson (the lesson's own, or the
    module's at a module's end), else the next lesson, else the course page."""
    record = records.load_member_record(db.session, current_user.id, course.slug)
    return step_url(course, step_after_lesson(course, lesson.slug, record.passed_quizzes))


def step_url(course, step: Step | None) -> str:
    """The page of a course step; the course page when there is none (or its quiz cannot be
    taken: a missing or broken quiz is listed for trainers, not offered)."""
    if step is None:
        return url_for("learn.course", course_slug=course.slug)
    if step.is_quiz:
        quiz = catalogue().quiz(step.slug)
        if quiz is None or quiz.is_broken:
            return url_for("learn.course", course_slug=course.slug)
        return url_for("quiz.take", quiz_id=step.slug, course=course.slug)
    return url_for("learn.lesson", course_slug=course.slug, lesson_slug=step.slug)
