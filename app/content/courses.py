"""Load ``courses/`` into Course objects; every defect becomes a Problem, nothing raises.

Folder shape: ``<course>/course.md``, module folders ``NN-<slug>/`` with an optional
``module.md`` and lessons ``NN-<slug>.md``; translations ``*.xx.md`` beside their source.
Folders without Markdown files (``fig/``, ``images/``) hold images and attachments.
"""
from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from . import course_meta as meta
from .course_checks import (
    check_prerequisites,
    completion_problems,
    kit_reference_problems,
    naming_problems,
    reference_problems,
)
from .frontmatter import Document, read_text, split_front_matter
from .model import Course, CourseText, Lesson, LessonText, Module, ModuleText
from .problems import N_, Problem, error, warning
from .render_boxes import extract_summary_divs
from .trainer_kit import load_kit

log = logging.getLogger(__name__)

_COURSE_FILE = re.compile(r"^course(?:\.(?P<lang>[a-z]{2}))?\.md$")
_MODULE_FILE = re.compile(r"^module(?:\.(?P<lang>[a-z]{2}))?\.md$")
#: The slug of the one module of a course whose lessons sit in the course folder itself.
ONE_MODULE_SLUG = "lessons"
#: Folders of a course that hold material for trainers only, never lessons.
TRAINER_FOLDERS = frozenset({"trainer"})
_MODULE_DIR = re.compile(rf"^(?P<number>\d+)-(?P<slug>{meta.SLUG})$")
_LESSON_FILE = re.compile(
    rf"^(?P<number>\d+)-(?P<slug>{meta.SLUG})(?:\.(?P<lang>[a-z]{{2}}))?\.md$"
)
_ABSENT = object()  # a key the source file does not set
RESERVED_SLUGS = frozenset({"files"})  # /courses/<course>/files/... serves attachments


def humanize(slug: str) -> str:
    """A readable stand-in title from a slug: 'post-rules' -> 'Post rules'."""
    return slug.replace("-", " ").capitalize()


def _hidden(path: Path) -> bool:
    return path.name.startswith((".", "_"))


def load_courses(courses_dir: Path) -> tuple[tuple[Course, ...], list[Problem]]:
    """Every course under ``courses_dir``, sorted by slug, and problems outside any course.

    Problem paths are relative to the parent of ``courses_dir`` ("courses/fb/course.md").
    """
    courses_dir = Path(courses_dir)
    display_root = courses_dir.parent
    loose: list[Problem] = []
    if not courses_dir.is_dir():
        return (), [error(courses_dir.name, 0, N_("the courses folder does not exist"))]
    courses: list[Course] = []
    for folder in sorted(p for p in courses_dir.iterdir() if p.is_dir() and not _hidden(p)):
        display = folder.relative_to(display_root).as_posix()
        if not (folder / "course.md").is_file():
            loose.append(warning(display, 0, N_("folder has no course.md, so it is not loaded as a "
                                                "course; add a course.md or move the folder")))
            continue
        try:
            courses.append(_CourseLoader(folder, display_root).load())
        except Exception as exc:  # one broken course must never stop the others
            log.exception("could not load course %s", display)
            courses.append(_unloadable(folder, display, exc))
    return tuple(check_prerequisites(courses)), loose


def _unloadable(folder: Path, display: str, exc: Exception) -> Course:
    problem = error(f"{display}/course.md", 0, N_("course could not be loaded (%(reason)s)"), reason=repr(exc))
    return Course(folder.name, folder.name, "", "", None, "en", (), (), False, "", 1, (),
                  display, folder, (problem,), file_path=f"{display}/course.md")


class _CourseLoader:
    def __init__(self, folder: Path, display_root: Path) -> None:
        self.folder = folder
        self.display_root = display_root
        self.problems: list[Problem] = []
        self.lesson_paths: dict[str, str] = {}  # lesson slug -> display path of first use
        self.source_meta: dict[Path, dict[str, Any]] = {}  # front matter of each file read
        self.language = "en"
        self.yaml_failed: set[Path] = set()

    def display(self, path: Path) -> str:
        return path.relative_to(self.display_root).as_posix()

    def rel(self, path: Path) -> str:
        return path.relative_to(self.folder).as_posix()

    def read(self, path: Path) -> tuple[Document, str] | None:
        """Decoded front matter and body plus a content hash; None if not UTF-8/unreadable."""
        try:
            raw = path.read_bytes()
        except OSError as exc:
            self.problems.append(error(self.display(path), 0, N_("cannot read file: %(reason)s"),
                                       reason=str(exc.strerror)))
            return None
        text, problems = read_text(raw, self.display(path))
        self.problems += problems
        if text is None:
            return None
        doc, problems = split_front_matter(text, self.display(path))
        self.problems += problems
        if problems:
            self.yaml_failed.add(path)
        self.source_meta[path] = doc.meta
        return doc, hashlib.sha256(text.encode("utf-8")).hexdigest()

    def reader(self, doc: Document, path: Path) -> meta.MetaReader:
        return meta.MetaReader(doc, self.display(path), self.problems, path in self.yaml_failed)

    def load(self) -> Course:
        slug, display = self.folder.name, self.display(self.folder)
        if not meta.is_slug(slug):
            self.problems.append(error(display, 0, N_("course folder name '%(slug)s' may only use "
                                                      "lowercase letters, digits and hyphens"), slug=slug))
        source = self.folder / "course.md"
        loaded = self.read(source)
        doc = loaded[0] if loaded else Document({}, "", 1)
        r = self.reader(doc, source)
        r.check_keys(meta.COURSE_KEYS)
        self.language = r.language()
        course = Course(
            slug=slug, title=r.title(humanize(slug), required=loaded is not None),
            summary=r.text("summary"), audience=r.text("audience"),
            minutes=r.positive_int("minutes"), language=self.language,
            quizzes=r.identifiers("quizzes"), prerequisites=r.identifiers("prerequisites"),
            draft=r.boolean("draft", False), sessions_required=r.count("sessions_required"),
            overview=doc.body, overview_line=doc.body_line,
            modules=(), path=display, root=self.folder.resolve(),
            meta_lines=MappingProxyType(dict(doc.key_lines)), file_path=self.display(source),
        )
        kit, kit_problems = load_kit(self.folder, course.language, display)
        course = replace(course, translations=self._course_translations(course),
                         modules=self._modules(course.language), trainer_kit=kit)
        self.problems += reference_problems(course) + kit_problems + kit_reference_problems(course)
        self.problems += completion_problems(course)
        return replace(course, problems=tuple(self.problems))

    def _translations(self, folder: Path, pattern: re.Pattern[str]) -> list[tuple[str, Path]]:
        return [(m.group("lang"), p) for p in sorted(folder.glob("*.md"))
                if (m := pattern.match(p.name)) and m.group("lang")]

    def _course_translations(self, course: Course) -> MappingProxyType:
        texts: dict[str, CourseText] = {}
        for lang, path in self._translations(self.folder, _COURSE_FILE):
            loaded = self._translation(path, lang, self.folder / "course.md", "course")
            if loaded is None:
                continue
            doc, r, _ = loaded
            texts[lang] = CourseText(
                lang, r.text("title") or course.title, r.text("summary") or course.summary,
                doc.body if doc.body.strip() else course.overview, doc.body_line,
                self.display(path), self.rel(path))
        return MappingProxyType(texts)

    def _translation(self, path: Path, lang: str, source: Path, kind: str):
        """Read a translation file and check its keys; None when it cannot be used."""
        if lang == self.language:
            self.problems.append(warning(self.display(path), 0, N_("this file is marked as a '%(language)s' "
                                                                   "translation but the course is written in "
                                                                   "'%(language)s'; it is ignored"), language=lang))
            return None
        loaded = self.read(path)
        if loaded is None:
            return None
        doc, content_hash = loaded
        allowed = meta.TRANSLATED_KEYS[kind]
        all_keys = {"course": meta.COURSE_KEYS, "module": meta.MODULE_KEYS,
                    "lesson": meta.LESSON_KEYS}[kind]
        source_meta = self.source_meta.get(source, {})
        structural = {k: source_meta.get(k, _ABSENT) for k in all_keys if k not in allowed}
        if kind == "course":
            structural["language"] = lang  # "language: vi" in course.vi.md says the obvious
        r = self.reader(doc, path)
        r.check_keys(allowed, structural)
        return doc, r, content_hash

    def _modules(self, language: str) -> tuple[Module, ...]:
        entries = [e for e in sorted(self.folder.iterdir()) if not _hidden(e)]
        if self._is_one_module_course(entries):
            # Lessons straight in the course folder: the course is its one module.
            return (self._module(self.folder, 1, ONE_MODULE_SLUG, language),)
        modules: list[Module] = []
        seen: dict[str, str] = {}
        for entry in entries:
            if entry.is_dir() and entry.name in TRAINER_FOLDERS:
                continue  # the trainer's kit: not lessons (see content.trainer_kit)
            match = _MODULE_DIR.match(entry.name)
            if entry.is_file() or match is None:
                self.problems += naming_problems(entry, self.display(entry))
                continue
            slug = match.group("slug")
            if slug in seen:
                self.problems.append(error(self.display(entry), 0, N_("module slug '%(slug)s' is already used by "
                                                                      "%(other)s; give each module its own name "
                                                                      "after the number"), slug=slug, other=seen[slug]))
                continue
            seen[slug] = self.display(entry)
            modules.append(self._module(entry, int(match.group("number")), slug, language))
        return tuple(sorted(modules, key=lambda m: (m.number, m.slug)))

    @staticmethod
    def _is_one_module_course(entries: list[Path]) -> bool:
        """Lesson files beside course.md and no module folder: a course of one module."""
        has_lessons = any(e.is_file() and _LESSON_FILE.match(e.name) for e in entries)
        has_modules = any(e.is_dir() and _MODULE_DIR.match(e.name) for e in entries)
        return has_lessons and not has_modules

    def _module(self, folder: Path, number: int, slug: str, language: str) -> Module:
        doc, title, quiz = Document({}, "", 1), humanize(slug), None
        module_md = folder / "module.md"
        if module_md.is_file() and (loaded := self.read(module_md)):
            doc = loaded[0]
            r = self.reader(doc, module_md)
            r.check_keys(meta.MODULE_KEYS)
            title, quiz = r.title(title, required=False), r.identifier("quiz")
        texts: dict[str, ModuleText] = {}
        for lang, path in self._translations(folder, _MODULE_FILE):
            if (loaded_t := self._translation(path, lang, module_md, "module")) is not None:
                tdoc, r, _ = loaded_t
                texts[lang] = ModuleText(lang, r.text("title") or title, tdoc.body,
                                         tdoc.body_line, self.display(path), self.rel(path))
        return Module(
            slug, number, title, doc.body, doc.body_line, quiz,
            self._lessons(folder, slug, language), self.display(folder), self.rel(module_md),
            language, MappingProxyType(texts), MappingProxyType(dict(doc.key_lines)),
        )

    def _lessons(self, folder: Path, module_slug: str, language: str) -> tuple[Lesson, ...]:
        sources: list[tuple[int, str, Path]] = []
        translations: list[tuple[str, str, Path]] = []
        for path in sorted(p for p in folder.iterdir() if p.is_file() and not _hidden(p)):
            if path.suffix.lower() != ".md" or _MODULE_FILE.match(path.name):
                continue
            match = _LESSON_FILE.match(path.name)
            if match is None:
                self.problems += naming_problems(path, self.display(path))
            elif match.group("lang"):
                translations.append((match.group("slug"), match.group("lang"), path))
            else:
                sources.append((int(match.group("number")), match.group("slug"), path))
        lessons: dict[str, Lesson] = {}
        for number, slug, path in sorted(sources):
            if (lesson := self._lesson(path, number, slug, module_slug, language)) is not None:
                lessons[slug] = lesson
        for slug, lang, path in translations:
            source = lessons.get(slug)
            expected = path.with_name(path.name[: -len(".xx.md")] + ".md")
            if source is None or source.rel_path != self.rel(expected):
                self.problems.append(warning(self.display(path), 0, N_("translation has no source lesson "
                                                                       "%(name)s beside it; it is ignored"),
                                             name=expected.name))
                continue
            if (text := self._lesson_translation(path, lang, source)) is not None:
                lessons[slug] = replace(source, translations=MappingProxyType(
                    {**source.translations, lang: text}))
        return tuple(lessons.values())

    def _lesson(self, path: Path, number: int, slug: str, module_slug: str,
                language: str) -> Lesson | None:
        display = self.display(path)
        if slug in RESERVED_SLUGS:
            self.problems.append(error(display, 0, N_("'%(slug)s' cannot be a lesson name: the address "
                                                      "/courses/<course>/files/ is used for attachments"), slug=slug))
        if slug in self.lesson_paths:
            self.problems.append(error(display, 0, N_("lesson slug '%(slug)s' is already used by %(other)s; "
                                                      "lesson names (without the number) must be unique within "
                                                      "a course"), slug=slug, other=self.lesson_paths[slug]))
            return None
        self.lesson_paths[slug] = display
        loaded = self.read(path)
        if loaded is None:
            return None
        doc, content_hash = loaded
        r = self.reader(doc, path)
        r.check_keys(meta.LESSON_KEYS)
        extra, body = self._extra(r, doc)
        minutes = r.positive_int("minutes")
        if minutes is None and "minutes" not in doc.meta:
            minutes = (extra.get("teaching", 0) + extra.get("exercises", 0)) or None
        return Lesson(
            slug, number, r.title(humanize(slug)), minutes, r.identifier("quiz"),
            r.boolean("required", True), module_slug, display, self.rel(path), body,
            doc.body_line, content_hash, language, MappingProxyType(extra),
            meta_lines=MappingProxyType(dict(doc.key_lines)),
        )

    @staticmethod
    def _extra(r: meta.MetaReader, doc: Document) -> tuple[dict[str, Any], str]:
        # Front matter wins; Workbench lessons keep these lists in ::: divs in the body.
        extra = r.extra()
        body, found = extract_summary_divs(doc.body)
        for key, items in found.items():
            extra.setdefault(key, tuple(items))
        return extra, body

    def _lesson_translation(self, path: Path, lang: str, source: Lesson) -> LessonText | None:
        loaded = self._translation(path, lang, self.folder / source.rel_path, "lesson")
        if loaded is None:
            return None
        doc, r, content_hash = loaded
        extra, body = self._extra(r, doc)
        return LessonText(
            lang, r.text("title") or source.title, body if body.strip() else source.body,
            doc.body_line, content_hash, self.display(path), self.rel(path),
            MappingProxyType({**source.extra, **{k: v for k, v in extra.items()
                                                 if k in meta.EXTRA_LISTS}}),
        )
