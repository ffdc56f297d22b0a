"""Quiz statistics for trainers: which questions are too easy, too hard or misleading."""
from __future__ import annotations

import json
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from flask import abort, current_app, render_template, request
from sqlalchemy import select
from wtforms import SelectField
from wtforms.validators import Optional

from app.lazy_text import lazy_gettext as _l

from ..accounts.access import roles_required
from ..extensions import db
from ..forms import AppForm, DayField, options
from ..grading import AttemptRecord, describe_response, quiz_statistics
from ..learn.access import language
from ..models import Member, PlatformRole, QuizAttempt, Unit
from . import bp
from .views import _quiz_or_404


class StatisticsFilter(AppForm):
    class Meta:
        csrf = False

    district = SelectField(_l("District"), coerce=int, validators=[Optional()])
    start = DayField(_l("From"), validators=[Optional()])
    end = DayField(_l("To"), validators=[Optional()])


def _day_bounds(form: StatisticsFilter) -> tuple[datetime | None, datetime | None]:
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    start = datetime.combine(form.start.data, time.min, zone).astimezone(UTC) if form.start.data else None
    end = datetime.combine(form.end.data, time.max, zone).astimezone(UTC) if form.end.data else None
    return start, end


@bp.route("/quizzes/<quiz_id>/statistics")
@roles_required(PlatformRole.TRAINER)
def statistics(quiz_id: str):
    quiz = _quiz_or_404(quiz_id)
    districts = db.session.scalars(select(Unit).where(Unit.kind == "district").order_by(Unit.name)).all()
    form = StatisticsFilter(request.args)
    form.district.choices = options([(0, _l("All districts"))] + [(d.id, d.name) for d in districts])
    if request.args and not form.validate():
        abort(400)
    query = (select(QuizAttempt.member_id, QuizAttempt.percent, QuizAttempt.result_json)
             .where(QuizAttempt.quiz_id == quiz.id, QuizAttempt.submitted_at.is_not(None)))
    if form.district.data:
        district = db.session.get(Unit, form.district.data)
        if district is None:
            abort(404)
        query = query.join(Member, Member.id == QuizAttempt.member_id).join(
            Unit, Unit.id == Member.unit_id).where(Unit.path.startswith(district.path, autoescape=True))
    start, end = _day_bounds(form)
    if start:
        query = query.where(QuizAttempt.submitted_at >= start)
    if end:
        query = query.where(QuizAttempt.submitted_at <= end)
    records = []
    for member_id, percent, result_json in db.session.execute(query):
        questions = json.loads(result_json or "{}").get("questions", {})
        records.append(AttemptRecord(member_id, percent or 0.0, {
            qid: (q["score"], q["key"]) for qid, q in questions.items() if q.get("status") != "not_graded"}))
    minimum = current_app.config["QUIZ_STATS_MIN_ANSWERS"]
    stats = quiz_statistics(quiz, records, min_attempts=minimum)
    shown = quiz.text_for(language())  # titles and answers in the reader's language
    wrong = {q.question_id: describe_response(shown, q.question_id, q.top_wrong) if q.top_wrong else ""
             for q in stats.questions}
    return render_template("quiz/statistics.html", quiz=shown, stats=stats, form=form, wrong=wrong,
                           min_answers=minimum)
