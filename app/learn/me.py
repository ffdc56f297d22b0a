"""My learning: assigned courses first, then the others, certificates and quiz history."""
from __future__ import annotations

from datetime import UTC

from flask import render_template
from flask_login import current_user, login_required
from sqlalchemy import bindparam, select

from ..content_store import catalogue
from ..extensions import db
from ..i18n import union_today
from ..models import Certificate, QuizAttempt
from ..progress import records
from ..progress.assignments import assignments_for
from ..progress.rules import assignment_status, missing_prerequisites
from . import bp
from .access import can_preview, language, visible_courses
from .lessons import step_url

# Built once (see progress.records): this is the first page after signing in.
_CERTIFICATES = select(Certificate.code, Certificate.course_slug, Certificate.course_title,
                       Certificate.issued_at, Certificate.revoked_at) \
    .where(Certificate.member_id == bindparam("member")).order_by(Certificate.issued_at.desc())
_RECENT_ATTEMPTS = select(QuizAttempt.quiz_id, QuizAttempt.token, QuizAttempt.submitted_at,
                          QuizAttempt.percent, QuizAttempt.passed) \
    .where(QuizAttempt.member_id == bindparam("member"), QuizAttempt.submitted_at.is_not(None)) \
    .order_by(QuizAttempt.submitted_at.desc()).limit(20)


@bp.route("/me")
@login_required
def me():
    lang = language()
    record = records.load_member_record(db.session, current_user.id)
    if records.store_due_completions(db.session, current_user, record, visible_courses(), lang):
        db.session.commit()
        record = records.load_member_record(db.session, current_user.id)
    assigned = assignments_for(db.session, current_user)
    today = union_today()
    certificates = records.rows(db.session, _CERTIFICATES, {"member": current_user.id}).all()
    certificate_of = {c.course_slug: c.code for c in certificates}
    assigned_rows, other_rows, completed_rows = [], [], []
    for course in visible_courses():
        progress = record.progress(course)
        locked = [] if can_preview() else missing_prerequisites(course, set(record.completions))
        row = {"course": course, "text": course.text_for(lang), "progress": progress, "locked": locked,
               "next_url": step_url(course, progress.next_step), "certificate": certificate_of.get(course.slug)}
        if course.slug in assigned:
            assignment = assigned[course.slug]
            row["due"] = assignment.due_date
            row["status"] = assignment_status(progress, assignment.due_date, today).value
            assigned_rows.append(row)
        elif progress.complete:
            row["status"] = "completed"
            completed_rows.append(row)
        else:
            other_rows.append(row)
    order = {"overdue": 0, "in_progress": 1, "not_started": 2, "completed": 3}
    assigned_rows.sort(key=lambda r: (order[r["status"]], r["due"] is None, r["due"] or today))
    attempts = records.rows(db.session, _RECENT_ATTEMPTS, {"member": current_user.id}).all()
    quizzes = catalogue().quizzes
    quiz_titles = {a.quiz_id: quizzes[a.quiz_id].text_for(lang).title for a in attempts if a.quiz_id in quizzes}
    on_cards = {row["course"].slug for row in assigned_rows + completed_rows}
    sessions, attended_sessions, now = _my_sessions()
    return render_template(
        "learn/me.html", assigned=assigned_rows, others=other_rows, completed=completed_rows,
        sessions=sessions, attended_sessions=attended_sessions, now=now,
        certificates=[c for c in certificates if c.course_slug not in on_cards], attempts=attempts,
        quiz_titles=quiz_titles,
        titles={c.slug: c.text_for(lang).title for c in catalogue().courses},
    )


def _my_sessions():
    """Her in-person sessions still to come or running, and those she is checked in to."""
    from datetime import datetime

    from ..training.queries import attended_session_ids, upcoming_for_member

    now = datetime.now(UTC)
    sessions = upcoming_for_member(db.session, current_user, now)
    return sessions, attended_session_ids(db.session, current_user.id, [s.id for s in sessions]), now
