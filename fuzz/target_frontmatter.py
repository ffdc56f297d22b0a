"""The YAML front matter of courses, lessons and quizzes.

Contract: the text splits into metadata (a mapping) and a body that starts on a line of
the file, or a problem with a line; nothing else escapes (YAML's own errors included).
"""
from __future__ import annotations

from app.content.frontmatter import read_text, split_front_matter

from .contract import ContractBroken, problems_have_lines, within_budget
from .lines import line_bound

SEED_SUFFIXES = (".md",)


@within_budget
def check(data: bytes) -> None:
    """Decode ``data`` and split its front matter."""
    text, problems = read_text(data, "fuzz.md")
    problems_have_lines(problems, line_bound(data))
    if text is None:
        return
    document, problems = split_front_matter(text, "fuzz.md")
    last = text.count("\n") + 1
    problems_have_lines(problems, last)
    if not isinstance(document.meta, dict):
        raise ContractBroken(f"front matter read as {type(document.meta).__name__}, not a mapping")
    if not 1 <= document.body_line <= last + 1:
        raise ContractBroken(f"the body starts at line {document.body_line} of {last}")
