"""Where "continue" leads and what comes after a lesson: pure functions of the course's steps."""
from __future__ import annotations

from dataclasses import dataclass

from app.progress.rules import (
    Step,
    course_progress,
    course_steps,
    first_unfinished_step,
    step_after_lesson,
)


@dataclass(frozen=True)
class L:
    slug: str
    required: bool = True
    quiz: str | None = None


@dataclass(frozen=True)
class M:
    lessons: tuple
    quiz: str | None = None


@dataclass(frozen=True)
class C:
    slug: str
    modules: tuple
    quizzes: tuple = ()
    prerequisites: tuple = ()

    @property
    def lessons(self):
        return tuple(lesson for m in self.modules for lesson in m.lessons)

    @property
    def required_quiz_ids(self):
        ids = dict.fromkeys(self.quizzes)
        for m in self.modules:
            for lesson in m.lessons:
                if lesson.quiz:
                    ids.setdefault(lesson.quiz)
            if m.quiz:
                ids.setdefault(m.quiz)
        return tuple(ids)


COURSE = C("fb", (
    M((L("a"), L("b", quiz="b-check")), quiz="module-1"),
    M((L("c"), L("extra", required=False)), quiz="module-2"),
), quizzes=("module-1", "final"))


def lesson(slug):
    return Step("lesson", slug)


def quiz(quiz_id):
    return Step("quiz", quiz_id)


def test_steps_follow_reading_order_with_each_quiz_at_its_first_place():
    assert [(s.kind, s.slug) for s in course_steps(COURSE)] == [
        ("lesson", "a"), ("lesson", "b"), ("quiz", "b-check"), ("quiz", "module-1"),
        ("lesson", "c"), ("lesson", "extra"), ("quiz", "module-2"), ("quiz", "final")]


def test_continue_leads_to_the_first_unfinished_step_not_the_last_opened():
    # She opened c (and even later lessons) but never finished b: b comes first.
    progress = course_progress(COURSE, {"a", "c"}, set(), started_lessons={"a", "b", "c", "extra"})
    assert progress.next_step == lesson("b")


def test_a_module_quiz_not_passed_comes_before_the_next_module():
    assert first_unfinished_step(COURSE, {"a", "b"}, {"b-check"}) == quiz("module-1")
    assert first_unfinished_step(COURSE, {"a", "b", "c"}, {"b-check"}) == quiz("module-1")


def test_optional_lesson_is_skipped_until_every_required_step_is_done():
    assert first_unfinished_step(COURSE, {"a", "b", "c"}, {"b-check", "module-1"}) == quiz("module-2")
    everything = {"b-check", "module-1", "module-2", "final"}
    assert first_unfinished_step(COURSE, {"a", "b", "c"}, everything) == Step("lesson", "extra", False)
    assert first_unfinished_step(COURSE, {"a", "b", "c", "extra"}, everything) is None


def test_after_a_lesson_its_own_quiz_then_the_module_quiz_then_the_next_lesson():
    assert step_after_lesson(COURSE, "a", set()) == lesson("b")
    assert step_after_lesson(COURSE, "b", set()) == quiz("b-check")
    assert step_after_lesson(COURSE, "b", {"b-check"}) == quiz("module-1")
    assert step_after_lesson(COURSE, "b", {"b-check", "module-1"}) == lesson("c")


def test_after_the_last_lesson_the_course_quizzes_then_the_end():
    assert step_after_lesson(COURSE, "extra", set()) == quiz("module-2")
    assert step_after_lesson(COURSE, "extra", {"module-2"}) == quiz("final")
    assert step_after_lesson(COURSE, "extra", {"module-2", "final"}) is None
    assert step_after_lesson(COURSE, "no-such-lesson", set()) is None


def test_a_course_without_modules_puts_its_quizzes_after_its_lessons():
    @dataclass(frozen=True)
    class Flat:
        slug: str = "flat"
        lessons: tuple = (L("x"), L("y"))
        required_quiz_ids: tuple = ("q",)
        prerequisites: tuple = ()

    assert first_unfinished_step(Flat(), {"x", "y"}, set()) == quiz("q")
