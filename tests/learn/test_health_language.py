"""The content-health page shows each problem in the reader's language; `flask content check`
keeps printing the trainers' English `path:line: message`."""
from __future__ import annotations

import html

import pytest

MISSING_TITLE = "missing title: add a line like 'title: Setting up your group' to the front matter"
NO_QUIZ = "quiz 'gone' does not exist (no quizzes/gone.md or quizzes/gone.gift)"


@pytest.fixture
def app_config(app_config, tmp_path):
    courses = tmp_path / "courses"
    (courses / "fb" / "01-start").mkdir(parents=True)
    (courses / "fb" / "course.md").write_text("---\nsummary: No title here\nquizzes: [gone]\n---\nHi.\n",
                                              encoding="utf-8")
    (courses / "fb" / "01-start" / "01-hello.md").write_text("---\ntitle: Hello\nminutes: 2\n---\nHi.\n",
                                                             encoding="utf-8")
    (tmp_path / "quizzes").mkdir()
    app_config.update(COURSES_DIR=str(courses), QUIZZES_DIR=str(tmp_path / "quizzes"))
    return app_config


def _health(client, make_member, login, language: str) -> str:
    make_member("trainer1", role="trainer", language=language)
    login("trainer1")
    page = client.get("/content/health")
    assert page.status_code == 200
    return html.unescape(page.get_data(as_text=True))


def test_an_english_reader_sees_the_place_and_the_english_words(client, make_member, login):
    text = _health(client, make_member, login, "en")
    assert "courses/fb/course.md:1:</code> " + MISSING_TITLE in text
    assert "courses/fb/course.md:3:</code> " + NO_QUIZ in text


def test_every_message_on_the_page_is_looked_up_in_the_readers_language(client, make_member, login, monkeypatch):
    """Whatever the catalogue holds: the sentence and the values are each translated."""
    from app.learn import health

    monkeypatch.setattr(health, "gettext", lambda template: "«" + template + "»")
    text = _health(client, make_member, login, "en")
    assert "courses/fb/course.md:1:</code> «" + MISSING_TITLE + "»" in text
    assert "courses/fb/course.md:3:</code> «" + NO_QUIZ + "»" in text  # the template, then its values


def test_a_vietnamese_reader_sees_a_known_problem_in_vietnamese(client, make_member, login):
    text = _health(client, make_member, login, "vi")
    assert "courses/fb/course.md:1:</code> thiếu tiêu đề: hãy thêm vào phần đầu tệp một dòng như " \
           "'title: Setting up your group'" in text
    assert "bài kiểm tra 'gone' không tồn tại (không có quizzes/gone.md hoặc quizzes/gone.gift)" in text
    assert MISSING_TITLE not in text


def test_the_command_line_keeps_the_english_contract(runner):
    result = runner.invoke(args=["content", "check"])
    assert result.exit_code == 1
    assert f"courses/fb/course.md:1: {MISSING_TITLE}" in result.output
    assert f"courses/fb/course.md:3: {NO_QUIZ}" in result.output
