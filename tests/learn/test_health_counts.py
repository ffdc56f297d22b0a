"""The content-health page counts errors and warnings at the top, each with colour, an icon
and words, and marks every problem the same way."""
from __future__ import annotations

import re

import pytest

from app.content_store import catalogue


@pytest.fixture
def app_config(app_config, tmp_path):
    courses = tmp_path / "courses"
    (courses / "good" / "01-start").mkdir(parents=True)
    (courses / "good" / "course.md").write_text("---\ntitle: Good course\n---\nHi.\n", encoding="utf-8")
    (courses / "good" / "01-start" / "01-hello.md").write_text("---\ntitle: Hello\nminutes: 2\n---\nHi.\n",
                                                               encoding="utf-8")
    (courses / "broken" / "01-start").mkdir(parents=True)
    (courses / "broken" / "course.md").write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    (courses / "broken" / "01-start" / "01-x.md").write_text("---\ntitle: X\nminutes: 2\n---\nX\n",
                                                             encoding="utf-8")
    (tmp_path / "quizzes").mkdir()
    app_config.update(COURSES_DIR=str(courses), QUIZZES_DIR=str(tmp_path / "quizzes"))
    return app_config


def _badge(status: str, words: str) -> re.Pattern:
    return re.compile(rf'<span class="badge badge-{status}"><span class="badge-icon" aria-hidden="true">'
                      rf'[^<]+</span> {words}</span>')


def test_errors_and_warnings_are_counted_at_the_top_with_the_status_badge(app, client, make_member, login):
    with app.app_context():
        problems = catalogue().problems
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    assert errors >= 1
    make_member("trainer1", role="trainer")
    login("trainer1")
    html = client.get("/content/health").data.decode()
    top = html[html.index("<h1>"):html.index("<table")]
    assert _badge("error", f"{errors} errors?").search(top)
    assert _badge("warning" if warnings else "passed", f"{warnings} warnings?").search(top)
    assert len(_badge("error", "Error").findall(html)) == errors  # each listed error marked as one
