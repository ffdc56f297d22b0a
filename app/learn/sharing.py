"""Sharing a course: a short link and a QR code to print or paste into a Zalo group.

The short link ``/c/<course>`` is public and only redirects to the course page, which asks
her to sign in first; it tells nobody anything a course page would not. Addresses are built
from PUBLIC_URL (as on certificates), never from the request's Host header.
"""
from __future__ import annotations

import io

import segno
from flask import Response, abort, current_app, redirect, render_template, url_for
from flask_login import login_required
from markupsafe import Markup

from ..content_store import catalogue
from ..qr import qr_svg
from . import bp
from .access import can_preview, course_or_404, language


def short_link(course_slug: str) -> str:
    """The course's short address, absolute."""
    return current_app.config["PUBLIC_URL"].rstrip("/") + url_for("learn.short_link", course_slug=course_slug)


def course_qr_svg(course_slug: str) -> Markup:
    """The short link as an inline SVG QR code (no script, no outside reference)."""
    return qr_svg(short_link(course_slug))


@bp.app_context_processor
def _sharing_helpers() -> dict:
    return {"short_link": short_link, "course_qr_svg": course_qr_svg}


@bp.route("/c/<course_slug>", endpoint="short_link")
def short_link_page(course_slug: str):
    """Redirect to the course page (which asks her to sign in); unknown, broken or draft
    courses are a 404 for whoever may not preview them."""
    course = catalogue().course(course_slug)
    if course is None or course.is_broken or (course.draft and not can_preview()):
        abort(404)
    return redirect(url_for("learn.course", course_slug=course.slug))


@bp.route("/courses/<course_slug>/share/")
@login_required
def share(course_slug: str):
    """A page to print: the course's title, its QR code and short link, large."""
    course = course_or_404(course_slug)
    return render_template("learn/share.html", course=course, text=course.text_for(language()),
                           link=short_link(course.slug), qr=course_qr_svg(course.slug))


@bp.route("/courses/<course_slug>/share/qr.png")
@login_required
def qr_png(course_slug: str):
    """The QR code as a picture, to paste into a Zalo group or a document."""
    course = course_or_404(course_slug)
    buffer = io.BytesIO()
    segno.make(short_link(course.slug), error="m").save(buffer, kind="png", scale=10, border=4)
    return Response(buffer.getvalue(), mimetype="image/png", headers={
        "Content-Disposition": f'attachment; filename="course-{course.slug}-qr.png"'})
