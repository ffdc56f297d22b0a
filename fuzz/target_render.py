"""The Markdown renderer and its sanitizer, as every lesson, course page and quiz text uses.

Contract: a text is refused by the limits (``limit_problems``, each with a line) or renders
without raising, within the budget, into HTML with no script, event handler or script URL.
The published pages go through the same two steps (``render_checks``).
"""
from __future__ import annotations

from app.content.limits import limit_problems
from app.content.render import Renderer

from .contract import problems_have_lines, within_budget
from .safe_html import require_safe

SEED_SUFFIXES = (".md",)


@within_budget
def check(data: bytes) -> None:
    """Check the limits of ``data`` as text, and render it when it keeps them."""
    text = data.decode("utf-8", errors="replace")
    problems = limit_problems(text, "fuzz.md", 1)
    problems_have_lines(problems, text.count("\n") + 1)
    if problems:
        return
    rendered = Renderer(max_entries=1).render(text)
    require_safe(rendered.html)
