"""Completion rules: pure functions of a course and what a member has done. No I/O.

A course is complete when every required lesson is done and every quiz the course names
(course, module or lesson) is passed. A completion, once stored, stands: when a trainer later
adds a required lesson or quiz, the member keeps her completion and certificate, and the
course shows her that it has new material.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import AbstractSet, Protocol, Sequence


class LessonLike(Protocol):
    slug: str
    required: bool


class CourseLike(Protocol):
    slug: str
    prerequisites: Sequence[str]

    @property
    def lessons(self) -> Sequence[LessonLike]: ...

    @property
    def required_quiz_ids(self) -> Sequence[str]: ...


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
    complete: bool
    #: Completed earlier, but the course now holds steps she has not done.
    new_material: bool
    #: The lesson to open on "continue": the first required lesson not done, else the first
    #: lesson not done, else None.
    resume_lesson: str | None
    #: The first quiz still to pass when every required lesson is done.
    next_quiz: str | None
    started: bool

    @property
    def steps(self) -> int:
        return self.required_lessons + self.quizzes

    @property
    def steps_done(self) -> int:
        return self.required_lessons_done + self.quizzes_passed

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
) -> CourseProgress:
    """Compute a member's progress in ``course`` from the slugs she has done and passed."""
    shape = _shape_of(course)
    required_done = len(shape.required & done_lessons)
    passed = sum(1 for quiz in shape.quizzes if quiz in passed_quizzes)
    all_steps_done = required_done == len(shape.required) and passed == len(shape.quizzes)
    complete = completed_before or (all_steps_done and bool(shape.required or shape.quizzes))
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
        complete=complete,
        new_material=completed_before and not all_steps_done,
        resume_lesson=resume,
        next_quiz=next_quiz,
        started=started or completed_before,
    )


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


class AssignmentStatus(str, Enum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    OVERDUE = "overdue"


def assignment_status(progress: CourseProgress, due: date | None, today: date) -> AssignmentStatus:
    """Status of an assigned course; ``today`` is the date in the union's time zone.

    The due date is the last day to finish: on it the course is not yet overdue.
    """
    if progress.complete:
        return AssignmentStatus.COMPLETED
    if due is not None and today > due:
        return AssignmentStatus.OVERDUE
    return AssignmentStatus.IN_PROGRESS if progress.started else AssignmentStatus.NOT_STARTED
