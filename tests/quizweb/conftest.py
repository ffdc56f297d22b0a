"""A small quiz folder of our own, so the tests know the right answers."""
from __future__ import annotations

import textwrap

import pytest

QUIZ = textwrap.dedent("""\
    ---
    title: Group basics
    pass_mark: 50
    max_attempts: {max_attempts}
    shuffle_choices: true
    show_answers: after_attempt
    ---
    ## Who sees posts in a private group? {{#private}}
    Pick one.

    - [ ] Anyone on Facebook
      > Feedback-wrong-anyone
    - [x] Only members
      > Feedback-right-members

    > Explanation-private

    ## Two-step login protects admins {{#twostep}}

    - [x] True
    - [ ] False

    ## How many posts a day did the pilot group make? {{#posts}}

    - number: 3 ± 1
    """)


@pytest.fixture
def quiz_dirs(tmp_path):
    """Write the course and quiz folders; returns a function to set max attempts."""
    courses = tmp_path / "courses"
    (courses / "basics" / "01-start").mkdir(parents=True)
    (courses / "basics" / "course.md").write_text("---\ntitle: Basics\nquizzes: [basics]\n---\nHello.\n", encoding="utf-8")
    (courses / "basics" / "01-start" / "01-hello.md").write_text("---\ntitle: Hello\nminutes: 3\n---\nRead me.\n", encoding="utf-8")
    quizzes = tmp_path / "quizzes"
    quizzes.mkdir()

    def write(max_attempts: int = 0):
        (quizzes / "basics.md").write_text(QUIZ.format(max_attempts=max_attempts), encoding="utf-8")

    write()
    return courses, quizzes, write


@pytest.fixture
def app_config(app_config, quiz_dirs):
    courses, quizzes, _ = quiz_dirs
    app_config.update(COURSES_DIR=str(courses), QUIZZES_DIR=str(quizzes))
    return app_config
