"""The catalogue: all courses and quizzes of one deployment, read once per process."""
from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .courses import load_courses
from .model import Course
from .problems import N_, Problem, error
from .render_checks import quiz_with_limit_problems, with_limit_problems


@dataclass(frozen=True)
class Catalogue:
    """Courses (broken ones included, with their problems), quizzes, and every problem."""

    courses: tuple[Course, ...]
    quizzes: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    problems: tuple[Problem, ...] = ()

    def course(self, slug: str) -> Course | None:
        """The course with ``slug`` (broken or draft ones too), or None."""
        return next((course for course in self.courses if course.slug == slug), None)

    def visible_courses(self, include_drafts: bool = False) -> tuple[Course, ...]:
        """Courses learners may see: not broken, and not drafts unless asked for."""
        return tuple(
            course for course in self.courses
            if not course.is_broken and (include_drafts or not course.draft)
        )

    def broken_courses(self) -> tuple[Course, ...]:
        """Courses hidden because of errors, for the trainers' and admins' list."""
        return tuple(course for course in self.courses if course.is_broken)

    def quiz(self, quiz_id: str) -> Any | None:
        """The quiz with ``quiz_id``, or None."""
        return self.quizzes.get(quiz_id)

    def courses_using_quiz(self, quiz_id: str) -> tuple[Course, ...]:
        """Courses that require ``quiz_id`` (course list, module or lesson)."""
        return tuple(c for c in self.courses if quiz_id in c.required_quiz_ids)

    @property
    def errors(self) -> tuple[Problem, ...]:
        """Problems that hide a course or quiz (warnings left out)."""
        return tuple(problem for problem in self.problems if problem.is_error)

    @property
    def has_errors(self) -> bool:
        """True when `flask content check` should exit non-zero."""
        return bool(self.errors)


QuizLoader = Callable[[Path], "tuple[dict[str, Any], list[Problem]]"]


def _quiz_loader() -> QuizLoader | None:
    """``app.content.quizzes.load_quizzes`` if that module exists yet, else None."""
    try:
        module = importlib.import_module(f"{__package__}.quizzes")
    except ModuleNotFoundError as exc:
        if exc.name != f"{__package__}.quizzes":
            raise  # the module exists but is itself broken: that is a bug to see
        return None
    return getattr(module, "load_quizzes", None)


def load_catalogue(
    courses_dir: Path | str, quizzes_dir: Path | str, *, quiz_loader: QuizLoader | None = None,
) -> Catalogue:
    """Read ``courses_dir`` and ``quizzes_dir`` into a Catalogue; never raises on bad content.

    Quizzes come from ``load_quizzes`` in app/content/quizzes.py (or ``quiz_loader``); a
    course, module or lesson ``quiz`` naming no loaded quiz is an error on that course.
    Every text past a limit of ``limits`` (nesting, size) is an error too; rendering is
    checked separately, by ``render_checks.check_rendering``.
    """
    courses, problems = load_courses(Path(courses_dir))
    loader = quiz_loader or _quiz_loader()
    quizzes: dict[str, Any] = {}
    if loader is not None:
        quizzes, quiz_problems = loader(Path(quizzes_dir))
        problems = [*problems, *quiz_problems]
        quizzes, limit_problems = _check_quiz_limits(quizzes)
        problems += limit_problems
    courses = tuple(with_limit_problems(_check_quiz_references(course, quizzes)) for course in courses)
    every = [*problems, *(p for course in courses for p in course.problems)]
    return Catalogue(courses, MappingProxyType(dict(quizzes)), tuple(sorted(every)))


def _check_quiz_limits(quizzes: Mapping[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    checked, added = {}, []
    for quiz_id, quiz in quizzes.items():
        if not hasattr(quiz, "questions"):  # a stand-in from a custom loader
            checked[quiz_id] = quiz
            continue
        checked[quiz_id] = quiz_with_limit_problems(quiz)
        added += checked[quiz_id].problems[len(quiz.problems):]
    return checked, added


def _check_quiz_references(course: Course, quizzes: Mapping[str, Any]) -> Course:
    missing: list[Problem] = []

    def check(quiz_id: str | None, path: str, lines: Mapping[str, int], key: str) -> None:
        if quiz_id and quiz_id not in quizzes:
            missing.append(error(path, lines.get(key, 1), N_("quiz '%(quiz)s' does not exist "
                                                             "(no quizzes/%(quiz)s.md or quizzes/%(quiz)s.gift)"),
                                 quiz=quiz_id))

    for quiz_id in course.quizzes:
        check(quiz_id, course.file_path, course.meta_lines, "quizzes")
    for module in course.modules:
        check(module.quiz, f"{course.path}/{module.rel_path}", module.meta_lines, "quiz")
        for lesson in module.lessons:
            check(lesson.quiz, lesson.path, lesson.meta_lines, "quiz")
    if not missing:
        return course
    return replace(course, problems=course.problems + tuple(missing))
