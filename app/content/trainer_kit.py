"""The trainer's kit of a course: Markdown pages in ``courses/<course>/trainer/``.

Facilitator guides, session plans, pre- and post-tests with their answer keys, audit
checklists and printable sheets. They are for trainers and admins only, so they are read
apart from the lessons: never a step of the course, never counted in progress, and a
problem in one of them is a warning (the learners' course stays open).
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from .frontmatter import read_text, split_front_matter
from .limits import limit_problems
from .problems import N_, Problem, warning

FOLDER = "trainer"
_PAGE_FILE = re.compile(r"^(?:(?P<number>\d+)-)?(?P<slug>[a-z0-9][a-z0-9-]*?)(?:\.(?P<lang>[a-z]{2}))?\.md$")
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


@dataclass(frozen=True)
class KitText:
    """One language of a kit page."""

    language: str
    title: str
    body: str
    body_line: int  # the file's line where ``body`` starts
    rel_path: str  # course-relative, e.g. "trainer/01-workshop.vi.md"


@dataclass(frozen=True)
class KitPage:
    """A page of the kit; ``texts`` holds every language it exists in."""

    slug: str
    number: int
    texts: Mapping[str, KitText] = field(default_factory=lambda: MappingProxyType({}))

    def text_for(self, language: str | None, fallback: str) -> KitText:
        """The page in ``language``, else in the course's language, else any."""
        for lang in (language, fallback):
            if lang is not None and lang in self.texts:
                return self.texts[lang]
        return next(iter(self.texts.values()))


def load_kit(course_root: Path, course_language: str, display_root: str) -> tuple[tuple[KitPage, ...], list[Problem]]:
    """Read the kit folder of a course (none: an empty kit)."""
    folder = course_root / FOLDER
    if not folder.is_dir():
        return (), []
    problems: list[Problem] = []
    found: dict[str, tuple[int, dict[str, KitText]]] = {}
    for path in sorted(folder.glob("*.md")):
        display = f"{display_root}/{FOLDER}/{path.name}"
        match = _PAGE_FILE.match(path.name)
        if match is None:
            problems.append(warning(display, 0, N_("trainer's kit pages are named like "
                                                   "01-workshop-guide.md (lowercase, hyphens)")))
            continue
        text, read_problems = read_text(path.read_bytes(), display)
        if text is None:
            problems += [warning(p.path, p.line, p.words) for p in read_problems]
            continue
        doc, meta_problems = split_front_matter(text, display)
        problems += [warning(p.path, p.line, p.words) for p in meta_problems]
        too_much = limit_problems(doc.body, display, doc.body_line)
        if too_much:  # past the limits the renderer is safe with: not shown until fixed
            problems += [warning(p.path, p.line, N_("%(problem)s (the page is not shown)"), problem=p.words)
                         for p in too_much]
            continue
        language = match.group("lang") or course_language
        heading = _HEADING.search(doc.body)
        title = str(doc.meta.get("title") or (heading.group(1) if heading else match.group("slug")))
        number = int(match.group("number") or 0)
        entry = found.setdefault(match.group("slug"), (number, {}))
        entry[1][language] = KitText(language, title, doc.body, doc.body_line,
                                       f"{FOLDER}/{path.name}")
    pages = tuple(KitPage(slug, number, MappingProxyType(texts))
                  for slug, (number, texts) in sorted(found.items(), key=lambda i: (i[1][0], i[0])))
    return pages, problems
