"""What a member's learning should look like, worked out in plain Python from what happened.

The model knows nothing of the app: it holds the course as the trainer last published it,
what the member did (lessons opened and done, quiz attempts), the union's units and
assignments, and the union's calendar. From that it says what every page must show.

The rules it follows are the ones the README and ``app/progress/rules.py`` give:

* A course is complete when every required lesson is done and every quiz the course names
  (course, module or lesson) is passed, and it has at least one such step.
* The completion is stored, with a certificate, the moment that becomes true, and a stored
  completion stands: later content (a new required lesson or quiz) shows her "new
  material" but takes nothing away.
* Progress is kept by lesson slug and quiz id, whatever the content: a lesson removed and
  added back is done again; a quiz passed before a course named it counts once it does.
* A course she has not completed is "in progress" once she opened a lesson the course has
  now, or submitted an attempt of a quiz it names now; past its due date it is overdue.
* An assignment reaches a member when it was made on her unit or a unit above it and
  names her committee role (or no role); the earliest due date counts.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

COURSE = "learning"
QUIZZES = ("check", "recap")


@dataclass
class Lesson:
    slug: str
    required: bool = True
    quiz: str | None = None  # a quiz right after the lesson


@dataclass
class Module:
    slug: str
    lessons: list[Lesson]
    quiz: str | None = None  # the quiz that closes the module


@dataclass
class Content:
    """The course as published: modules of lessons, and the quizzes it names."""

    modules: list[Module]
    course_quizzes: list[str] = field(default_factory=list)

    def lessons(self) -> list[Lesson]:
        return [lesson for module in self.modules for lesson in module.lessons]

    def lesson(self, slug: str) -> Lesson | None:
        return next((lesson for lesson in self.lessons() if lesson.slug == slug), None)

    def required_lessons(self) -> set[str]:
        return {lesson.slug for lesson in self.lessons() if lesson.required}

    def quizzes(self) -> list[str]:
        """Every quiz the course names, each once."""
        named = list(self.course_quizzes)
        for module in self.modules:
            named += [lesson.quiz for lesson in module.lessons if lesson.quiz]
            named += [module.quiz] if module.quiz else []
        return list(dict.fromkeys(named))

    def place_quiz(self, quiz_id: str, where: str) -> None:
        """Name the quiz in one place: "course", "module:<slug>", "lesson:<slug>" or "nowhere"."""
        self.course_quizzes = [q for q in self.course_quizzes if q != quiz_id]
        for module in self.modules:
            module.quiz = None if module.quiz == quiz_id else module.quiz
            for lesson in module.lessons:
                lesson.quiz = None if lesson.quiz == quiz_id else lesson.quiz
        kind, _, slug = where.partition(":")
        if kind == "course":
            self.course_quizzes.append(quiz_id)
        elif kind == "module":
            next(m for m in self.modules if m.slug == slug).quiz = quiz_id
        elif kind == "lesson":
            self.lesson(slug).quiz = quiz_id

    def steps(self) -> list[tuple[str, str, bool]]:
        """(kind, slug, required) in the order she meets them: each lesson and its quiz, a
        module's quiz at the module's end, then the course's own quizzes not met before."""
        found: list[tuple[str, str, bool]] = []
        seen: set[str] = set()

        def quiz(quiz_id: str | None) -> None:
            if quiz_id and quiz_id not in seen:
                seen.add(quiz_id)
                found.append(("quiz", quiz_id, True))

        for module in self.modules:
            for lesson in module.lessons:
                found.append(("lesson", lesson.slug, lesson.required))
                quiz(lesson.quiz)
            quiz(module.quiz)
        for quiz_id in self.course_quizzes:
            quiz(quiz_id)
        return found


@dataclass
class Assignment:
    id: int
    unit: str  # unit code
    roles: tuple[str, ...]  # empty: every committee role
    due: date | None


@dataclass
class Unit:
    code: str
    name: str
    level: str  # province, district, commune
    parent: str | None
    active: bool = True


@dataclass
class Person:
    username: str
    full_name: str
    committee_role: str
    unit: str
    platform_role: str = "officer"


@dataclass
class Learner:
    """What she did, as stored; nothing here is ever forgotten."""

    opened: set[str] = field(default_factory=set)
    done: set[str] = field(default_factory=set)
    attempted: set[str] = field(default_factory=set)  # quizzes with a submitted attempt
    passed: set[str] = field(default_factory=set)
    results: list[bool] = field(default_factory=list)  # each submitted attempt: passed?
    completed: bool = False  # a completion is stored (and with it a certificate)
    certificate_unit: str | None = None  # the name of her unit when it was issued


@dataclass
class Expected:
    """One member's course as every page must show it."""

    assigned: bool
    status: str | None  # not_started, in_progress, completed, overdue; None when not assigned
    complete: bool
    certificate: bool
    new_material: bool
    percent: int
    lessons_done: int  # lessons of the course she has done, required or not
    lessons_total: int
    quizzes_passed: int
    quizzes_total: int
    started: bool
    next_step: tuple[str, str] | None  # ("lesson"|"quiz", slug) where "Continue" leads
    best_score: float | None  # her best percent on the quizzes the course names; None: none sent


class World:
    """The whole model: content, units, people, assignments, the calendar, her learning."""

    def __init__(self, content: Content, units: list[Unit], people: list[Person], today: date):
        self.content = content
        self.units = {unit.code: unit for unit in units}
        self.people = {person.username: person for person in people}
        self.assignments: list[Assignment] = []
        self.today = today
        self.learners = {person.username: Learner() for person in people}
        self.merged_into: dict[str, str] = {}  # former unit -> the unit it was merged into

    # -- units ---------------------------------------------------------------------------
    def ancestry(self, code: str) -> list[str]:
        """The unit and every unit above it."""
        chain = []
        while code is not None:
            chain.append(code)
            code = self.units[code].parent
        return chain

    def active_units(self, level: str) -> list[str]:
        return sorted(code for code, unit in self.units.items()
                      if unit.active and unit.level == level)

    def members_of(self, code: str) -> list[str]:
        """Usernames of the people in the unit itself or below it."""
        return sorted(name for name, person in self.people.items()
                      if code in self.ancestry(person.unit))

    def merge(self, former: str, into: str) -> None:
        """Everything that pointed at ``former`` points at ``into``; ``former`` is switched off."""
        for person in self.people.values():
            if person.unit == former:
                person.unit = into
        for assignment in self.assignments:
            if assignment.unit == former:
                assignment.unit = into
        for unit in self.units.values():
            if unit.parent == former:
                unit.parent = into
        self.units[former].active = False
        self.merged_into[former] = into

    def merged(self, code: str) -> str:
        """The unit a code stands for now: itself, or the unit it was (at last) merged into."""
        while code in self.merged_into:
            code = self.merged_into[code]
        return code

    def move(self, code: str, parent: str) -> None:
        self.units[code].parent = parent

    # -- assignments ---------------------------------------------------------------------
    def assignments_of(self, username: str) -> list[Assignment]:
        person = self.people[username]
        above = self.ancestry(person.unit)
        return [a for a in self.assignments
                if a.unit in above and (not a.roles or person.committee_role in a.roles)]

    # -- her learning --------------------------------------------------------------------
    def requirements_met(self, learner: Learner) -> bool:
        required, quizzes = self.content.required_lessons(), self.content.quizzes()
        return (bool(required or quizzes) and required <= learner.done
                and set(quizzes) <= learner.passed)

    def settle(self, username: str) -> None:
        """Store the completion the moment nothing required is left undone: after the step
        that does the last of it, and after a publish that leaves nothing undone (a lesson
        made optional or removed, a quiz no longer named)."""
        learner = self.learners[username]
        if not learner.completed and self.requirements_met(learner):
            learner.completed = True
            learner.certificate_unit = self.units[self.people[username].unit].name

    def expected(self, username: str) -> Expected:
        learner = self.learners[username]
        lessons = {lesson.slug for lesson in self.content.lessons()}
        required, quizzes = self.content.required_lessons(), self.content.quizzes()
        all_done = self.requirements_met(learner)
        complete = learner.completed  # settle() stores it whenever nothing required is left
        steps_total = len(required) + len(quizzes)
        steps_done = len(required & learner.done) + len(set(quizzes) & learner.passed)
        new_material = learner.completed and not all_done
        if complete and not new_material:
            percent = 100
        else:
            percent = round(100.0 * steps_done / steps_total) if steps_total else 0
        started = (bool(lessons & (learner.opened | learner.done))
                   or bool(set(quizzes) & learner.attempted) or learner.completed)
        mine = self.assignments_of(username)
        status = None
        if mine:
            dues = [a.due for a in mine if a.due is not None]
            due = min(dues) if dues else None
            if complete:
                status = "completed"
            elif due is not None and self.today > due:
                status = "overdue"
            else:
                status = "in_progress" if started else "not_started"
        return Expected(
            assigned=bool(mine), status=status, complete=complete, certificate=learner.completed,
            new_material=new_material, percent=percent,
            lessons_done=len(lessons & learner.done), lessons_total=len(lessons),
            quizzes_passed=len(set(quizzes) & learner.passed), quizzes_total=len(quizzes),
            started=started, next_step=self.next_step(learner),
            # each quiz has one question: a pass is 100 %, a fail 0 %
            best_score=((100.0 if set(quizzes) & learner.passed else 0.0)
                        if set(quizzes) & learner.attempted else None),
        )

    def next_step(self, learner: Learner) -> tuple[str, str] | None:
        """The first required step not done, else the first optional lesson not read."""
        def undone(kind: str, slug: str) -> bool:
            return slug not in (learner.passed if kind == "quiz" else learner.done)

        steps = self.content.steps()
        first = next(((k, s) for k, s, req in steps if req and undone(k, s)), None)
        return first or next(((k, s) for k, s, _req in steps if undone(k, s)), None)

    def step_after(self, slug: str, learner: Learner) -> tuple[str, str] | None:
        """Where "mark as done and continue" leads: a quiz still to pass before the next
        lesson, else the next lesson (optional or not), else the course's end (None)."""
        steps = self.content.steps()
        index = next(i for i, (kind, s, _req) in enumerate(steps) if kind == "lesson" and s == slug)
        for kind, s, _req in steps[index + 1:]:
            if kind == "lesson" or s not in learner.passed:
                return kind, s
        return None
