"""Courses as frozen data: Course -> Module -> Lesson, each with optional translations.

Everything here is read-only after loading (tuples, and mappings nobody mutates), so one
catalogue can be shared by all requests of a process. Progress is keyed on slugs, never on
the numeric prefixes or titles, so trainers can reorder and rename freely.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import Any

from .problems import Problem

_EMPTY: Mapping[str, Any] = MappingProxyType({})


def _empty() -> Any:
    """Default for mapping fields: one shared read-only empty mapping."""
    return field(default_factory=lambda: _EMPTY)


@dataclass(frozen=True)
class LessonText:
    """The language-dependent part of a lesson: what a translation may replace."""

    language: str
    title: str
    body: str
    body_line: int  # 1-based line of the first body line in ``path``
    content_hash: str  # sha256 of the file's text; progress records it to spot edits
    path: str  # display path, e.g. "courses/fb/01-setup/02-rules.vi.md"
    rel_path: str  # path inside the course folder, e.g. "01-setup/02-rules.vi.md"
    extra: Mapping[str, Any] = _empty()


@dataclass(frozen=True)
class Lesson:
    """One lesson file ``NN-<slug>.md``; ``slug`` is its identity within the course."""

    slug: str
    number: int
    title: str
    minutes: int | None
    quiz: str | None
    required: bool
    module_slug: str
    path: str
    rel_path: str
    body: str
    body_line: int
    content_hash: str
    language: str = "en"
    # questions / objectives / keypoints (lists of str), teaching / exercises (int minutes)
    extra: Mapping[str, Any] = _empty()
    translations: Mapping[str, LessonText] = _empty()
    meta_lines: Mapping[str, int] = _empty()  # line of each front matter key, for problems

    def text_for(self, language: str | None) -> LessonText:
        """Texts in ``language`` if a translation exists, else the source texts."""
        if language and language in self.translations:
            return self.translations[language]
        return LessonText(
            self.language, self.title, self.body, self.body_line, self.content_hash,
            self.path, self.rel_path, self.extra,
        )


@dataclass(frozen=True)
class ModuleText:
    """The language-dependent part of a module."""

    language: str
    title: str
    intro: str
    intro_line: int
    path: str  # display path of module.md (or of the folder when there is none)
    rel_path: str


@dataclass(frozen=True)
class Module:
    """A folder ``NN-<slug>/`` of lessons, optionally closed by a quiz."""

    slug: str
    number: int
    title: str
    intro: str
    intro_line: int
    quiz: str | None
    lessons: tuple[Lesson, ...]
    path: str  # display path of the folder, e.g. "courses/fb/01-setup"
    rel_path: str  # course-relative path of module.md, or of the folder without one
    language: str = "en"
    translations: Mapping[str, ModuleText] = _empty()
    meta_lines: Mapping[str, int] = _empty()

    def text_for(self, language: str | None) -> ModuleText:
        """Title and intro in ``language`` if translated, else the source texts."""
        if language and language in self.translations:
            return self.translations[language]
        return ModuleText(
            self.language, self.title, self.intro, self.intro_line, self.path, self.rel_path
        )


@dataclass(frozen=True)
class CourseText:
    """The language-dependent part of a course."""

    language: str
    title: str
    summary: str
    overview: str
    overview_line: int
    path: str  # display path of course.md or its translation
    rel_path: str


@dataclass(frozen=True)
class Course:
    """One folder under ``courses/``. A course with any error in ``problems`` is broken."""

    slug: str
    title: str
    summary: str
    audience: str
    minutes: int | None  # as estimated by the trainer; see ``total_minutes``
    language: str
    quizzes: tuple[str, ...]
    prerequisites: tuple[str, ...]
    draft: bool
    overview: str
    overview_line: int
    modules: tuple[Module, ...]
    path: str  # display path of the folder, e.g. "courses/fb"
    root: Path | None = None  # absolute folder, for serving images and attachments
    problems: tuple[Problem, ...] = ()
    translations: Mapping[str, CourseText] = _empty()
    meta_lines: Mapping[str, int] = _empty()
    file_path: str = field(default="", compare=False)  # display path of course.md
    #: Pages for trainers and admins only (``trainer/``); see content.trainer_kit.
    trainer_kit: tuple[Any, ...] = ()
    #: In-person sessions of this course a member must attend to complete it (blended course).
    sessions_required: int = 0

    @cached_property
    def lessons(self) -> tuple[Lesson, ...]:
        """All lessons in reading order, across modules."""
        return tuple(lesson for module in self.modules for lesson in module.lessons)

    @cached_property
    def derived(self) -> dict[Any, Any]:
        """Values other modules derive from this course, computed once (a course never changes;
        reloading the catalogue builds new Course objects)."""
        return {}

    @cached_property
    def _index(self) -> Mapping[str, int]:
        return {lesson.slug: i for i, lesson in enumerate(self.lessons)}

    def lesson(self, slug: str) -> Lesson | None:
        """The lesson with ``slug``, or None."""
        index = self._index.get(slug)
        return None if index is None else self.lessons[index]

    def module(self, slug: str) -> Module | None:
        """The module with ``slug``, or None."""
        return next((m for m in self.modules if m.slug == slug), None)

    def module_of(self, lesson_slug: str) -> Module | None:
        """The module that holds the lesson ``lesson_slug``."""
        lesson = self.lesson(lesson_slug)
        return None if lesson is None else self.module(lesson.module_slug)

    def previous_lesson(self, slug: str) -> Lesson | None:
        """The lesson before ``slug`` in reading order (crossing modules), or None."""
        index = self._index.get(slug)
        return self.lessons[index - 1] if index else None

    def next_lesson(self, slug: str) -> Lesson | None:
        """The lesson after ``slug`` in reading order (crossing modules), or None."""
        index = self._index.get(slug)
        if index is None or index + 1 >= len(self.lessons):
            return None
        return self.lessons[index + 1]

    @property
    def required_lessons(self) -> tuple[Lesson, ...]:
        """Lessons that count towards completing the course (``required`` is not false)."""
        return tuple(lesson for lesson in self.lessons if lesson.required)

    @cached_property
    def required_quiz_ids(self) -> tuple[str, ...]:
        """Course ``quizzes``, then each module's and lesson's ``quiz``; in order, no repeats."""
        ids: dict[str, None] = dict.fromkeys(self.quizzes)
        for module in self.modules:
            for lesson in module.lessons:
                if lesson.quiz:
                    ids.setdefault(lesson.quiz)
            if module.quiz:
                ids.setdefault(module.quiz)
        return tuple(ids)

    @property
    def total_minutes(self) -> int:
        """The trainer's estimate, or else the sum of the lessons' minutes."""
        if self.minutes:
            return self.minutes
        return sum(lesson.minutes or 0 for lesson in self.lessons)

    @property
    def is_broken(self) -> bool:
        """True when any problem is an error: the course is then hidden from learners."""
        return any(problem.is_error for problem in self.problems)

    @property
    def languages(self) -> tuple[str, ...]:
        """The source language first, then every language some file is translated into."""
        found = dict.fromkeys([self.language, *self.translations])
        for module in self.modules:
            found.update(dict.fromkeys(module.translations))
            for lesson in module.lessons:
                found.update(dict.fromkeys(lesson.translations))
        return tuple(found)

    def text_for(self, language: str | None) -> CourseText:
        """Title, summary and overview in ``language`` if translated, else the source."""
        if language and language in self.translations:
            return self.translations[language]
        return CourseText(
            self.language, self.title, self.summary, self.overview, self.overview_line,
            self.file_path, "course.md",
        )

    def asset_path(self, relative: str) -> Path | None:
        """The file ``relative`` (as in a ``files/<path>`` URL) if it is safely inside the folder.

        Refuses paths that climb out (``..``), absolute paths, symlinks leading elsewhere,
        hidden files and Markdown sources (lessons are served as pages, not as files).
        """
        if self.root is None or not relative:
            return None
        parts = PurePosixPath(relative).parts
        if PurePosixPath(relative).is_absolute() or any(
            part in ("..", ".") or part.startswith(".") for part in parts
        ):
            return None
        if parts[-1].lower().endswith(".md"):
            return None
        root = self.root.resolve()
        candidate = (root / PurePosixPath(*parts)).resolve()
        if not candidate.is_relative_to(root) or not candidate.is_file():
            return None
        return candidate
