"""Completion rules, prerequisites and assignment status: pure functions."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from app.progress.assignments import today_in
from app.progress.rules import (
    AssignmentStatus,
    assignment_status,
    course_progress,
    missing_prerequisites,
)


@dataclass(frozen=True)
class L:
    slug: str
    required: bool = True


@dataclass(frozen=True)
class C:
    slug: str
    lessons: tuple
    required_quiz_ids: tuple = ()
    prerequisites: tuple = ()


COURSE = C("fb", (L("a"), L("b"), L("extra", required=False)), ("quiz-1",))


def test_requirements_are_met_when_every_required_lesson_and_quiz_is_done():
    assert not course_progress(COURSE, {"a", "b"}, set()).requirements_met
    assert not course_progress(COURSE, {"a"}, {"quiz-1"}).requirements_met
    assert course_progress(COURSE, {"a", "b"}, {"quiz-1"}).requirements_met


def test_complete_means_a_stored_completion_and_nothing_else():
    met = course_progress(COURSE, {"a", "b"}, {"quiz-1"})
    assert met.requirements_met and not met.complete  # due, not yet stored
    stored = course_progress(COURSE, {"a"}, set(), completed_before=True)
    assert stored.complete and not stored.requirements_met


def test_optional_lesson_is_not_needed():
    progress = course_progress(COURSE, {"a", "b"}, {"quiz-1"})
    assert progress.requirements_met and progress.percent == 100.0
    assert progress.resume_lesson == "extra"  # "continue" still offers the optional one


def test_failed_quiz_then_passed():
    # A failed attempt is "attempted" but not "passed".
    failed = course_progress(COURSE, {"a", "b"}, set(), attempted_quizzes={"quiz-1"})
    assert not failed.requirements_met and failed.next_quiz == "quiz-1" and failed.started
    assert course_progress(COURSE, {"a", "b"}, {"quiz-1"}, attempted_quizzes={"quiz-1"}).requirements_met


def test_percent_counts_required_steps():
    assert course_progress(COURSE, {"a"}, set()).percent == 100 / 3
    assert course_progress(COURSE, {"extra"}, set()).percent == 0


def test_resume_is_the_first_required_lesson_not_done():
    assert course_progress(COURSE, {"a"}, set()).resume_lesson == "b"
    assert course_progress(COURSE, set(), set()).resume_lesson == "a"


def test_content_changed_after_completion_keeps_the_completion():
    grown = C("fb", COURSE.lessons + (L("new-lesson"),), ("quiz-1",))
    progress = course_progress(grown, {"a", "b"}, {"quiz-1"}, completed_before=True)
    assert progress.complete and progress.new_material
    assert progress.resume_lesson == "new-lesson"
    assert progress.percent < 100


def test_prerequisite_lock():
    advanced = C("advanced", (L("x"),), prerequisites=("fb", "basics"))
    assert missing_prerequisites(advanced, set()) == ["fb", "basics"]
    assert missing_prerequisites(advanced, {"basics"}) == ["fb"]
    assert missing_prerequisites(advanced, {"fb", "basics"}) == []


def test_assignment_status_around_the_due_date():
    due = date(2026, 12, 1)
    not_started = course_progress(COURSE, set(), set())
    started = course_progress(COURSE, {"a"}, set())
    done = course_progress(COURSE, {"a", "b"}, {"quiz-1"}, completed_before=True)
    assert assignment_status(not_started, due, date(2026, 12, 1)) is AssignmentStatus.NOT_STARTED
    assert assignment_status(started, due, date(2026, 12, 1)) is AssignmentStatus.IN_PROGRESS
    assert assignment_status(started, due, date(2026, 12, 2)) is AssignmentStatus.OVERDUE
    assert assignment_status(not_started, due, date(2026, 12, 2)) is AssignmentStatus.OVERDUE
    assert assignment_status(done, due, date(2027, 1, 1)) is AssignmentStatus.COMPLETED
    assert assignment_status(not_started, None, date(2030, 1, 1)) is AssignmentStatus.NOT_STARTED


def test_today_is_taken_in_the_unions_time_zone():
    # 18:30 UTC on 1 December is already 2 December in Vietnam (UTC+7).
    evening = datetime(2026, 12, 1, 18, 30, tzinfo=UTC)
    assert today_in("Asia/Ho_Chi_Minh", evening) == date(2026, 12, 2)
    assert today_in("UTC", evening) == date(2026, 12, 1)
    due = date(2026, 12, 1)
    started = course_progress(COURSE, {"a"}, set())
    assert assignment_status(started, due, today_in("Asia/Ho_Chi_Minh", evening)) is AssignmentStatus.OVERDUE
    assert assignment_status(started, due, today_in("UTC", evening)) is AssignmentStatus.IN_PROGRESS
