"""A stateful model of one member's learning, checked against the real app after every step.

Hypothesis plays random sequences of what happens on a real site: she follows "Continue",
reads lessons and takes quizzes, and now and then does something odd (opens a lesson without
marking it, marks one she never opened or from an expired page, sends a quiz twice, sends an
expired page, an old paper or a made-up token); the trainer adds and removes lessons, makes
them optional or required and moves quizzes between course, modules and lessons, each time
with `flask content publish`; the coordinator assigns and removes the course on
/admin/assignments/; an admin moves and merges units with `flask units`; days pass. After
every step My learning, the course page, the committee roster, the completion reports (her
unit by member, her district by commune), the kept per-unit counts and `flask report verify`
must say what the plain-Python model (``model.py``) says.

The sequences are the same on every run (``derandomize``), so the suite never passes on one
run and fails on the next; set ``STATEFUL_EXAMPLES`` (5 by default) to play more of them.
The cases that matter most are also written out in ``test_written_out_sequences.py``, so
they never depend on what a random run happens to play.
"""
from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from .model import QUIZZES, Lesson
from .modelled_site import ModelledSite

#: Lessons the course may have; the first three are in it at the start.
LESSON_POOL = ("hello", "extra", "plan", "rules", "photos", "safety")
ROLE_CHOICES = ((), ("chair",), ("committee_member",), ("chair", "vice_chair"))
ANSWERS = st.sampled_from([True, True, False])  # she answers right two times in three
ODD_THINGS = ("open a lesson only", "mark a lesson never opened", "mark done from an expired page",
              "open a lesson taken out", "send twice", "send an expired page",
              "send an old paper again", "send a made-up token")
EDITS = ("add a lesson", "remove a lesson", "make optional or required", "move a quiz")
ASSIGNMENT_CHANGES = ("assign", "remove", "undo the removal")
UNIT_CHANGES = ("merge communes", "merge districts", "move a commune")


class LearningModel(RuleBasedStateMachine):
    """One example: a fresh site, the model beside it, and the steps Hypothesis picks."""

    site = None  # set by the test: the site (app and folders) of the backend under test

    def __init__(self):
        super().__init__()
        self.s = ModelledSite(type(self).site)

    def teardown(self):
        self.s.close()

    def _lessons(self) -> list[str]:
        return [lesson.slug for lesson in self.s.world.content.lessons()]

    def _lesson_to_change(self, data, lessons: list[Lesson]) -> Lesson:
        """Half the time one she still has to do: the change that finishes a course for her."""
        done = self.s.learner.done
        undone = [lesson for lesson in lessons if lesson.required and lesson.slug not in done]
        choice = st.sampled_from(lessons)
        if undone:
            choice = st.one_of(st.sampled_from(undone), choice)
        return data.draw(choice, label="lesson")

    # -- her -----------------------------------------------------------------------------
    @initialize(steps=st.integers(0, 3))
    def she_has_begun(self, steps):
        """Examples start anywhere from a fresh course to one nearly done."""
        for _ in range(steps):
            self.s.press_continue(True)

    @rule(right=ANSWERS)
    def she_continues(self, right):
        self.s.press_continue(right)

    @rule(data=st.data())
    def she_reads_a_lesson(self, data):
        self.s.read(data.draw(st.sampled_from(self._lessons()), label="lesson"))

    @rule(quiz_id=st.sampled_from(QUIZZES), right=ANSWERS)
    def she_takes_a_quiz(self, quiz_id, right):
        self.s.take_quiz(quiz_id, right)

    @rule(data=st.data(), odd=st.sampled_from(ODD_THINGS), right=st.booleans())
    def she_does_something_odd(self, data, odd, right):
        lessons, quiz = self._lessons(), st.sampled_from(QUIZZES)
        if odd == "open a lesson only":
            self.s.open_lesson(data.draw(st.sampled_from(lessons), label="lesson"))
        elif odd == "mark a lesson never opened":
            unopened = [slug for slug in LESSON_POOL if slug not in self.s.learner.opened]
            self.s.mark_done(data.draw(st.sampled_from(unopened or lessons), label="lesson"))
        elif odd == "mark done from an expired page":
            self.s.mark_done_from_expired_page(data.draw(st.sampled_from(lessons), label="lesson"))
        elif odd == "open a lesson taken out":
            gone = [slug for slug in LESSON_POOL if slug not in lessons]
            if gone:
                self.s.open_lesson(data.draw(st.sampled_from(gone), label="lesson"))
        elif odd == "send twice":
            self.s.take_quiz(data.draw(quiz, label="quiz"), right, twice=True)
        elif odd == "send an expired page":
            self.s.send_expired_page(data.draw(quiz, label="quiz"), right)
        elif odd == "send an old paper again" and self.s.sent:
            paper = data.draw(st.integers(0, len(self.s.sent) - 1), label="paper")
            self.s.send_old_paper_again(paper, right)
        elif odd == "send a made-up token":
            self.s.send_made_up_token(data.draw(quiz, label="quiz"))

    # -- the trainer ---------------------------------------------------------------------
    @rule(data=st.data(), edit=st.sampled_from(EDITS))
    def trainer_publishes_a_change(self, data, edit):
        """One edit of the course, then `flask content publish`."""
        content = self.s.world.content
        if edit == "add a lesson":
            new = [slug for slug in LESSON_POOL if content.lesson(slug) is None]
            if new:
                module = data.draw(st.integers(0, len(content.modules) - 1), label="module")
                place = data.draw(st.integers(0, len(content.modules[module].lessons)), label="place")
                self.s.add_lesson(module, place, data.draw(st.sampled_from(new), label="slug"),
                                  data.draw(st.booleans(), label="required"))
        elif edit == "remove a lesson":  # never a module's last lesson
            removable = [lesson for module in content.modules if len(module.lessons) > 1
                         for lesson in module.lessons]
            if removable:
                self.s.remove_lesson(self._lesson_to_change(data, removable).slug)
        elif edit == "make optional or required":
            lesson = self._lesson_to_change(data, content.lessons())
            self.s.set_required(lesson.slug, not lesson.required)
        else:
            quiz_id = data.draw(st.sampled_from(QUIZZES), label="quiz")
            places = st.sampled_from(["course", "nowhere"]
                                     + [f"module:{module.slug}" for module in content.modules]
                                     + [f"lesson:{slug}" for slug in self._lessons()])
            if quiz_id in content.quizzes() and quiz_id not in self.s.learner.passed:
                places = st.one_of(st.just("nowhere"), places)
            self.s.place_quiz(quiz_id, data.draw(places, label="where"))

    @precondition(lambda self: not self.s.learner.completed and 0 < len(self.s.left_to_do()) <= 2)
    @rule(data=st.data())
    def trainer_drops_what_she_has_left(self, data):
        """The change trainers make without thinking of those nearly done: the one or two
        steps she has left are made optional, taken out or (a quiz) no longer named."""
        self.s.drop([(kind, slug, kind == "lesson" and data.draw(st.booleans(), label=f"{slug} optional"))
                     for kind, slug in self.s.left_to_do()])

    # -- the coordinator, the admin, the calendar ----------------------------------------
    @rule(data=st.data(), change=st.sampled_from(ASSIGNMENT_CHANGES))
    def coordinator_changes_assignments(self, data, change):
        """Assign the course to a unit (some committee roles, a due date or none), remove an
        assignment, or undo the last removal."""
        world = self.s.world
        if change == "remove" and world.assignments:
            self.s.unassign(data.draw(st.sampled_from(world.assignments), label="assignment"))
            return
        if change == "undo the removal" and self.s.removed:
            self.s.undo_unassign()
            return
        units = [code for code, unit in sorted(world.units.items()) if unit.active]
        self.s.assign(data.draw(st.sampled_from(units), label="unit"),
                      data.draw(st.sampled_from(ROLE_CHOICES), label="roles"),
                      data.draw(st.sampled_from([None, 0, 1, 3]), label="due in days"))

    @rule(data=st.data(), change=st.sampled_from(UNIT_CHANGES))
    def admin_reorganises_units(self, data, change):
        world = self.s.world
        if change == "move a commune":
            commune = data.draw(st.sampled_from(world.active_units("commune")), label="commune")
            others = [d for d in world.active_units("district") if d != world.units[commune].parent]
            if others:
                self.s.move(commune, data.draw(st.sampled_from(others), label="under"))
            return
        units = world.active_units("commune" if change == "merge communes" else "district")
        if len(units) > 1:
            former = data.draw(st.sampled_from(units), label="former")
            into = data.draw(st.sampled_from([u for u in units if u != former]), label="into")
            self.s.merge(former, into)

    @rule(days=st.integers(1, 3))
    def days_pass(self, days):
        self.s.days_pass(days)

    @invariant()
    def every_page_agrees_with_the_model(self):
        self.s.check()


SETTINGS = settings(
    max_examples=int(os.environ.get("STATEFUL_EXAMPLES", "5")), stateful_step_count=20,
    deadline=None, derandomize=True, database=None,
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@pytest.mark.slow
def test_pages_agree_with_the_model_of_her_learning(stateful_site):
    class OnThisDatabase(LearningModel):
        site = stateful_site

    run_state_machine_as_test(OnThisDatabase, settings=SETTINGS)
