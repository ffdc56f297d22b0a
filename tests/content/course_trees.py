"""Building small course trees for tests, and reading problems back as 'path:line'."""
from __future__ import annotations

from pathlib import Path

from app.content.catalogue import Catalogue

GOOD_COURSE = {
    "good/course.md": "---\ntitle: A good course\n---\nOverview.\n",
    "good/01-basics/01-hello.md": "---\ntitle: Hello\nminutes: 5\n---\nHi.\n",
}


def write_tree(root: Path, files: dict[str, str | bytes]) -> None:
    """Write ``files`` (relative path -> text or bytes) under ``root``."""
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def problem_lines(catalogue: Catalogue, errors_only: bool = True) -> list[str]:
    """Problems as 'path:line' strings, the form trainers see."""
    return [f"{p.path}:{p.line}" for p in catalogue.problems if p.is_error or not errors_only]


def assert_good_course_still_loads(catalogue: Catalogue) -> None:
    good = catalogue.course("good")
    assert good is not None and not good.is_broken
    assert good in catalogue.visible_courses()
    assert [lesson.slug for lesson in good.lessons] == ["hello"]
