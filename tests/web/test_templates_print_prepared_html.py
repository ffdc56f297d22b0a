"""Trainers' HTML becomes ``Markup`` in one place (``app/content_html.py``): templates print what
views hand them and never call the Markdown renderer or mark anything ``|safe``."""
from __future__ import annotations

import ast
import re
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"
TEMPLATES = APP / "templates"

#: ``|safe`` in any spelling (``| safe``, ``|safe(...)``); ``markdown``/``md`` filters and calls.
_SAFE = re.compile(r"\|\s*safe\b")
_RENDERER = re.compile(r"\|\s*(?:inline_)?(?:markdown|md)\b|\b(?:md|render_\w+|markdown\w*)\s*\(")


def _template_lines():
    for path in sorted(TEMPLATES.rglob("*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            yield f"{path.relative_to(TEMPLATES)}:{number}", line


def test_no_template_marks_anything_safe():
    found = [where for where, line in _template_lines() if _SAFE.search(line)]
    assert not found, f"|safe in {found}: hand the template Markup from app/content_html.py instead"


def test_no_template_calls_the_renderer():
    found = [where for where, line in _template_lines() if _RENDERER.search(line)]
    assert not found, f"the renderer is called in {found}: render in the view, via app/content_html.py"


def _wraps_the_renderer(path: Path) -> list[int]:
    """Lines where ``Markup(...)`` takes something other than a literal in a module that
    imports the Markdown renderer (``app.content.render``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    uses_renderer = any(isinstance(node, ast.ImportFrom) and (node.module or "").endswith("content.render")
                        for node in ast.walk(tree))
    if not uses_renderer:
        return []
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "Markup"
            and node.args and not isinstance(node.args[0], ast.Constant)]


def test_only_the_one_module_turns_rendered_html_into_markup():
    found = {str(path.relative_to(APP)): lines for path in sorted(APP.rglob("*.py"))
             if path.name != "content_html.py" and (lines := _wraps_the_renderer(path))}
    assert not found, f"rendered HTML made Markup outside app/content_html.py: {found}"
    assert _wraps_the_renderer(APP / "content_html.py")  # the check itself sees the one place
