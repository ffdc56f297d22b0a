"""These tests read the small course and quiz of ``quiz_dirs``, whose right answers they know."""
from __future__ import annotations

import pytest


@pytest.fixture
def app_config(app_config, quiz_dirs):
    courses, quizzes, _ = quiz_dirs
    app_config.update(COURSES_DIR=str(courses), QUIZZES_DIR=str(quizzes))
    return app_config
