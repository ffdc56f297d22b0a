"""Content health for trainers and admins: every problem, and the courses hidden by errors.

The content core writes each problem's words as an English template with its values
(``app.content.problems.Message``); this page shows them in the reader's language.
"""
from __future__ import annotations

from flask import current_app, render_template
from flask_babel import gettext

from ..accounts.access import roles_required
from ..content import Problem
from ..content_store import catalogue
from ..models import PlatformRole
from . import bp


def problem_text(problem: Problem) -> str:
    """The problem's message in the reader's language (English where no translation exists)."""
    return problem.words.render(gettext)


@bp.route("/content/health")
@roles_required(PlatformRole.TRAINER)
def health():
    cat = catalogue()
    by_course = {course.slug: course for course in cat.courses}
    quiz_problems = [p for p in cat.problems if p.path.startswith("quizzes/")]
    other = [p for p in cat.problems if not p.path.startswith(("quizzes/", "courses/"))]
    errors = len(cat.errors)
    return render_template(
        "learn/health.html", courses=sorted(by_course.values(), key=lambda c: (not c.is_broken, c.slug)),
        quiz_problems=quiz_problems, other=other, quizzes=cat.quizzes,
        errors=errors, warnings=len(cat.problems) - errors,
        revision=current_app.extensions["catalogue"].revision, problem_text=problem_text,
    )
