"""Content that could never be completed, or "passed" with any answer, is an error."""
from __future__ import annotations

import pytest

from app.content.quizzes import load_quiz_file

OPTIONAL_ONLY = {
    "reading/course.md": "---\ntitle: Reading corner\n---\nOverview.\n",
    "reading/01-all/01-one.md": "---\ntitle: One\nrequired: false\n---\nText.\n",
    "reading/01-all/02-two.md": "---\ntitle: Two\nrequired: false\n---\nText.\n",
}


def test_a_course_of_optional_lessons_naming_no_quiz_is_an_error(load):
    catalogue = load(OPTIONAL_ONLY)
    course = catalogue.course("reading")
    assert course.is_broken and course not in catalogue.visible_courses()
    problem = next(p for p in catalogue.errors if p.path.endswith("reading/course.md"))
    assert problem.line == 1 and "can never be completed" in str(problem)


def test_one_required_lesson_a_quiz_or_sessions_make_it_completable(load):
    for change in ({"reading/01-all/02-two.md": "---\ntitle: Two\n---\nText.\n"},
                   {"reading/course.md": "---\ntitle: Reading corner\nquizzes: [check]\n---\nOverview.\n"},
                   {"reading/course.md": "---\ntitle: Reading corner\nsessions_required: 1\n---\nOverview.\n"}):
        catalogue = load({**OPTIONAL_ONLY, **change}, quizzes=["check"])
        assert not catalogue.course("reading").is_broken, change


@pytest.fixture
def site(app_config, tmp_path):
    """The site's content: the optional-only course and a GIFT quiz of descriptions only."""
    courses, quizzes = tmp_path / "site" / "courses", tmp_path / "site" / "quizzes"
    for relative, text in OPTIONAL_ONLY.items():
        (courses / relative).parent.mkdir(parents=True, exist_ok=True)
        (courses / relative).write_text(text, encoding="utf-8")
    quizzes.mkdir(parents=True)
    (quizzes / "intro.gift").write_text(DESCRIPTIONS_ONLY, encoding="utf-8")
    app_config.update(COURSES_DIR=str(courses), QUIZZES_DIR=str(quizzes))
    return app_config


def test_flask_content_check_reports_both_and_fails(site, runner):
    result = runner.invoke(args=["content", "check"])
    assert result.exit_code == 1
    assert "reading/course.md:1: this course can never be completed" in result.output
    assert "intro.gift:1: the quiz has no question that is scored" in result.output
    assert "2 errors" in result.output


DESCRIPTIONS_ONLY = """\
::Welcome:: Welcome to the quiz about groups.{}

::About:: These questions are about the pilot groups of Ba Tri.{}
"""


def test_a_gift_quiz_of_descriptions_only_is_an_error(tmp_path):
    path = tmp_path / "intro.gift"
    path.write_text(DESCRIPTIONS_ONLY, encoding="utf-8")
    quiz = load_quiz_file(path, "quizzes/intro.gift")
    assert quiz.is_broken
    assert any("no question that is scored" in str(p) and p.line == 1 for p in quiz.problems)


def test_a_markdown_quiz_of_essays_only_is_an_error(tmp_path):
    path = tmp_path / "reflect.md"
    path.write_text("---\ntitle: Reflect\n---\n## What did you learn? {.essay}\n\nWrite a few lines.\n",
                    encoding="utf-8")
    quiz = load_quiz_file(path, "quizzes/reflect.md")
    assert quiz.questions and not quiz.graded_questions
    assert quiz.is_broken and any("no question that is scored" in str(p) for p in quiz.problems)


def test_a_quiz_of_descriptions_only_cannot_be_taken_or_passed(site, client, make_member, login):
    make_member("lan")
    login("lan")
    assert client.get("/quizzes/intro").status_code == 404
    assert client.get("/courses/reading/").status_code == 404
