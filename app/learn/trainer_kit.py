"""The trainer's kit of a course (``trainer/``): trainers and admins only, printable on A4."""
from __future__ import annotations

from flask import abort, render_template
from flask_login import login_required

from ..content.render import render_document
from ..content.render_links import LinkContext
from ..content_html import page_body
from . import bp
from .access import can_preview, course_or_404, language


def _course_with_kit(course_slug: str):
    """The course, for a trainer or admin; 404 for everyone else (the kit holds answer keys)."""
    course = course_or_404(course_slug)
    if not can_preview() or not course.trainer_kit:
        abort(404)
    return course


@bp.route("/courses/<course_slug>/trainer/")
@login_required
def trainer_kit(course_slug: str):
    course = _course_with_kit(course_slug)
    lang = language()
    pages = [(page, page.text_for(lang, course.language)) for page in course.trainer_kit]
    return render_template("learn/trainer_kit.html", course=course,
                           course_text=course.text_for(lang), pages=pages)


@bp.route("/courses/<course_slug>/trainer/<page_slug>")
@login_required
def trainer_page(course_slug: str, page_slug: str):
    course = _course_with_kit(course_slug)
    page = next((p for p in course.trainer_kit if p.slug == page_slug), None)
    if page is None:
        abort(404)
    lang = language()
    text = page.text_for(lang, course.language)
    rendered = render_document(text.body, links=LinkContext.for_file(course, text.rel_path))
    return render_template("learn/trainer_page.html", course=course,
                           course_text=course.text_for(lang), text=text, page_html=page_body(rendered))
