"""Lessons and quizzes written to hurt the site: `flask content check` names their line, the
site hides them instead of answering 500 (or hanging), and the rest keeps working.

10,000 nested ``>`` or ``*`` once raised RecursionError on every view of the lesson, and
15,000 ``[`` made Python-Markdown quadratic (9 KB took 14 s) until gunicorn killed the worker.
"""
from __future__ import annotations

import time
import uuid

import pytest

from app.content import load_catalogue
from app.content import render as render_module
from app.content.render import Renderer
from app.content.render_checks import check_rendering

HOSTILE = {
    "block-quotes": ">" * 10_000 + " deep",
    "list-stars": "* " * 10_000 + "deep",
    "emphasis-stars": "*" * 10_000 + "deep" + "*" * 10_000,
    "brackets": "[" * 15_000,
}
LESSON_HEAD = "---\ntitle: Deep\nminutes: 2\n---\nAn ordinary first line.\n\n"  # the hostile text is line 7
QUIZ_HEAD = "---\ntitle: Deep quiz\n---\n\n## A question\n\n"  # the question starts on line 5
GENEROUS_SECONDS = 5


def _course_tree(root, slug: str, body: str) -> None:
    lessons = root / slug / "01-start"
    lessons.mkdir(parents=True)
    (root / slug / "course.md").write_text(f"---\ntitle: Course {slug}\n---\nWelcome.\n", encoding="utf-8")
    (lessons / "01-deep.md").write_text(LESSON_HEAD + body + "\n", encoding="utf-8")
    (lessons / "02-fine.md").write_text("---\ntitle: Fine\nminutes: 2\n---\nAll *fine*.\n", encoding="utf-8")


@pytest.fixture(params=sorted(HOSTILE))
def hostile(request):
    return request.param, HOSTILE[request.param]


@pytest.fixture
def content(tmp_path, hostile):
    courses, quizzes = tmp_path / "courses", tmp_path / "quizzes"
    _course_tree(courses, "hostile", hostile[1])
    _course_tree(courses, "good", "Nothing *strange* here.")
    quizzes.mkdir()
    (quizzes / "deep.md").write_text(QUIZ_HEAD + hostile[1] + "\n\n- [x] yes\n- [ ] no\n", encoding="utf-8")
    return courses, quizzes


@pytest.fixture
def app_config(app_config, content):
    app_config.update(COURSES_DIR=str(content[0]), QUIZZES_DIR=str(content[1]))
    return app_config


def test_content_check_reports_the_hostile_line_as_an_error_quickly(runner, hostile):
    started = time.perf_counter()
    result = runner.invoke(args=["content", "check"])
    assert time.perf_counter() - started < GENEROUS_SECONDS
    assert result.exit_code == 1, result.output
    assert "courses/hostile/01-start/01-deep.md:7: " in result.output
    assert "quizzes/deep.md:5: " in result.output
    assert "courses/good" not in result.output


def test_the_site_hides_the_hostile_course_and_quiz_and_never_answers_500(app, client, make_member, login):
    make_member("lan")
    login("lan")
    for path, status in [("/courses/hostile/deep", 404), ("/courses/hostile/", 404), ("/quizzes/deep", 404),
                         ("/courses/good/deep", 200), ("/courses/", 200)]:
        started = time.perf_counter()
        assert client.get(path).status_code == status, path
        assert time.perf_counter() - started < GENEROUS_SECONDS, path


def test_the_health_page_lists_the_hostile_lesson_and_quiz(app, make_member, login):
    make_member("thao", role="trainer")
    trainer = app.test_client()
    login("thao", client_=trainer)
    page = trainer.get("/content/health")
    assert page.status_code == 200
    assert b"courses/hostile/01-start/01-deep.md:7:" in page.data
    assert b"quizzes/deep.md:5:" in page.data


def test_loading_the_hostile_lesson_takes_no_time(content):
    started = time.perf_counter()
    catalogue = load_catalogue(*content)
    assert time.perf_counter() - started < GENEROUS_SECONDS
    assert catalogue.course("hostile").is_broken and not catalogue.course("good").is_broken
    assert catalogue.quiz("deep").is_broken


@pytest.fixture
def fresh_renderer(monkeypatch):
    monkeypatch.setattr(render_module, "_default", Renderer())


def test_a_page_that_fails_to_render_is_hidden_and_listed(tmp_path, monkeypatch, fresh_renderer):
    marker = f"explodes-{uuid.uuid4().hex}"
    real = render_module.sanitize

    def sanitize(html, rewrite=None):
        if marker in html:
            raise ValueError("the sanitizer gave up")
        return real(html, rewrite)

    monkeypatch.setattr(render_module, "sanitize", sanitize)
    _course_tree(tmp_path / "courses", "fragile", f"Within every limit, yet {marker}.")
    _course_tree(tmp_path / "courses", "good", "Nothing strange here.")
    catalogue = check_rendering(load_catalogue(tmp_path / "courses", tmp_path / "quizzes"))
    assert catalogue.course("fragile").is_broken and not catalogue.course("good").is_broken
    [problem] = catalogue.course("fragile").problems
    assert str(problem).startswith("courses/fragile/01-start/01-deep.md:5: this text cannot be shown")  # its first line
    assert [c.slug for c in catalogue.visible_courses()] == ["good"]


def test_a_page_over_the_render_budget_is_an_error_that_every_worker_sees(tmp_path, monkeypatch):
    _course_tree(tmp_path / "courses", "slow", "Some text.")
    cache = tmp_path / "render-cache"
    monkeypatch.setattr(render_module, "_default", Renderer(cache))
    first = check_rendering(load_catalogue(tmp_path / "courses", tmp_path / "quizzes"), budget=0.0)
    assert first.course("slow").is_broken
    assert "took" in str(first.course("slow").problems[0]) and "the limit is 0 s" in str(first.errors[0])
    # Another worker reads the page from the shared cache without converting it, and comes
    # to the same verdict from the time measured by the first.
    monkeypatch.setattr(render_module, "_default", Renderer(cache))
    second = check_rendering(load_catalogue(tmp_path / "courses", tmp_path / "quizzes"), budget=0.0)
    assert render_module._default.conversions == 0
    assert second.errors == first.errors
    assert not check_rendering(load_catalogue(tmp_path / "courses", tmp_path / "quizzes")).errors
