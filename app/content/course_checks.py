"""Checks that need a whole course (links between files) or all courses (prerequisites)."""
from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path, PurePosixPath

from .model import Course
from .problems import N_, Message, Problem, error, warning
from .render_links import course_pages, expand_liquid, find_references, has_liquid, resolve
from .svg_checks import svg_problems

_COURSE_FILE = re.compile(r"^course(?:\.[a-z]{2})?\.md$")
_MODULE_FILE = re.compile(r"^module(?:\.[a-z]{2})?\.md$")
_NUMBERED = re.compile(r"^\d+-")


def naming_problems(path: Path, display: str) -> list[Problem]:
    """What is wrong with the name of a file or folder the loader could not place.

    ``path`` is a file in a course folder, a folder in a course folder whose name is not
    ``NN-slug``, or a Markdown file in a module folder whose name is not ``NN-slug.md``.
    """
    if path.is_dir():
        if not any(p.suffix.lower() == ".md" for p in path.iterdir() if p.is_file()):
            return []  # a folder of images or attachments
        if _NUMBERED.match(path.name):
            return [error(display, 0, N_("module folder name '%(name)s' must be a number, a hyphen and "
                                         "lowercase letters, digits or hyphens, like 01-getting-started"),
                          name=path.name)]
        return [error(display, 0, N_("module folder '%(name)s' has no number prefix; rename it like "
                                     "01-%(lower)s so its place in the course is clear"),
                      name=path.name, lower=path.name.lower())]
    if path.suffix.lower() != ".md" or _COURSE_FILE.match(path.name) \
            or _MODULE_FILE.match(path.name):
        return []
    in_module = _NUMBERED.match(path.parent.name) is not None
    if not in_module and _NUMBERED.match(path.name):
        return [error(display, 0, N_("lessons belong in a module folder like 01-basics/, not "
                                     "directly in the course folder"))]
    if not in_module:
        return [warning(display, 0, N_("this Markdown file is not part of the course and is ignored"))]
    if _NUMBERED.match(path.name):
        return [error(display, 0, N_("lesson file name '%(name)s' must be a number, a hyphen and a name of "
                                     "lowercase letters, digits or hyphens, like 02-posting-rules.md"),
                      name=path.name)]
    return [error(display, 0, N_("lesson file '%(name)s' has no number prefix; rename it like "
                                 "01-%(lower)s.md so its place in the module is clear"),
                  name=path.name, lower=path.stem.lower())]


def reference_problems(course: Course) -> list[Problem]:
    """Every image, attachment and lesson link must exist inside the course folder.

    Checked in every text a learner may see: overview, module intros, lessons, and their
    translations; each problem points at the line of the link.
    """
    if course.root is None:
        return []
    pages = dict(course_pages(course))
    texts: list[tuple[str, int, str, str]] = []
    texts.append((course.overview, course.overview_line, "course.md", course.file_path))
    texts += [(t.overview, t.overview_line, t.rel_path, t.path)
              for t in course.translations.values() if t.overview is not course.overview]
    for module in course.modules:
        texts.append((module.intro, module.intro_line, module.rel_path,
                      f"{course.path}/{module.rel_path}"))
        texts += [(t.intro, t.intro_line, t.rel_path, t.path)
                  for t in module.translations.values() if t.intro is not module.intro]
        for lesson in module.lessons:
            texts.append((lesson.body, lesson.body_line, lesson.rel_path, lesson.path))
            # A translation without its own body shows the source's, checked just above.
            texts += [(t.body, t.body_line, t.rel_path, t.path)
                      for t in lesson.translations.values() if t.body is not lesson.body]
    root = course.root.resolve()
    problems: list[Problem] = []
    for body, first_line, rel_path, display in texts:
        base = rel_path.rsplit("/", 1)[0] if "/" in rel_path else ""
        for offset, url, image in find_references(body):
            problems += [error(display, first_line + offset, message)
                         for message in _reference_problems(url, base, pages, root, image)]
    return problems


def kit_reference_problems(course: Course) -> list[Problem]:
    """Links and images in the trainer's kit must exist too; a problem there is a warning,
    so the learners' course stays open while the trainer fixes her kit."""
    pages = dict(course_pages(course))
    root = course.root.resolve() if course.root else Path(course.path)
    problems: list[Problem] = []
    for page in course.trainer_kit:
        for text in page.texts.values():
            for offset, url, image in find_references(text.body):
                problems += [warning(f"{course.path}/{text.rel_path}", text.body_line + offset, message)
                             for message in _reference_problems(url, "trainer", pages, root, image)]
    return problems


def _reference_problems(url: str, base: str, pages: dict[str, str], root: Path,
                        image: bool = False) -> list[Message]:
    target = resolve(url, base, pages)
    if has_liquid(expand_liquid(url, base, pages)):
        what = N_("the image address '%(url)s' holds a template tag that cannot be resolved in this "
                  "course; write the image file's path instead") if image \
            else N_("the link address '%(url)s' holds a template tag that cannot be resolved in this "
                    "course; write the path of the lesson or file instead")
        return [Message.of(what, url=url)]
    outside = Message.of(N_("'%(url)s' points outside the course folder; put the file inside the course"),
                         url=url)
    if target.kind == "outside":
        return [outside]
    if target.kind == "missing-lesson":
        return [Message.of(N_("link to a missing lesson '%(url)s' (no lesson file %(path)s in this course)"),
                           url=url, path=target.path)]
    if target.kind == "file":
        candidate = (root / target.path).resolve()
        if not candidate.is_relative_to(root):
            return [outside]  # a symlink that leads out of the course
        if not _exists_with_exact_case(root, target.path):
            what = N_("image not found: '%(url)s' (looked for %(path)s)") if image \
                else N_("linked file not found: '%(url)s' (looked for %(path)s)")
            return [Message.of(what, url=url, path=target.path)]
        if candidate.suffix.lower() == ".svg":
            return [Message.of(N_("'%(url)s': %(problem)s"), url=url, problem=problem)
                    for problem in svg_problems(candidate)]
    return []


def _exists_with_exact_case(root: Path, relative: str) -> bool:
    """True if the file exists with exactly this spelling.

    Trainers often write on Windows or macOS, where Photo.JPG finds photo.jpg; the server
    runs Linux, where it does not. Checking the spelling here catches it before it ships.
    """
    current = root
    for part in PurePosixPath(relative).parts:
        try:
            if part not in os.listdir(current):
                return False
        except OSError:
            return False
        current = current / part
    return current.is_file()


def check_prerequisites(courses: list[Course]) -> list[Course]:
    """Prerequisites must name known courses and must not loop back to the course."""
    by_slug = {course.slug: course for course in courses}
    checked: list[Course] = []
    folder = courses[0].path.rsplit("/", 1)[0] if courses else "courses"
    for course in courses:
        extra: list[Problem] = []
        line = course.meta_lines.get("prerequisites", 1)
        for slug in course.prerequisites:
            if slug not in by_slug:
                extra.append(error(course.file_path, line, N_("prerequisite '%(slug)s' is not a course "
                                                              "(no folder %(folder)s/%(slug)s/ with a course.md)"),
                                   slug=slug, folder=folder))
        cycle = _cycle_from(course.slug, by_slug)
        if cycle:
            extra.append(error(course.file_path, line, N_("prerequisites go round in a circle: %(cycle)s"),
                               cycle=" -> ".join(cycle)))
        if extra:
            course = replace(course, problems=course.problems + tuple(extra))
        checked.append(course)
    return checked


def _cycle_from(start: str, by_slug: dict[str, Course]) -> list[str] | None:
    """The path start -> ... -> start through prerequisites, if there is one."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    visited: set[str] = set()
    while stack:
        slug, path = stack.pop()
        for nxt in by_slug[slug].prerequisites if slug in by_slug else ():
            if nxt == start:
                return [*path, start]
            if nxt not in visited:
                visited.add(nxt)
                stack.append((nxt, [*path, nxt]))
    return None


def completion_problems(course: Course) -> list[Problem]:
    """A course must be possible to complete: besides its lessons, all of them optional, it
    needs a required lesson, a quiz, or in-person sessions (``sessions_required``)."""
    if not course.lessons or any(lesson.required for lesson in course.lessons) \
            or course.required_quiz_ids or course.sessions_required:
        return []
    return [error(course.file_path, 1, N_("this course can never be completed: it has no required lesson "
                                          "and names no quiz; make a lesson required (remove "
                                          "'required: false') or name a quiz under 'quizzes:'"))]
