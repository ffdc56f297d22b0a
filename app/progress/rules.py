"""Completion rules: pure functions of a course and what a member has done. No I/O.

A course's requirements are met when every required lesson is done and every quiz the course
names (course, module or lesson) is passed, and, for a blended course (``sessions_required`` in
``course.md``), she has attended that many of its in-person sessions; then her completion is
stored, and only a stored completion makes the course complete (``status`` is the one
definition, with its SQL twin, and says when it is stored). A completion, once stored, stands: when a trainer later
adds a required lesson or quiz, the member keeps her completion and certificate, and the
course shows her that it has new material.
"""
from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from .status import AssignmentStatus, status_of


class LessonLike(Protocol):
    slug: str
    required: bool


class CourseLike(Protocol):
    """A course as the rules see it; a course with ``modules`` (each with ``lessons`` and an
    optional ``quiz``, each lesson with an optional ``quiz``) gives its steps in that order,
    one without puts its quizzes after its lessons."""

    slug: str
    prerequisites: Sequence[str]

    @property
    def lessons(self) -> Sequence[LessonLike]: ...

    @property
    def required_quiz_ids(self) -> Sequence[str]: ...


@dataclass(frozen=True)
class Step:
    """One step of a course in reading order: a lesson to read or a quiz to pass."""

    kind: str  # "lesson" | "quiz"
    slug: str  # the lesson's slug or the quiz's id
    required: bool = True

    @property
    def is_quiz(self) -> bool:
        return self.kind == "quiz"


@dataclass(frozen=True)
class CourseProgress:
    """Where a member stands in one course."""

    required_lessons: int
    required_lessons_done: int
    quizzes: int
    quizzes_passed: int
    #: Lessons done, required or not (for "3 of 12 lessons read").
    lessons_done: int
    lessons_total: int
    #: A completion is stored for her (see ``status``: the one definition of complete).
    complete: bool
    #: Completed earlier, but the course now holds steps she has not done.
    new_material: bool
    #: The lesson to open on "continue": the first required lesson not done, else the first
    #: lesson not done, else None.
    resume_lesson: str | None
    #: The first quiz still to pass when every required lesson is done.
    next_quiz: str | None
    started: bool
    #: Where "continue" leads: the first required step (lesson or quiz) not done, in course
    #: order, else the first optional lesson not read, else None (see ``first_unfinished_step``).
    next_step: Step | None = None
    #: Blended courses: in-person sessions required, and how many of them she attended.
    sessions_required: int = 0
    sessions_attended: int = 0
    #: Every required step done (lessons, quizzes, attendance): a completion is due. It is
    #: stored by the step that met it, or after a content change (``status`` says when).
    requirements_met: bool = False

    @property
    def attendance_satisfied(self) -> bool:
        return attendance_satisfied(self.sessions_required, self.sessions_attended)

    @property
    def steps(self) -> int:
        return self.required_lessons + self.quizzes + self.sessions_required

    @property
    def steps_done(self) -> int:
        return self.required_lessons_done + self.quizzes_passed + min(self.sessions_attended, self.sessions_required)

    @property
    def percent(self) -> float:
        """Share of required steps done, 0-100; 100 when complete even if content grew."""
        if self.complete and not self.new_material:
            return 100.0
        return 100.0 * self.steps_done / self.steps if self.steps else 0.0


def course_progress(
    course: CourseLike,
    done_lessons: AbstractSet[str],
    passed_quizzes: AbstractSet[str],
    *,
    started_lessons: AbstractSet[str] = frozenset(),
    attempted_quizzes: AbstractSet[str] = frozenset(),
    completed_before: bool = False,
    sessions_attended: int = 0,
) -> CourseProgress:
    """Compute a member's progress in ``course`` from the slugs she has done and passed (and,
    for a blended course, how many of its sessions she attended)."""
    shape = _shape_of(course)
    required_done = len(shape.required & done_lessons)
    passed = sum(1 for quiz in shape.quizzes if quiz in passed_quizzes)
    all_steps_done = required_done == len(shape.required) and passed == len(shape.quizzes)
    sessions_required = getattr(course, "sessions_required", 0)
    requirements_met = (all_steps_done and bool(shape.required or shape.quizzes or sessions_required)
                        and attendance_satisfied(sessions_required, sessions_attended))
    resume = next((slug for slug in shape.required_order if slug not in done_lessons), None)
    if resume is None:
        resume = next((slug for slug in shape.lessons if slug not in done_lessons), None)
    next_quiz = None
    if required_done == len(shape.required):
        next_quiz = next((quiz for quiz in shape.quizzes if quiz not in passed_quizzes), None)
    started = bool(shape.known & done_lessons or shape.known & started_lessons) or bool(
        (passed_quizzes | attempted_quizzes) & set(shape.quizzes)
    )
    return CourseProgress(
        required_lessons=len(shape.required),
        required_lessons_done=required_done,
        quizzes=len(shape.quizzes),
        quizzes_passed=passed,
        lessons_done=len(shape.known & done_lessons),
        lessons_total=len(shape.lessons),
        complete=completed_before,
        new_material=completed_before and not all_steps_done,
        resume_lesson=resume,
        next_quiz=next_quiz,
        started=started or completed_before or sessions_attended > 0,
        next_step=first_unfinished_step(course, done_lessons, passed_quizzes),
        sessions_required=sessions_required,
        sessions_attended=sessions_attended,
        requirements_met=requirements_met,
    )


def attendance_satisfied(sessions_required: int, sessions_attended: int) -> bool:
    """The in-person part of a blended course: at least ``sessions_required`` sessions of the
    course attended (always true for a course that requires none)."""
    return sessions_attended >= sessions_required


def course_steps(course: CourseLike) -> tuple[Step, ...]:
    """Every step of ``course`` in the order she meets it: each lesson, then the lesson's own
    quiz, then at a module's end the module's quiz; last the course's own quizzes not met
    before. A quiz named twice is one step, at its first place."""
    memo = getattr(course, "derived", None)
    steps = memo.get(course_steps) if memo is not None else None
    if steps is None:
        modules = getattr(course, "modules", None)
        groups = ([(m.lessons, m.quiz) for m in modules] if modules is not None
                  else [(course.lessons, None)])
        found: list[Step] = []
        seen: set[str] = set()

        def add_quiz(quiz_id: str | None) -> None:
            if quiz_id and quiz_id not in seen:
                seen.add(quiz_id)
                found.append(Step("quiz", quiz_id))

        for lessons, module_quiz in groups:
            for lesson in lessons:
                found.append(Step("lesson", lesson.slug, lesson.required))
                add_quiz(getattr(lesson, "quiz", None))
            add_quiz(module_quiz)
        for quiz_id in course.required_quiz_ids:
            add_quiz(quiz_id)
        steps = tuple(found)
        if memo is not None:
            memo[course_steps] = steps
    return steps


def _unfinished(step: Step, done_lessons: AbstractSet[str], passed_quizzes: AbstractSet[str]) -> bool:
    return step.slug not in (passed_quizzes if step.is_quiz else done_lessons)


def first_unfinished_step(course: CourseLike, done_lessons: AbstractSet[str],
                          passed_quizzes: AbstractSet[str]) -> Step | None:
    """Where "continue" leads: the first required step not done in course order, whatever
    she opened last; when every required step is done, the first optional lesson not read."""
    steps = course_steps(course)
    return next((s for s in steps if s.required and _unfinished(s, done_lessons, passed_quizzes)),
                next((s for s in steps if _unfinished(s, done_lessons, passed_quizzes)), None))


def step_after_lesson(course: CourseLike, lesson_slug: str, passed_quizzes: AbstractSet[str]) -> Step | None:
    """After "mark as done" on a lesson: a quiz still to pass that comes before the next lesson
    (the lesson's own, or the module's at a module's end), else the next lesson, else None
    (the course's end)."""
    steps = course_steps(course)
    index = next((i for i, s in enumerate(steps) if not s.is_quiz and s.slug == lesson_slug), None)
    if index is None:
        return None
    for step in steps[index + 1:]:
        if not step.is_quiz:
            return step
        if step.slug not in passed_quizzes:
            return step
    return None


@dataclass(frozen=True)
class _Shape:
    """What the rules need of a course, as slugs: worked out once per course."""

    lessons: tuple[str, ...]  # in reading order
    required_order: tuple[str, ...]
    required: frozenset[str]
    known: frozenset[str]
    quizzes: tuple[str, ...]


def _shape_of(course: CourseLike) -> _Shape:
    # A course (app.content.model.Course) never changes and keeps derived values in
    # ``derived``; pages compute progress on every request, over courses of 1,000 lessons.
    memo = getattr(course, "derived", None)
    shape = memo.get(_Shape) if memo is not None else None
    if shape is None:
        lessons = tuple(lesson.slug for lesson in course.lessons)
        required = tuple(lesson.slug for lesson in course.lessons if lesson.required)
        shape = _Shape(lessons, required, frozenset(required), frozenset(lessons), tuple(course.required_quiz_ids))
        if memo is not None:
            memo[_Shape] = shape
    return shape


def missing_prerequisites(course: CourseLike, completed_courses: AbstractSet[str]) -> list[str]:
    """Slugs of the courses to finish before ``course`` opens, in the order the course lists them."""
    return [slug for slug in course.prerequisites if slug not in completed_courses]


def assignment_status(progress: CourseProgress, due: date | None, today: date) -> AssignmentStatus:
    """Status of an assigned course; ``today`` is the date in the union's time zone. The rule
    is ``status.status_of`` (beside its SQL twin): completed means a stored completion."""
    return status_of(completed=progress.complete, started=progress.started, due=due, judge_day=today)
