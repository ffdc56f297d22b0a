"""Trainers' content as page HTML: the one place where the renderer's HTML becomes ``Markup``.

``app.content.render`` turns Markdown into HTML and sanitizes it with nh3's allow-list as its
last step (``render_sanitize``); a page's contents list is built there from escaped headings.
Views and presenters take that HTML from here, already marked safe, and templates print it as
it is: no template calls the renderer or marks anything ``|safe``.
"""
from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup

from .content.render import render_inline, render_markdown
from .content.rendered import RenderedLesson


def sanitized(html: str) -> Markup:
    """HTML made by the renderer (sanitized by nh3, or escaped), marked safe for templates.

    Only the renderer's output is passed here; anything else a view shows is escaped by Jinja.
    """
    return Markup(html)  # noqa: S704 - only the renderer's nh3-sanitized or escaped output


def markdown_html(text: str) -> Markup:
    """A block of trainer Markdown (a question, a feedback, an intro) as page HTML."""
    return sanitized(render_markdown(text))


def inline_html(text: object) -> Markup:
    """One line of trainer Markdown (a choice, a key point, an objective), without ``<p>``."""
    return sanitized(render_inline(str(text)))


def inline_list(texts: Iterable[object] | None) -> list[Markup]:
    """Each line of a list of trainer Markdown lines, as page HTML ([] for none)."""
    return [inline_html(text) for text in texts or ()]


def page_body(rendered: RenderedLesson) -> Markup:
    """A rendered page's body (a lesson, an overview, a trainer's kit page)."""
    return sanitized(rendered.html)


def page_contents(rendered: RenderedLesson) -> Markup | None:
    """The page's contents list, for pages long enough to need one (else None)."""
    return sanitized(rendered.toc_html) if rendered.show_contents else None
