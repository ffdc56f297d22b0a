"""One page per quiz: answer, submit once, see the result as the quiz's policy allows."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..content_html import markdown_html
from ..content_store import catalogue
from ..db import begin_write
from ..extensions import csrf, db, reads_first
from ..grading import ResponseError, grade_attempt, redact, visible_feedback
from ..learn.access import language
from ..progress import count_tracking
from ..progress.records import complete_if_done
from . import attempts as store
from . import bp
from .forms import answer_form, responses_from
from .pages import answered_questions, paper_questions


def _quiz_or_404(quiz_id: str):
    quiz = catalogue().quiz(quiz_id)
    if quiz is None or quiz.is_broken:
        abort(404)
    return quiz


def _course_slug() -> str | None:
    """The course she came from, for the way back; only a course that uses this quiz."""
    slug = request.args.get("course")
    return slug if slug and catalogue().course(slug) else None


@bp.route("/quizzes/<quiz_id>", methods=["GET", "POST"])
@reads_first  # a submission is read and graded outside the write lock; only storing it writes
@csrf.exempt  # the answer form checks its own token, so an expired one keeps her answers
@login_required
def take(quiz_id: str):
    source = _quiz_or_404(quiz_id)
    quiz = source.text_for(language())
    if request.method == "POST":
        return _submit(source, quiz)
    attempt = store.open_attempt_of(db.session, current_user.id, source.id)
    if attempt is None:  # only opening a new attempt takes the write lock
        begin_write(db.session)
        try:
            attempt = store.open_attempt(db.session, current_user.id, source)
        except store.AttemptsUsedUp:
            db.session.rollback()
            return _used_up(source)
    plan = store.keyed_plan(db.session, attempt, source)
    form = answer_form(quiz, plan, formdata=None, token=attempt.token)
    return _paper(quiz, attempt, plan, form)


def _paper(quiz, attempt, plan, form, status: int = 200):
    return render_template("quiz/take.html", quiz=quiz, attempt=attempt, plan=plan, form=form,
                           intro=markdown_html(quiz.intro) if quiz.intro else None,
                           questions=paper_questions(quiz, plan), course=_course_slug()), status


def _submit(source, quiz):
    token = request.form.get("token", "")
    attempt = store.find_attempt(db.session, current_user.id, source.id, token)
    if attempt is None:
        abort(404)
    if attempt.submitted_at is not None:  # a second POST of the same paper
        return _to_result(source, token)
    plan = store.plan_of(attempt)
    form = answer_form(quiz, plan, formdata=request.form)
    if not form.validate():
        if form.csrf_token.errors:
            # The page sat open too long (or the phone slept): keep every answer, new token.
            form.form_errors.append(_("Your page was open for a long time, so we could not accept "
                                      "it yet. Your answers are kept below: please press “Send my "
                                      "answers” again."))
        return _paper(quiz, attempt, plan, form, 400)
    responses = responses_from(form, quiz, plan)
    try:
        result = grade_attempt(quiz, plan, responses)
    except ResponseError:
        form.form_errors.append(_("Some answers do not belong to this quiz. Check them and send again."))
        return _paper(quiz, attempt, plan, form, 400)
    attempt_id, activity_due = attempt.id, current_user.activity_due()
    # Only now take the write lock; store.submit stores the result only if the attempt is
    # still open, so a double POST racing this one stores one result.
    begin_write(db.session)
    if activity_due:
        current_user.note_activity()
    courses = catalogue().courses_using_quiz(source.id)
    with count_tracking.tracking(db.session, current_user.id, [course.slug for course in courses]):
        if store.submit(db.session, attempt_id, responses, language(), result) and result.passed:
            # Only a pass can complete a course.
            for course in courses:
                if complete_if_done(db.session, current_user, course, language()):
                    flash(_("Congratulations! You have finished the course “%(course)s”.",
                            course=course.text_for(language()).title), "success")
    db.session.commit()
    return _to_result(source, token)


def _to_result(source, token: str):
    return redirect(url_for("quiz.result", quiz_id=source.id, token=token, course=_course_slug()), code=303)


def _used_up(source):
    attempts = store.history(db.session, current_user.id, source.id)
    return render_template("quiz/used_up.html", quiz=source.text_for(language()), attempts=attempts,
                           course=_course_slug())


@bp.route("/quizzes/<quiz_id>/attempts/<token>")
@login_required
def result(quiz_id: str, token: str):
    source = _quiz_or_404(quiz_id)
    attempts = store.history(db.session, current_user.id, source.id)
    attempt = next((a for a in attempts if a.token == token and a.submitted_at is not None), None)
    if attempt is None:
        abort(404)
    answered_in, responses = store.stored_responses(attempt)
    quiz = source.text_for(answered_in or language())
    passed_any = any(a.passed for a in attempts if a.number <= attempt.number)
    visibility = visible_feedback(source, attempt.number, passed_any)
    try:
        detail = redact(grade_attempt(quiz, store.plan_of(attempt), responses), visibility)
    except (ResponseError, ValueError):
        detail = None  # the quiz changed since: the stored score stands, details are gone
    left = None if not source.max_attempts else max(source.max_attempts - len(attempts), 0)
    can_retry = not attempt.passed and (left is None or left > 0 or any(a.submitted_at is None for a in attempts))
    return render_template("quiz/result.html", quiz=quiz, attempt=attempt, attempts=attempts,
                           answered=answered_questions(quiz, detail) if detail else None,
                           visibility=visibility, left=left, can_retry=can_retry, course=_course_slug())
