"""Completion rules at their edges: a course with no required step, counts after a trainer
deleted a lesson she had done, what counts as started, and a course's shape worked out once."""
from __future__ import annotations

from dataclasses import dataclass, field

from app.progress.rules import Step, course_progress, course_steps


@dataclass(frozen=True)
class L:
    slug: str
    required: bool = True
    quiz: str | None = None


@dataclass(frozen=True)
class C:
    slug: str
    lessons: tuple
    required_quiz_ids: tuple = ()
    prerequisites: tuple = ()


def test_a_course_of_optional_lessons_only_is_never_met_by_doing_nothing():
    reading = C("reading", (L("tips", required=False), L("more", required=False)))
    progress = course_progress(reading, set(), set())
    assert not progress.requirements_met
    assert (progress.steps, progress.percent, progress.started) == (0, 0.0, False)
    assert progress.next_step == Step("lesson", "tips", required=False)
    read = course_progress(reading, {"tips", "more"}, set())
    assert not read.requirements_met and read.percent == 0.0
    assert (read.lessons_done, read.lessons_total, read.resume_lesson) == (2, 2, None)


def test_an_empty_course_has_nothing_to_meet_and_nowhere_to_go():
    empty = C("soon", ())
    progress = course_progress(empty, {"anything"}, {"any-quiz"})
    assert not progress.requirements_met and not progress.started
    assert (progress.resume_lesson, progress.next_quiz, progress.next_step) == (None, None, None)


def test_a_course_of_lessons_without_a_quiz_is_met_by_reading_them():
    course = C("basics", (L("a"), L("b")))
    assert not course_progress(course, {"a"}, set()).requirements_met
    met = course_progress(course, {"a", "b"}, set())
    assert met.requirements_met and (met.quizzes, met.next_quiz, met.next_step) == (0, None, None)


def test_a_course_of_only_a_quiz_is_met_by_passing_it():
    course = C("check", (), ("final",))
    before = course_progress(course, set(), set())
    assert not before.requirements_met and before.next_quiz == "final"
    assert course_progress(course, set(), {"final"}).requirements_met


def test_lessons_deleted_since_she_read_them_count_for_nothing():
    course = C("fb", (L("a"), L("b"), L("extra", required=False)), ("quiz-1",))
    done = {"a", "gone-required", "gone-optional"}
    progress = course_progress(course, done, {"old-quiz"})
    assert (progress.required_lessons, progress.required_lessons_done) == (2, 1)
    assert (progress.lessons_done, progress.lessons_total) == (1, 3)
    assert (progress.quizzes, progress.quizzes_passed) == (1, 0)
    assert progress.percent == 100 / 3 and not progress.requirements_met
    assert progress.resume_lesson == "b"


def test_a_deleted_required_lesson_no_longer_stands_between_her_and_the_course():
    shorter = C("fb", (L("a"),), ("quiz-1",))
    progress = course_progress(shorter, {"a"}, {"quiz-1"})
    assert progress.requirements_met and progress.percent == 100.0


def test_a_quiz_attempted_or_passed_is_a_start_even_before_any_lesson():
    course = C("fb", (L("a"),), ("quiz-1",))
    assert course_progress(course, set(), set(), attempted_quizzes={"quiz-1"}).started
    assert course_progress(course, set(), {"quiz-1"}).started
    elsewhere = course_progress(course, set(), {"other"}, attempted_quizzes={"other"})
    assert not elsewhere.started


def test_opening_a_lesson_is_a_start_only_for_this_course():
    course = C("fb", (L("a"), L("b")))
    assert course_progress(course, set(), set(), started_lessons={"b"}).started
    assert not course_progress(course, {"x"}, set(), started_lessons={"y"}).started


def test_the_next_quiz_waits_for_the_required_lessons():
    course = C("fb", (L("a"), L("extra", required=False)), ("quiz-1", "quiz-2"))
    assert course_progress(course, set(), set()).next_quiz is None
    assert course_progress(course, {"a"}, set()).next_quiz == "quiz-1"
    assert course_progress(course, {"a"}, {"quiz-1"}).next_quiz == "quiz-2"
    assert course_progress(course, {"a"}, {"quiz-1", "quiz-2"}).next_quiz is None


def test_new_material_is_only_for_a_course_completed_before():
    course = C("fb", (L("a"), L("b")))
    assert not course_progress(course, {"a"}, set()).new_material
    assert course_progress(course, {"a"}, set(), completed_before=True).new_material
    assert not course_progress(course, {"a", "b"}, set(), completed_before=True).new_material


class CountingCourse:
    """A course like the catalogue's: it never changes and keeps derived values in ``derived``;
    it counts how often its lessons are read."""

    def __init__(self, lessons, quizzes=()):
        self.slug, self.prerequisites, self.derived = "big", (), {}
        self._lessons, self.required_quiz_ids, self.reads = tuple(lessons), tuple(quizzes), 0

    @property
    def lessons(self):
        self.reads += 1
        return self._lessons


def test_a_course_s_shape_and_steps_are_worked_out_once():
    """Every page asks for progress in every course; a course of 1,000 lessons must not be
    walked again each time."""
    course = CountingCourse([L(f"l{i}") for i in range(1000)], ("final",))
    first = course_progress(course, {"l0"}, set())
    reads = course.reads
    steps = course_steps(course)
    for _ in range(3):
        again = course_progress(course, {"l0"}, set())
        assert course_steps(course) is steps
    assert course.reads == reads and again == first
    assert (first.required_lessons, first.required_lessons_done, first.resume_lesson) == (
        1000, 1, "l1")
    assert len(steps) == 1001 and steps[-1] == Step("quiz", "final")


def test_shapes_are_kept_per_course():
    one, two = CountingCourse([L("a")]), CountingCourse([L("b"), L("c")])
    assert course_progress(one, set(), set()).required_lessons == 1
    assert course_progress(two, set(), set()).required_lessons == 2
    assert [s.slug for s in course_steps(two)] == ["b", "c"]
    assert [s.slug for s in course_steps(one)] == ["a"]


@dataclass
class Plain:
    """A course without ``derived`` (a test double, a course being checked): still works."""

    slug: str
    lessons: tuple
    required_quiz_ids: tuple = ()
    prerequisites: tuple = ()
    extra: dict = field(default_factory=dict)


def test_a_course_without_a_memo_is_worked_out_each_time():
    course = Plain("p", (L("a"),))
    assert course_progress(course, {"a"}, set()).requirements_met
    course.lessons = (L("a"), L("b"))
    assert not course_progress(course, {"a"}, set()).requirements_met
    assert [s.slug for s in course_steps(course)] == ["a", "b"]


@dataclass(frozen=True)
class Blended:
    """A course that also asks for attendance at in-person sessions (``sessions_required``)."""

    slug: str
    lessons: tuple
    sessions_required: int
    required_quiz_ids: tuple = ()
    prerequisites: tuple = ()


def test_a_blended_course_is_met_only_with_its_sessions_attended():
    course = Blended("blend", (L("a"),), 2, ("quiz-1",))
    online = course_progress(course, {"a"}, {"quiz-1"}, sessions_attended=1)
    assert not online.requirements_met and not online.attendance_satisfied
    assert (online.sessions_required, online.sessions_attended) == (2, 1)
    assert (online.steps, online.steps_done, online.percent) == (4, 3, 75.0)
    both = course_progress(course, {"a"}, {"quiz-1"}, sessions_attended=3)
    assert both.requirements_met and (both.steps_done, both.percent) == (4, 100.0)


def test_a_course_of_sessions_only_is_met_by_attending_them():
    course = Blended("meeting", (), 1)
    assert not course_progress(course, set(), set()).requirements_met
    assert course_progress(course, set(), set(), sessions_attended=1).requirements_met


def test_attending_one_session_is_a_start():
    course = Blended("blend", (L("a"),), 2)
    assert not course_progress(course, set(), set()).started
    assert course_progress(course, set(), set(), sessions_attended=1).started
    assert course_progress(course, set(), set(), completed_before=True).started
