"""``sessions_required`` in course.md: read, checked with the line, documented."""
from __future__ import annotations

from pathlib import Path

import pytest

from app.content import load_catalogue

ROOT = Path(__file__).resolve().parents[2]


def _course(tmp_path, value: str):
    course = tmp_path / "courses" / "blend"
    (course / "01-a").mkdir(parents=True)
    (course / "course.md").write_text(f"---\ntitle: Blend\nsessions_required: {value}\n---\nHi.\n", encoding="utf-8")
    (course / "01-a" / "01-x.md").write_text("---\ntitle: X\n---\nText.\n", encoding="utf-8")
    (tmp_path / "quizzes").mkdir()
    return load_catalogue(tmp_path / "courses", tmp_path / "quizzes")


def test_sessions_required_is_read(tmp_path):
    catalogue = _course(tmp_path, "2")
    course = catalogue.course("blend")
    assert course.sessions_required == 2 and not course.is_broken


@pytest.mark.parametrize("value", ["-1", "yes", "1.5", "true", "[1]"])
def test_a_wrong_value_is_an_error_at_its_line(tmp_path, value):
    course = _course(tmp_path, value).course("blend")
    messages = [str(p) for p in course.problems]
    assert any(m.startswith("courses/blend/course.md:3: ") and "'sessions_required' must be a whole number of 0 or more"
               in m for m in messages), messages
    assert course.is_broken


def test_missing_means_online_only(tmp_path):
    course = tmp_path / "courses" / "plain"
    (course / "01-a").mkdir(parents=True)
    (course / "course.md").write_text("---\ntitle: Plain\n---\nHi.\n", encoding="utf-8")
    (course / "01-a" / "01-x.md").write_text("---\ntitle: X\n---\nText.\n", encoding="utf-8")
    (tmp_path / "quizzes").mkdir()
    assert load_catalogue(tmp_path / "courses", tmp_path / "quizzes").course("plain").sessions_required == 0


def test_flask_content_check_prints_it(runner, course_dirs):
    courses, _quizzes = course_dirs
    (courses / "blend" / "01-a").mkdir(parents=True)
    (courses / "blend" / "course.md").write_text("---\ntitle: Blend\nsessions_required: -2\n---\nHi.\n",
                                                 encoding="utf-8")
    (courses / "blend" / "01-a" / "01-x.md").write_text("---\ntitle: X\n---\nText.\n", encoding="utf-8")
    result = runner.invoke(args=["content", "check"])
    assert result.exit_code == 1
    assert "courses/blend/course.md:3: 'sessions_required' must be a whole number of 0 or more, like " \
           "sessions_required: 1, not -2" in result.output


def test_the_setting_is_documented():
    readme = (ROOT / "courses" / "README.md").read_text(encoding="utf-8")
    assert "`sessions_required`" in readme and "'sessions_required' must be a whole number of 0 or more" in readme
