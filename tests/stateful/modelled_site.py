"""The real site and the model side by side: each action is done on the site by the person who
does it there, and recorded in the model; ``check()`` compares every page with the model.

Both the random sequences (``test_learning_model``) and the written-out ones use these actions.
"""
from __future__ import annotations

import copy
from contextlib import ExitStack
from datetime import timedelta

from sqlalchemy import select

from app.extensions import db
from app.models import Unit

from . import pages
from .checks import check_everything
from .course_files import write_course, write_quizzes
from .driver import Browser, Coordinator, Paper, Trainer, UnionCalendar, quiz_url, step_url
from .model import COURSE, Assignment, Lesson
from .starting_point import COORDINATOR, FIRST_ASSIGNMENT, LEARNER, new_world, populate


class ModelledSite:
    """A fresh site (empty database, the first content published, the course assigned to her
    district) and the model of it; ``close()`` puts the union's clock back."""

    def __init__(self, site):
        self.site = site
        self.zone = site.app.config["BABEL_DEFAULT_TIMEZONE"]  # the union's days
        self.stack = ExitStack()
        self.calendar = UnionCalendar(self.stack)
        try:
            self._start()
        except BaseException:
            self.stack.close()
            raise

    def _start(self) -> None:
        self.world = new_world(self.calendar.today(self.zone))
        content, app = self.world.content, self.site.app
        self.site.reset(lambda courses, quizzes: (write_course(courses, content),
                                                  write_quizzes(quizzes)))
        self.ids = populate(app, self.world)
        with app.app_context():
            self.unit_ids = dict(db.session.execute(select(Unit.code, Unit.id)).all())
            db.scoped.remove()
        self.trainer = Trainer(app, self.site.courses_dir)
        self.trainer.publish(content)
        self.her = Browser(app, LEARNER)
        self.coordinator = Coordinator(app, COORDINATOR)
        self.certificate: str | None = None  # her certificate's code, once seen
        self.removed: Assignment | None = None  # the last assignment removed, to put back
        self.papers: dict[str, Paper] = {}  # quiz id -> the open paper she holds
        self.sent: list[tuple[Paper, str]] = []  # papers sent, with their result page
        self.assign(*FIRST_ASSIGNMENT)

    def close(self) -> None:
        self.stack.close()

    def check(self) -> None:
        check_everything(self)

    @property
    def learner(self):
        return self.world.learners[LEARNER]

    # -- what she does -------------------------------------------------------------------
    def open_lesson(self, slug: str) -> None:
        exists = self.world.content.lesson(slug) is not None
        self.her.get(f"/courses/{COURSE}/{slug}", 200 if exists else 404)
        if exists:
            self.learner.opened.add(slug)

    def mark_done(self, slug: str) -> None:
        """"Mark as done and continue": it leads to the next step, or to the course page when
        it finished the course; a lesson she never opened is refused (read it first)."""
        url = f"/courses/{COURSE}/{slug}"
        if self.world.content.lesson(slug) is None:
            self.her.post(url + "/done", {}, 404)
            return
        if slug not in self.learner.opened:
            assert self.her.post(url + "/done", {}, 303).headers["Location"] == url
            return
        response = self.her.post(url + "/done", {}, 302)
        was_complete = self.learner.completed
        self.learner.done.add(slug)
        self.world.settle(LEARNER)
        just_completed = self.learner.completed and not was_complete
        expected = step_url(None if just_completed else self.world.step_after(slug, self.learner))
        assert response.headers["Location"] == expected, (
            f"'mark as done' on {slug} led to {response.headers['Location']}, not {expected}")

    def mark_done_from_expired_page(self, slug: str) -> None:
        """A lesson page left open too long: "Mark as done" is refused, nothing is stored."""
        self.open_lesson(slug)
        refused = self.her.client.post(f"/courses/{COURSE}/{slug}/done",
                                       data={"csrf_token": "expired"})
        assert refused.status_code == 400, f"an expired lesson page: {refused.status_code}"

    def read(self, slug: str) -> None:
        self.open_lesson(slug)
        self.mark_done(slug)

    def open_quiz(self, quiz_id: str) -> Paper:
        """Her paper: opening the quiz again shows the attempt she has open."""
        paper = Paper(quiz_id, self.her.get(quiz_url(quiz_id)))
        held = self.papers.get(quiz_id)
        assert held is None or held.token == paper.token, "opening it again shows the same attempt"
        self.papers[quiz_id] = paper
        return paper

    def send(self, quiz_id: str, right: bool, *, twice: bool = False) -> None:
        """Send the open paper; ``twice`` is a double tap: the second POST, even with other
        answers, shows the same result and stores nothing."""
        paper = self.papers.pop(quiz_id)
        first = self.her.client.post(quiz_url(quiz_id), data=paper.form(right))
        assert first.status_code == 303, f"sending {quiz_id}: {first.status_code}"
        if twice:
            again = self.her.client.post(quiz_url(quiz_id), data=paper.form(not right))
            same = (303, first.headers["Location"])
            assert (again.status_code, again.headers["Location"]) == same, "a double tap"
        self.sent.append((paper, first.headers["Location"]))
        self.learner.results.append(right)
        self.learner.attempted.add(quiz_id)
        if right:
            self.learner.passed.add(quiz_id)
            if quiz_id in self.world.content.quizzes():  # only a quiz the course names completes it
                self.world.settle(LEARNER)

    def take_quiz(self, quiz_id: str, right: bool, *, twice: bool = False) -> None:
        self.open_quiz(quiz_id)
        self.send(quiz_id, right, twice=twice)

    def send_expired_page(self, quiz_id: str, right: bool) -> None:
        """A page left open too long: refused, her answers kept, nothing stored."""
        paper = self.open_quiz(quiz_id)
        refused = self.her.client.post(quiz_url(quiz_id), data=paper.form(right, csrf="expired"))
        assert refused.status_code == 400

    def send_old_paper_again(self, index: int, right: bool) -> None:
        """A paper already sent (the back button, a stale tab): its result again, nothing new."""
        paper, result = self.sent[index]
        again = self.her.client.post(quiz_url(paper.quiz_id), data=paper.form(right))
        assert (again.status_code, again.headers["Location"]) == (303, result)

    def send_made_up_token(self, quiz_id: str) -> None:
        forged = {**self.open_quiz(quiz_id).form(True), "token": "x" * 32}
        assert self.her.client.post(quiz_url(quiz_id), data=forged).status_code == 404

    def continue_button(self) -> str | None:
        """Where "Continue" on My learning leads (or, when the course is done, on its page)."""
        return (pages.my_learning(self.her.get("/me").data).continue_href
                or pages.course_page(self.her.get(f"/courses/{COURSE}/").data).button_href)

    def press_continue(self, right: bool) -> None:
        """Press "Continue" and do that step: mark the lesson done, or answer the quiz."""
        target = self.continue_button()
        if target is None or target == step_url(None):
            return
        if target.startswith("/quizzes/"):
            self.take_quiz(target.split("/")[2].split("?")[0], right)
        else:
            self.read(target.rsplit("/", 1)[1])

    def left_to_do(self) -> list[tuple[str, str]]:
        content, learner = self.world.content, self.learner
        return ([("lesson", slug) for slug in sorted(content.required_lessons() - learner.done)]
                + [("quiz", quiz) for quiz in content.quizzes() if quiz not in learner.passed])

    # -- the trainer ---------------------------------------------------------------------
    def edit_and_publish(self, edit) -> bool:
        """``edit(content)`` on the course files, then `flask content publish`; a publish
        refused (nothing left to complete) leaves the content served as it was. True when
        published."""
        published = copy.deepcopy(self.world.content)
        edit(self.world.content)
        if not self.trainer.publish(self.world.content):
            self.world.content = published
            return False
        for username in self.world.learners:
            self.world.settle(username)
        return True

    def add_lesson(self, module: int, place: int, slug: str, required: bool) -> bool:
        lesson = Lesson(slug, required)
        return self.edit_and_publish(lambda c: c.modules[module].lessons.insert(place, lesson))

    def remove_lesson(self, slug: str) -> bool:
        return self.edit_and_publish(lambda content: _remove(content, slug))

    def drop(self, steps: list[tuple[str, str, bool]]) -> bool:
        """One publish that drops steps: (kind, slug, optional rather than removed) each; a
        quiz is no longer named, a lesson made optional or taken out (never the last one)."""
        def edit(content):
            for kind, slug, optional in steps:
                if kind == "quiz":
                    content.place_quiz(slug, "nowhere")
                elif optional or len(content.lessons()) == 1:
                    content.lesson(slug).required = False
                else:
                    _remove(content, slug)
        return self.edit_and_publish(edit)

    def set_required(self, slug: str, required: bool) -> bool:
        return self.edit_and_publish(lambda c: setattr(c.lesson(slug), "required", required))

    def place_quiz(self, quiz_id: str, where: str) -> bool:
        return self.edit_and_publish(lambda c: c.place_quiz(quiz_id, where))

    # -- the coordinator, the admin, the calendar ----------------------------------------
    def assign(self, unit: str, roles: tuple[str, ...], due_in: int | None) -> None:
        due = None if due_in is None else self.world.today + timedelta(days=due_in)
        made = self.coordinator.assign(self.unit_ids[unit], roles, due)
        self.world.assignments.append(Assignment(made, unit, roles, due))

    def unassign(self, assignment: Assignment) -> None:
        self.coordinator.unassign(assignment.id)
        self.world.assignments.remove(assignment)
        self.removed = assignment

    def undo_unassign(self) -> None:
        """Put the last removed assignment back as it was; on a unit merged since, it covers
        the unit it was merged into, as every assignment of a merged unit does."""
        kept, self.removed = self.removed, None
        made = self.coordinator.undo_unassign()
        self.world.assignments.append(Assignment(made, self.world.merged(kept.unit), kept.roles, kept.due))

    def merge(self, former: str, into: str) -> None:
        self.coordinator.units("merge", former, "--into", into)
        self.world.merge(former, into)

    def move(self, commune: str, district: str) -> None:
        self.coordinator.units("move", commune, "--under", district)
        self.world.move(commune, district)

    def days_pass(self, days: int) -> None:
        self.calendar.days_pass(days)
        self.world.today = self.calendar.today(self.zone)


def _remove(content, slug: str) -> None:
    """Take a lesson out; a module left without lessons goes too."""
    for module in content.modules:
        module.lessons = [lesson for lesson in module.lessons if lesson.slug != slug]
    content.modules = [module for module in content.modules if module.lessons]
